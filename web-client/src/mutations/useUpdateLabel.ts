import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const UpdateLabelMutation = graphql(`
  mutation UpdateLabel($input: UpdateLabelInput!) {
    updateLabel(input: $input) {
      id
      name
      color
    }
  }
`);

/**
 * Renames or recolours a label: every task showing it changes at once (one cache entry), the board's
 * set stays in name order, and the old name and colour come back if the server refuses.
 */
export function useUpdateLabel() {
  const [mutate, { loading }] = useMutation(UpdateLabelMutation);
  const { failure, attempt, clear } = useFailure();

  const updateLabel = useCallback(
    async (boardId: string, id: string, name: string, color: string): Promise<boolean> => {
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { id, name: name.trim(), color } },
            optimisticResponse: { updateLabel: { __typename: 'Label', id, name: name.trim(), color } },
            update(cache) {
              // in name order, as the API lists them and the label's live event leaves them
              cache.modify<{ labels: Reference[] }>({
                id: cache.identify({ __typename: 'Board', id: boardId }),
                fields: {
                  labels: (labels, { readField }) => {
                    const nameOf = (ref: Reference) => String(readField('name', ref) ?? '');
                    const sorted = [...labels].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
                    return sorted.every((l, i) => l.__ref === labels[i]?.__ref) ? labels : sorted;
                  },
                },
              });
            },
          }),
        { fallback: 'The label could not be saved.' },
      );
      return result !== undefined;
    },
    [attempt, mutate],
  );

  return { updateLabel, saving: loading, error: failure?.message ?? null, clearError: clear };
}
