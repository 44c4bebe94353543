// Test data in the exact shapes of the generated (unmasked) operation types.
import type { Unmasked } from '@apollo/client/masking';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { COLUMN_PAGE_SIZE, type ColumnConnection, type ColumnTask } from '../apollo/columnTasks';
import type { ViewerQuery } from '../apollo/viewer';
import type { BoardEvent as Event } from '../board/boardEvents';
import type { BoardPageQuery } from '../board/BoardPage';
import type { BoardsPageQuery } from '../board-list/BoardsPage';
import type { TaskCommentsQuery } from '../apollo/taskComments';
import type { TaskDialogQuery } from '../task/TaskDialog';

/** The board query's variables for the board that boardPage() builds. */
export const BOARD_PAGE_VARS = { boardId: '1', tasksPerColumn: COLUMN_PAGE_SIZE };

export type Viewer = NonNullable<Unmasked<ResultOf<typeof ViewerQuery>>['me']>;
type BoardPageData = Unmasked<ResultOf<typeof BoardPageQuery>>;
type Member = BoardPageData['board']['members'][number];
type Label = { __typename: 'Label'; id: string; name: string; color: string };
type TaskDialogData = Unmasked<ResultOf<typeof TaskDialogQuery>>;
type TaskCommentsData = Unmasked<ResultOf<typeof TaskCommentsQuery>>;

export const VIEWER: Viewer = { __typename: 'User', id: 'u1', name: 'Alice Owner', email: 'alice@example.com' };
export const BOB = { __typename: 'User', id: 'u2', name: 'Bob Member', email: 'bob@example.com' } as const;

/** A board as the boards list shows it: by default the viewer owns it alone, and it has no tasks. */
export type ListedBoard = Unmasked<ResultOf<typeof BoardsPageQuery>>['boards']['edges'][number]['node'];

export function listedBoard(id: string, name: string, overrides: Partial<ListedBoard> = {}): ListedBoard {
  return {
    __typename: 'Board',
    id,
    name,
    viewerRole: 'OWNER',
    taskCount: 0,
    members: [{ __typename: 'Member', role: 'OWNER', user: { __typename: 'User', id: VIEWER.id, name: VIEWER.name } }],
    ...overrides,
  };
}

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

/** The task dialog's query answer for a plain task `id` of board 1, whose labels are `labels`. */
export function taskDialog(id: string, title: string, { labels = LABELS }: { labels?: Label[] } = {}): TaskDialogData {
  return {
    task: {
      __typename: 'Task',
      id,
      boardId: '1',
      title,
      description: null,
      dueDate: null,
      version: 1,
      columnId: 'todo',
      assignee: null,
      labels: [],
    },
    board: {
      __typename: 'Board',
      id: '1',
      viewerRole: 'OWNER',
      columns: DIALOG_COLUMNS,
      members: MEMBERS.map(({ user }) => ({
        __typename: 'Member',
        user: { __typename: 'User', id: user.id, name: user.name },
      })),
      labels,
    },
  };
}

/** A task's comments as the comments query brings them: none, unless given. */
export function taskComments(
  taskId: string,
  comments: { id: string; body: string; author: { id: string; name: string } }[] = [],
): TaskCommentsData {
  return {
    task: {
      __typename: 'Task',
      id: taskId,
      comments: {
        __typename: 'CommentConnection',
        totalCount: comments.length,
        pageInfo: {
          __typename: 'PageInfo',
          hasNextPage: false,
          endCursor: comments.length ? `c-${comments.length}` : null,
        },
        edges: comments.map((c, i) => ({
          __typename: 'CommentEdge',
          cursor: `c-${i + 1}`,
          node: {
            __typename: 'Comment',
            id: c.id,
            body: c.body,
            createdAt: '2026-11-20T10:00:00.000Z',
            updatedAt: '2026-11-20T10:00:00.000Z',
            author: { __typename: 'User', ...c.author },
          },
        })),
      },
    },
  };
}

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
