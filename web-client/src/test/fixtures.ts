// Test data in the exact shapes of the generated (unmasked) operation types.
import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { COLUMN_PAGE_SIZE, type ColumnConnection, type ColumnTask } from '../apollo/columnTasks';
import type { ViewerQuery } from '../apollo/viewer';
import type { BoardPageQuery } from '../board/BoardPage';
import { STATUSES } from '../board/statuses';
import type { TaskStatus } from '../gql/graphql';

/** The board query's variables for the board that boardPage() builds. */
export const BOARD_PAGE_VARS = { boardId: '1', tasksPerColumn: COLUMN_PAGE_SIZE };

export type Viewer = NonNullable<Unmasked<ResultOf<typeof ViewerQuery>>['me']>;
type BoardPageData = Unmasked<ResultOf<typeof BoardPageQuery>>;
type Member = BoardPageData['board']['members'][number];
type Label = { __typename: 'Label'; id: string; name: string; color: string };

export const VIEWER: Viewer = { __typename: 'User', id: 'u1', name: 'Alice Owner', email: 'alice@example.com' };
export const BOB = { __typename: 'User', id: 'u2', name: 'Bob Member', email: 'bob@example.com' } as const;

export const MEMBERS: Member[] = [
  { __typename: 'Member', role: 'OWNER', user: VIEWER },
  { __typename: 'Member', role: 'MEMBER', user: BOB },
];

export const LABELS: Label[] = [
  { __typename: 'Label', id: 'l1', name: 'Bug', color: '#dc2626' },
  { __typename: 'Label', id: 'l2', name: 'Design', color: '#2563eb' },
];

export function task(id: string, title: string, overrides: Partial<ColumnTask> = {}): ColumnTask {
  return {
    __typename: 'Task',
    id,
    title,
    status: 'TODO',
    version: 1,
    dueDate: null,
    commentCount: 0,
    assignee: null,
    labels: [],
    ...overrides,
  };
}

export const cursorOf = (id: string) => `cursor-${id}`;

export function connection(tasks: ColumnTask[], { more = 0 }: { more?: number } = {}): ColumnConnection {
  const last = tasks[tasks.length - 1];
  return {
    __typename: 'TaskConnection',
    totalCount: tasks.length + more,
    pageInfo: { __typename: 'PageInfo', hasNextPage: more > 0, endCursor: last ? cursorOf(last.id) : null },
    edges: tasks.map((node) => ({ __typename: 'TaskEdge', cursor: cursorOf(node.id), node })),
  };
}

export function boardPage({
  columns = {},
  more = {},
  members = MEMBERS,
  labels = LABELS,
  viewerRole = 'OWNER',
}: {
  columns?: Partial<Record<TaskStatus, ColumnTask[]>>;
  more?: Partial<Record<TaskStatus, number>>;
  members?: Member[];
  labels?: Label[];
  viewerRole?: 'OWNER' | 'MEMBER';
} = {}): BoardPageData {
  return {
    board: {
      __typename: 'Board',
      id: '1',
      name: 'Launch plan',
      viewerRole,
      columns: STATUSES.map((status) => ({
        __typename: 'Column',
        status,
        tasks: connection(
          (columns[status] ?? []).map((t) => ({ ...t, status })),
          { more: more[status] ?? 0 },
        ),
      })),
      members,
      labels: labels.map(({ __typename, id, name }) => ({ __typename, id, name })),
    },
  };
}
