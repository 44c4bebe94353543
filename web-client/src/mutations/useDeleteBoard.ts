import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useRef } from 'react';
import { forgetBoard, unlistBoard } from '../apollo/boards';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const DeleteBoardMutation = graphql(`
  mutation DeleteBoard($id: ID!) {
    deleteBoard(id: $id)
  }
`);

/**
 * The owner deletes the board. Not optimistic: it takes every task with it, for every member, so
 * the page waits for the server before it leaves. The board leaves the boards list when the server
 * agrees, and the cache once the component that deleted it has gone (with the board's page).
 */
export function useDeleteBoard() {
  const [mutate, { loading, client }] = useMutation(DeleteBoardMutation);
  const { failure, attempt, clear } = useFailure();
  const deleted = useRef<string | null>(null);

  useEffect(
    () => () => {
      const id = deleted.current;
      if (id) setTimeout(() => forgetBoard(client.cache, id), 0);
    },
    [client],
  );

  const deleteBoard = useCallback(
    async (id: string): Promise<boolean> => {
      const result = await attempt(
        () =>
          mutate({
            variables: { id },
            update(cache) {
              unlistBoard(cache, id);
            },
          }),
        { fallback: 'The board could not be deleted.' },
      );
      if (result === undefined) return false;
      deleted.current = id;
      return true;
    },
    [attempt, mutate],
  );

  return { deleteBoard, deleting: loading, error: failure?.message ?? null, clearError: clear };
}
