import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback, useEffect, useRef } from 'react';
import { forgetBoard, unlistBoard } from '../apollo/boards';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const RemoveMemberMutation = graphql(`
  mutation RemoveMember($boardId: ID!, $userId: ID!) {
    removeMember(boardId: $boardId, userId: $userId)
  }
`);

interface StoredMember {
  __typename: 'Member';
  role: string;
  user: Reference;
}

/**
 * The owner removes a member: they leave the members list at once and come back if the server
 * refuses (the server unassigns their tasks; those tasks' live events bring the new versions).
 * `leave` is a member removing themself: it waits for the server, as the page then goes away, and
 * the board leaves the cache once the component that left it has gone.
 */
export function useRemoveMember() {
  const [mutate, { loading, client }] = useMutation(RemoveMemberMutation);
  const { failure, attempt, clear } = useFailure();
  const left = useRef<string | null>(null);

  useEffect(
    () => () => {
      const id = left.current;
      if (id) setTimeout(() => forgetBoard(client.cache, id), 0);
    },
    [client],
  );

  const removeMember = useCallback(
    async (boardId: string, userId: string): Promise<boolean> => {
      const result = await attempt(
        () =>
          mutate({
            variables: { boardId, userId },
            optimisticResponse: { removeMember: true },
            update(cache) {
              // the same edit as the removal's live event (board/boardEvents.ts), which then changes nothing
              cache.modify<{ members: StoredMember[] }>({
                id: cache.identify({ __typename: 'Board', id: boardId }),
                fields: {
                  members: (members, { readField }) => {
                    const kept = members.filter((m) => readField('id', readField<Reference>('user', m)) !== userId);
                    return kept.length === members.length ? members : kept;
                  },
                },
              });
            },
          }),
        { fallback: 'The member could not be removed.' },
      );
      return result !== undefined;
    },
    [attempt, mutate],
  );

  const leave = useCallback(
    async (boardId: string, viewerId: string): Promise<boolean> => {
      const result = await attempt(
        () =>
          mutate({
            variables: { boardId, userId: viewerId },
            update(cache) {
              unlistBoard(cache, boardId);
            },
          }),
        { fallback: 'You could not leave the board.' },
      );
      if (result === undefined) return false;
      left.current = boardId;
      return true;
    },
    [attempt, mutate],
  );

  return { removeMember, leave, removing: loading, error: failure?.message ?? null, clearError: clear };
}
