// A board's columns as the cache holds them: Board.columns, a list of references to Column entities
// (normalised by id) in the board's order. Column mutations (mutations/useColumns.ts) and live column
// events (board/boardEvents.ts) set that list and the columns' fields; the board page reads it.
import type { ApolloCache, Reference } from '@apollo/client';
import { graphql } from '../gql';
import { emptyColumnTasks } from './columnTasks';

/** A column as the board shows it (without its tasks). */
export interface ColumnInfo {
  id: string;
  name: string;
  position: number;
  wipLimit: number | null;
}

export const ColumnFieldsFragment = graphql(`
  fragment ColumnFields on Column {
    id
    name
    position
    wipLimit
  }
`);

/** A new column with its (empty) first page, so that the board query reads it as complete. */
const NewColumnFragment = graphql(`
  fragment NewColumn on Column {
    id
    name
    position
    wipLimit
    tasks {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

const ColumnHasTasksFragment = graphql(`
  fragment ColumnHasTasks on Column {
    id
    tasks {
      totalCount
    }
  }
`);

const columnRef = (cache: ApolloCache, id: string) => cache.identify({ __typename: 'Column', id });

/** Writes a column's fields; a column the cache has no first page for gets an empty one. */
export function writeColumn(cache: ApolloCache, column: ColumnInfo): void {
  const id = columnRef(cache, column.id);
  const known = cache.readFragment({ fragment: ColumnHasTasksFragment, id, optimistic: true });
  if (known) {
    cache.writeFragment({ fragment: ColumnFieldsFragment, id, data: { __typename: 'Column', ...column } });
  } else {
    cache.writeFragment({
      fragment: NewColumnFragment,
      id,
      data: { __typename: 'Column', ...column, tasks: emptyColumnTasks() },
    });
  }
}

/** The ids of the board's columns, in order (empty when the board's columns are not cached). */
export function readColumnIds(cache: ApolloCache, boardId: string): string[] {
  let ids: string[] = [];
  cache.modify<{ columns: readonly Reference[] }>({
    id: cache.identify({ __typename: 'Board', id: boardId }),
    fields: {
      columns: (columns, { readField }) => {
        ids = columns.map((c) => String(readField('id', c)));
        return columns;
      },
    },
  });
  return ids;
}

/**
 * Sets the board's columns to these ids in this order, each column's position to its index (as the
 * API numbers them: 0, 1, 2...). Nothing changes when they already are.
 */
export function setColumnOrder(cache: ApolloCache, boardId: string, ids: readonly string[]): void {
  cache.modify<{ columns: readonly Reference[] }>({
    id: cache.identify({ __typename: 'Board', id: boardId }),
    fields: {
      columns: (columns, { toReference, readField }) => {
        const same = columns.length === ids.length && columns.every((c, i) => readField('id', c) === ids[i]);
        if (same) return columns;
        return ids.flatMap((id) => toReference({ __typename: 'Column', id }) ?? []);
      },
    },
  });
  ids.forEach((id, position) => {
    cache.modify<{ position: number }>({
      id: columnRef(cache, id),
      fields: { position: (current) => (current === position ? current : position) },
    });
  });
}

/** The column (created or moved) at its position among the others; returns whether anything changed. */
export function placeColumn(cache: ApolloCache, boardId: string, column: ColumnInfo): boolean {
  const ids = readColumnIds(cache, boardId);
  const others = ids.filter((id) => id !== column.id);
  const at = Math.max(0, Math.min(column.position, others.length));
  const next = [...others.slice(0, at), column.id, ...others.slice(at)];
  writeColumn(cache, column);
  const changed = next.length !== ids.length || next.some((id, i) => id !== ids[i]);
  if (changed) setColumnOrder(cache, boardId, next);
  return changed;
}

/** The board's columns without this one; returns whether it was there. */
export function removeColumn(cache: ApolloCache, boardId: string, columnId: string): boolean {
  const ids = readColumnIds(cache, boardId);
  if (!ids.includes(columnId)) return false;
  setColumnOrder(
    cache,
    boardId,
    ids.filter((id) => id !== columnId),
  );
  return true;
}
