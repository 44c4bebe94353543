// The owner's column changes: add, rename / set or remove the WIP limit, reorder, delete. Each shows at
// once where it can (a rename, a move) and comes back if the server refuses; the live event of the
// change then finds the cache as it already is, and changes nothing.
import type { ApolloClient } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { placeColumn, removeColumn, setColumnOrder, type ColumnInfo } from '../apollo/boardColumns';
import { graphql } from '../gql';
import { useIdempotencyKey } from './idempotency';
import { useFailure } from './useFailure';

export const CreateColumnMutation = graphql(`
  mutation CreateColumn($input: CreateColumnInput!) {
    createColumn(input: $input) {
      id
      ...ColumnFields
    }
  }
`);

export const UpdateColumnMutation = graphql(`
  mutation UpdateColumn($input: UpdateColumnInput!) {
    updateColumn(input: $input) {
      id
      ...ColumnFields
    }
  }
`);

export const MoveColumnMutation = graphql(`
  mutation MoveColumn($input: MoveColumnInput!) {
    moveColumn(input: $input) {
      id
      ...ColumnFields
    }
  }
`);

export const DeleteColumnMutation = graphql(`
  mutation DeleteColumn($input: DeleteColumnInput!) {
    deleteColumn(input: $input) {
      id
      ...ColumnFields
    }
  }
`);

/** Column names: 1 to 60 characters once trimmed (as the API checks). */
export const COLUMN_NAME_MAX = 60;
export const WIP_LIMIT_MAX = 999;

/** What is wrong with a column name the user typed, or null. */
export function columnNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Give the column a name.';
  if (trimmed.length > COLUMN_NAME_MAX) return `A column name has at most ${COLUMN_NAME_MAX} characters.`;
  return null;
}

/** The WIP limit the user typed: null (none, an empty field), a number, or what is wrong with it. */
export function parseWipLimit(text: string): { value: number | null } | { problem: string } {
  const trimmed = text.trim();
  if (!trimmed) return { value: null };
  const problem = `The WIP limit is a whole number from 1 to ${WIP_LIMIT_MAX}, or empty for no limit.`;
  if (!/^\d+$/.test(trimmed)) return { problem };
  const value = Number(trimmed);
  return value >= 1 && value <= WIP_LIMIT_MAX ? { value } : { problem };
}

/**
 * A column deleted with its tasks moved: the board's columns are loaded again (the board query), and
 * the task lists stored per column dropped, so that every column reads its fresh first page.
 */
export async function reloadBoardColumns(client: ApolloClient, boardId: string): Promise<void> {
  await client.refetchQueries({ include: ['BoardPage'] }).catch(() => undefined);
  client.cache.evict({ id: client.cache.identify({ __typename: 'Board', id: boardId }), fieldName: 'tasks' });
}

/** Adds a column at `index` (left out: at the end); it shows once the server has created it. */
export function useCreateColumn() {
  const [mutate, { loading }] = useMutation(CreateColumnMutation);
  const { failure, attempt, clear } = useFailure();
  const { keyFor, settle } = useIdempotencyKey();

  const createColumn = useCallback(
    async (request: { boardId: string; name: string; wipLimit: number | null; index?: number }) => {
      const input = { ...request, name: request.name.trim() };
      const idempotencyKey = keyFor(input);
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { ...input, idempotencyKey } },
            update(cache, { data }) {
              if (data) placeColumn(cache, request.boardId, data.createColumn);
            },
          }),
        { fallback: 'The column could not be added.' },
        settle,
      );
      if (result) settle();
      return result?.data?.createColumn;
    },
    [attempt, keyFor, mutate, settle],
  );

  return { createColumn, creating: loading, error: failure?.message ?? null, clearError: clear };
}

/** Renames a column and/or sets its WIP limit (null: none); shows at once. */
export function useUpdateColumn() {
  const [mutate, { loading }] = useMutation(UpdateColumnMutation);
  const { failure, attempt, clear } = useFailure();

  const updateColumn = useCallback(
    async (column: ColumnInfo, changes: { name?: string; wipLimit?: number | null }): Promise<boolean> => {
      const name = changes.name?.trim();
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { id: column.id, ...(name !== undefined && { name }), ...pick(changes) } },
            optimisticResponse: {
              updateColumn: {
                __typename: 'Column',
                ...column,
                ...(name !== undefined && { name }),
                ...pick(changes),
              },
            },
          }),
        { fallback: 'The column could not be saved.' },
      );
      return result !== undefined;
    },
    [attempt, mutate],
  );

  return { updateColumn, saving: loading, error: failure?.message ?? null, clearError: clear };
}

const pick = ({ wipLimit }: { wipLimit?: number | null }) => (wipLimit !== undefined ? { wipLimit } : {});

/** Moves a column to `index` (counted without it); shows at once, and comes back if refused. */
export function useMoveColumn() {
  const [mutate] = useMutation(MoveColumnMutation);
  const { failure, attempt, clear } = useFailure();

  const moveColumn = useCallback(
    async ({
      boardId,
      columns,
      id,
      index,
    }: {
      boardId: string;
      columns: readonly ColumnInfo[];
      id: string;
      index: number;
    }) => {
      const moving = columns.find((c) => c.id === id);
      if (!moving) return false;
      const others = columns.filter((c) => c.id !== id);
      const at = Math.max(0, Math.min(index, others.length));
      const order = [...others.slice(0, at), moving, ...others.slice(at)];
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { id, index: at } },
            optimisticResponse: {
              moveColumn: order.map((c, position) => ({ __typename: 'Column' as const, ...c, position })),
            },
            update(cache, { data }) {
              if (data)
                setColumnOrder(
                  cache,
                  boardId,
                  data.moveColumn.map((c) => c.id),
                );
            },
          }),
        { fallback: `The column "${moving.name}" could not be moved.` },
      );
      return result !== undefined;
    },
    [attempt, mutate],
  );

  return { moveColumn, error: failure?.message ?? null, clearError: clear };
}

/** Deletes a column, its tasks (if any) going to `moveTasksTo`; the board's columns load again after. */
export function useDeleteColumn() {
  const [mutate, { loading, client }] = useMutation(DeleteColumnMutation);
  const { failure, attempt, clear } = useFailure();

  const deleteColumn = useCallback(
    async ({ boardId, id, moveTasksTo }: { boardId: string; id: string; moveTasksTo?: string }) => {
      const result = await attempt(
        () =>
          mutate({
            variables: { input: { id, ...(moveTasksTo && { moveTasksTo }) } },
            update(cache, { data }) {
              if (!data) return;
              removeColumn(cache, boardId, id);
              setColumnOrder(
                cache,
                boardId,
                data.deleteColumn.map((c) => c.id),
              );
            },
          }),
        { fallback: 'The column could not be deleted.' },
      );
      if (result === undefined) return false;
      // its tasks went to another column, after the ones there: show that column as it now is
      if (moveTasksTo) await reloadBoardColumns(client, boardId);
      return true;
    },
    [attempt, client, mutate],
  );

  return { deleteColumn, deleting: loading, error: failure?.message ?? null, clearError: clear };
}
