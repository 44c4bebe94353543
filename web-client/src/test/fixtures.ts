// Test data in the exact shapes of the generated (unmasked) operation types.
import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { COLUMN_PAGE_SIZE, type ColumnConnection, type ColumnTask } from '../apollo/columnTasks';
import type { ViewerQuery } from '../apollo/viewer';
import type { BoardEvent as Event } from '../board/boardEvents';
import type { BoardPageQuery } from '../board/BoardPage';

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

/** A column as the board query brings it (without its tasks). */
export interface ColumnFixture {
  __typename: 'Column';
  id: string;
  name: string;
  position: number;
  wipLimit: number | null;
}

/** The columns a new board starts with: boardPage() builds these unless told otherwise. */
export const COLUMNS: ColumnFixture[] = [
  { __typename: 'Column', id: 'todo', name: 'To do', position: 0, wipLimit: null },
  { __typename: 'Column', id: 'doing', name: 'In progress', position: 1, wipLimit: null },
  { __typename: 'Column', id: 'done', name: 'Done', position: 2, wipLimit: null },
];

/** The columns as the task dialog asks for them (its Column field). */
export const DIALOG_COLUMNS = COLUMNS.map(({ __typename, id, name }) => ({ __typename, id, name }));

/** A task as a column shows it; columns are ordered by position, which follows the id unless given. */
export function task(id: string, title: string, overrides: Partial<ColumnTask> = {}): ColumnTask {
  return {
    __typename: 'Task',
    id,
    title,
    columnId: 'todo',
    version: 1,
    position: /^\d+$/.test(id) ? Number(id) * 1024 : 0,
    dueDate: null,
    commentCount: 0,
    assignee: null,
    labels: [],
    ...overrides,
  };
}

/** The board's Board.liveFrom in boardPage(): live updates start after it. */
export const LIVE_FROM = '100';

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
  columnList = COLUMNS,
  members = MEMBERS,
  labels = LABELS,
  viewerRole = 'OWNER',
}: {
  /** tasks by column id */
  columns?: Partial<Record<string, ColumnTask[]>>;
  more?: Partial<Record<string, number>>;
  columnList?: ColumnFixture[];
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
      liveFrom: LIVE_FROM,
      columns: columnList.map((column) => ({
        ...column,
        tasks: connection(
          (columns[column.id] ?? []).map((t) => ({ ...t, columnId: column.id })),
          { more: more[column.id] ?? 0 },
        ),
      })),
      members,
      labels: labels.map(({ __typename, id, name }) => ({ __typename, id, name })),
    },
  };
}

export type EventTask = NonNullable<Event['task']>;

/** A task as a live event brings it (every field the board and the task dialog show). */
export function eventTask(id: string, title: string, overrides: Partial<EventTask> = {}): EventTask {
  const { __typename, ...card } = task(id, title);
  return { __typename, ...card, boardId: '1', description: null, ...overrides };
}

let lastEventId = Number(LIVE_FROM);

/** A boardEvents event as the API sends it, with the next id after the previous one's. */
export function boardEvent(kind: Event['kind'], fields: Partial<Omit<Event, 'kind'>> = {}): Event {
  return {
    __typename: 'BoardEvent',
    id: String(++lastEventId),
    kind,
    taskId: fields.task?.id ?? null,
    commentId: fields.comment?.id ?? null,
    labelId: fields.label?.id ?? null,
    userId: fields.member?.user.id ?? null,
    columnId: fields.column?.id ?? null,
    boardName: null,
    actor: { __typename: 'User', id: BOB.id, name: BOB.name },
    task: null,
    comment: null,
    label: null,
    member: null,
    column: null,
    ...fields,
  };
}
