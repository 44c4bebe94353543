// A board's columns' task lists as the cache holds them (Board.tasks(columnId), see boardTasksPolicy in client.ts):
// the query each column reads (board/Column.tsx), and the list edits the task mutations make to it.
import type { ApolloCache } from '@apollo/client';
import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '../gql';

/**
 * Tasks per page of a column, for both queries that load one: the board query's Board.columns (the
 * first pages) and ColumnTasks (each "Load more"). A column that has not stored a list of its own
 * reads the board query's first page as if this query had loaded it, so the two must ask for the same.
 */
export const COLUMN_PAGE_SIZE = 20;

export const ColumnTasksQuery = graphql(`
  query ColumnTasks($boardId: ID!, $columnId: ID!, $first: Int!, $after: String) {
    board(id: $boardId) {
      id
      tasks(columnId: $columnId, first: $first, after: $after) {
        ...Column_tasks
      }
    }
  }
`);

export type ColumnConnection = Unmasked<ResultOf<typeof ColumnTasksQuery>>['board']['tasks'];
export type ColumnEdge = ColumnConnection['edges'][number];
export type ColumnTask = ColumnEdge['node'];

/** Edits one column's loaded list; nothing happens when the column is not in the cache. */
export function updateColumnTasks(
  cache: ApolloCache,
  boardId: string,
  columnId: string,
  update: (tasks: ColumnConnection) => ColumnConnection,
): void {
  cache.updateQuery({ query: ColumnTasksQuery, variables: { boardId, columnId, first: COLUMN_PAGE_SIZE } }, (data) =>
    data ? { ...data, board: { ...data.board, tasks: update(data.board.tasks) } } : undefined,
  );
}

export function readColumnTasks(
  cache: ApolloCache,
  boardId: string,
  columnId: string,
  optimistic = true,
): ColumnConnection | undefined {
  return cache.readQuery(
    { query: ColumnTasksQuery, variables: { boardId, columnId, first: COLUMN_PAGE_SIZE } },
    optimistic,
  )?.board.tasks;
}

/** An empty first page: what a new column holds (so that the board query reads it as complete). */
export function emptyColumnTasks(): ColumnConnection {
  return {
    __typename: 'TaskConnection',
    totalCount: 0,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    edges: [],
  };
}

export function withoutTask(tasks: ColumnConnection, id: string): ColumnConnection {
  const edges = tasks.edges.filter((edge) => edge.node.id !== id);
  return { ...tasks, edges, totalCount: Math.max(0, tasks.totalCount - (tasks.edges.length - edges.length)) };
}

/**
 * Puts a task at `index` of the list (counted without it, as moveTask counts). Its cursor is left
 * empty as the server has not placed it yet; "Load more" goes on from pageInfo.endCursor, the last
 * task the server sent, and the Board.tasks merge drops this copy if that page brings the task again.
 */
export function withTask(tasks: ColumnConnection, task: ColumnTask, index: number): ColumnConnection {
  const others = tasks.edges.filter((edge) => edge.node.id !== task.id);
  const at = Math.max(0, Math.min(index, others.length));
  const edge: ColumnEdge = { __typename: 'TaskEdge', cursor: '', node: task };
  return {
    ...tasks,
    edges: [...others.slice(0, at), edge, ...others.slice(at)],
    totalCount: tasks.totalCount + (others.length === tasks.edges.length ? 1 : 0),
  };
}

/** The order of two tasks in a column, as the API sorts a column: by position, then by id. */
export function compareTasks(a: Pick<ColumnTask, 'id' | 'position'>, b: Pick<ColumnTask, 'id' | 'position'>): number {
  return a.position - b.position || Number(a.id) - Number(b.id);
}

/** The list without the task's card; the count is left to the caller. */
export function withoutEdge(tasks: ColumnConnection, id: string): ColumnConnection {
  const edges = tasks.edges.filter((edge) => edge.node.id !== id);
  return edges.length === tasks.edges.length ? tasks : { ...tasks, edges };
}

/**
 * The list with the task where its position puts it among the loaded tasks (the same list when it
 * is there already); the count is left to the caller. A task whose place is after the last loaded
 * task while more are still to load is on a page not loaded yet: it is left out, except the last
 * card shown (where the user's own new task is put until "Load more" brings it in its place).
 */
export function placeTask(tasks: ColumnConnection, task: ColumnTask): ColumnConnection {
  const others = tasks.edges.filter((edge) => edge.node.id !== task.id);
  const shownAt = tasks.edges.findIndex((edge) => edge.node.id === task.id);
  let at = others.findIndex((edge) => compareTasks(task, edge.node) < 0);
  if (at < 0) {
    if (!tasks.pageInfo.hasNextPage) at = others.length;
    else if (shownAt >= 0 && shownAt === tasks.edges.length - 1) return tasks;
    else return withoutEdge(tasks, task.id);
  }
  if (shownAt === at) return tasks;
  const edge: ColumnEdge = shownAt >= 0 ? tasks.edges[shownAt]! : { __typename: 'TaskEdge', cursor: '', node: task };
  return { ...tasks, edges: [...others.slice(0, at), edge, ...others.slice(at)] };
}
