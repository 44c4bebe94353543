import type { Reference } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../gql';
import { optimisticId } from './optimistic';
import { useIdempotencyKey } from './idempotency';
import { useFailure } from './useFailure';

export const CreateLabelMutation = graphql(`
  mutation CreateLabel($input: CreateLabelInput!) {
    createLabel(input: $input) {
      id
      name
      color
    }
  }
`);

/** Adds a label to the board's set (kept in name order, as the API lists them); shows at once. */
export function useCreateLabel() {
  const [mutate, { loading }] = useMutation(CreateLabelMutation);
  const { failure, attempt, clear } = useFailure();
  const { keyFor, settle } = useIdempotencyKey();

  const createLabel = useCallback(
    async (boardId: string, name: string, color: string) => {
      const idempotencyKey = keyFor({ boardId, name: name.trim(), color });
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { boardId, name: name.trim(), color, idempotencyKey } },
            optimisticResponse: { createLabel: { __typename: 'Label', id: optimisticId(), name: name.trim(), color } },
            update(cache, { data }) {
              if (!data) return;
              cache.modify<{ labels: Reference[] }>({
                id: cache.identify({ __typename: 'Board', id: boardId }),
                fields: {
                  labels: (labels, { toReference, readField }) => {
                    const label = toReference(data.createLabel);
                    if (!label || labels.some((l) => l.__ref === label.__ref)) return labels;
                    const nameOf = (ref: Reference) => String(readField('name', ref) ?? '');
                    return [...labels, label].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
                  },
                },
              });
            },
          }),
        { fallback: 'The label could not be created.' },
        settle,
      );
      if (result) settle();
      return result?.data?.createLabel;
    },
    [attempt, keyFor, mutate, settle],
  );

  return { createLabel, creating: loading, error: failure?.message ?? null, clearError: clear };
}
