import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { graphql } from '../gql';
import { useFailure } from './useFailure';

export const RenameBoardMutation = graphql(`
  mutation RenameBoard($input: RenameBoardInput!) {
    renameBoard(input: $input) {
      id
      name
    }
  }
`);

/**
 * The owner renames the board: the new name shows at once everywhere the board is (its page, the
 * boards list: one cache entry), and the old one comes back if the server refuses. The live event of
 * the rename then sets the name it already has.
 */
export function useRenameBoard() {
  const [mutate, { loading }] = useMutation(RenameBoardMutation);
  const { failure, attempt, clear } = useFailure();

  const renameBoard = useCallback(
    async (id: string, name: string): Promise<boolean> => {
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { id, name: name.trim() } },
            optimisticResponse: { renameBoard: { __typename: 'Board', id, name: name.trim() } },
          }),
        { fallback: 'The board could not be renamed.' },
      );
      return result !== undefined;
    },
    [attempt, mutate],
  );

  return { renameBoard, renaming: loading, error: failure?.message ?? null, clearError: clear };
}
