import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const DeleteLabelMutation = graphql(`
  mutation DeleteLabel($id: ID!) {
    deleteLabel(id: $id)
  }
`);

/**
 * Deletes a label: it leaves the board's set at once and comes back if the server refuses. Once the
 * server agrees it leaves the cache, and with it every task's labels (a list drops a reference to
 * what is no longer cached); the server's TASK_UPDATED events then bring those tasks' new versions.
 */
export function useDeleteLabel() {
  const [mutate, { loading, client }] = useMutation(DeleteLabelMutation);
  const { failure, attempt, clear } = useFailure();

  const deleteLabel = useCallback(
    async (boardId: string, id: string): Promise<boolean> => {
      const result = await attempt(
        () =>
          mutate({
            variables: { id },
            optimisticResponse: { deleteLabel: id },
            update(cache) {
              const ref = cache.identify({ __typename: 'Label', id });
              cache.modify<{ labels: Reference[] }>({
                id: cache.identify({ __typename: 'Board', id: boardId }),
                fields: {
                  labels: (labels) => {
                    const kept = labels.filter((label) => label.__ref !== ref);
                    return kept.length === labels.length ? labels : kept;
                  },
                },
              });
            },
          }),
        { fallback: 'The label could not be deleted.' },
      );
      if (result === undefined) return false;
      // as the label's live event does (board/boardEvents.ts), which then changes nothing
      client.cache.evict({ id: client.cache.identify({ __typename: 'Label', id }) });
      client.cache.gc();
      return true;
    },
    [attempt, client, mutate],
  );

  return { deleteLabel, deleting: loading, error: failure?.message ?? null, clearError: clear };
}
