// The scenarios: the web client's own operations, as the API runs them for the client. The client
// sends each operation as its document's SHA-256 alone (trusted documents: Apollo's PersistedQueryLink
// with the hash graphql-codegen writes into each document), and gateway-api runs the text that hash
// names (schema/trusted-documents.json, from web-client/src/gql/persisted-documents.json). The bench
// sends that same text instead of the hash, so that all four implementations take the same request:
// the floor and the comparison servers have no manifest. The text is codegen's (fields sorted,
// `__typename` added, fragments as written), definition by definition below, joined by one space as
// in the manifest; api/drift.ts checks that the documents sent as the client sends them still hash to
// the client's.
//
// Taken from web-client/src (BoardPage, TaskDialog + TaskComments, FilteredTasks, CreateTask,
// MoveTask); api/drift.ts warns when the web client's documents change. Two deliberate differences:
//   - BoardPage with 50 tasks per column (the board view) in its $tasksPerColumn, where the
//     client sends 20: the client's document, another value;
//   - TaskDetail is the task dialog's two queries for one task in one request: TaskDialog (the task's
//     fields and the board's columns, labels and members, for the form) with the task's first 20
//     comments (TaskComments). One document of the two, so not a trusted document.
import { randomUUID } from 'node:crypto';

export type ScenarioName = 'board' | 'detail' | 'search' | 'create' | 'move';

const document = (...definitions: string[]) => definitions.join(' ');

const TASK_CARD =
  'fragment TaskCard_task on Task { __typename assignee { __typename id name } columnId commentCount dueDate id labels { __typename color id name } title version }';
const TASK_FORM_TASK =
  'fragment TaskForm_task on Task { __typename assignee { __typename id } boardId columnId description dueDate id labels { __typename id } title version }';
const COMMENT_ITEM =
  'fragment CommentItem_comment on Comment { __typename author { __typename id name } body createdAt id updatedAt }';

/** web-client/src/board/BoardPage.tsx (BoardPageQuery) */
export const BOARD_PAGE = document(
  'fragment BoardFilters_board on Board { __typename id labels { __typename id name } members { __typename user { __typename id name } } }',
  'fragment BoardTitle_board on Board { __typename id name viewerRole }',
  'fragment Column_tasks on TaskConnection { __typename edges { __typename cursor node { __typename id position ...TaskCard_task } } pageInfo { __typename endCursor hasNextPage } totalCount }',
  'fragment LiveBoard_board on Board { __typename id liveFrom }',
  'fragment MembersPanel_board on Board { __typename id members { __typename role user { __typename email id name } } name viewerRole }',
  TASK_CARD,
  'query BoardPage($boardId: ID!, $tasksPerColumn: Int!) { board(id: $boardId) { __typename columns(first: $tasksPerColumn) { __typename id name position tasks { __typename ...Column_tasks } wipLimit } id name viewerRole ...BoardFilters_board ...BoardTitle_board ...LiveBoard_board ...MembersPanel_board } }',
);

/** web-client/src/task: TaskDialog (the task and the board, for the form) and TaskComments, in one request */
export const TASK_DETAIL = document(
  COMMENT_ITEM,
  'fragment TaskForm_board on Board { __typename columns { __typename id name } id labels { __typename color id name } members { __typename user { __typename id name } } viewerRole }',
  TASK_FORM_TASK,
  'query TaskDetail($after: String, $boardId: ID!, $taskId: ID!) { board(id: $boardId) { __typename id ...TaskForm_board } task(id: $taskId) { __typename comments(first: 20, after: $after) { __typename edges { __typename cursor node { __typename id ...CommentItem_comment } } pageInfo { __typename endCursor hasNextPage } totalCount } id ...TaskForm_task } }',
);

/** web-client/src/board/filters/useFilteredTasks.ts: the filter bar's matches, in the board's order */
export const FILTERED_TASKS = document(
  TASK_CARD,
  'query FilteredTasks($after: String, $assigneeId: ID, $boardId: ID!, $dueBefore: DateTimeISO, $dueFrom: DateTimeISO, $labelId: ID, $open: Boolean, $query: String!, $unassigned: Boolean) { searchTasks( boardId: $boardId query: $query assigneeId: $assigneeId unassigned: $unassigned labelId: $labelId dueFrom: $dueFrom dueBefore: $dueBefore open: $open order: BOARD first: 100 after: $after ) { __typename edges { __typename cursor node { __typename columnId id position ...TaskCard_task } } pageInfo { __typename endCursor hasNextPage } totalCount } }',
);

/** web-client/src/mutations/useCreateTask.ts */
export const CREATE_TASK = document(
  TASK_CARD,
  TASK_FORM_TASK,
  'fragment TaskSnapshot on Task { __typename id ...TaskCard_task ...TaskForm_task }',
  'mutation CreateTask($input: CreateTaskInput!) { createTask(input: $input) { __typename id position ...TaskSnapshot } }',
);

/** web-client/src/mutations/useMoveTask.ts */
export const MOVE_TASK =
  'mutation MoveTask($input: MoveTaskInput!) { moveTask(input: $input) { __typename columnId id position version } }';

/** web-client/src/mutations/useSignIn.ts (only to sign the harness in) */
export const SIGN_IN =
  'mutation SignIn($input: SignInInput!) { signIn(input: $input) { __typename user { __typename email id name } } }';

/** The documents above that are the web client's own, sent as they are: by the client's document name. */
export const CLIENT_DOCUMENTS: Record<string, string> = {
  BoardPageDocument: BOARD_PAGE,
  FilteredTasksDocument: FILTERED_TASKS,
  CreateTaskDocument: CREATE_TASK,
  MoveTaskDocument: MOVE_TASK,
  SignInDocument: SIGN_IN,
};

export interface GraphQLBody {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

export const BOARD_PER_COLUMN = 50;
/** what a user types into the board's filter bar: the client sends the text alone, no other filter */
export const SEARCH_QUERY = 'pricing';
/** a move puts the task into the next column, at one of the first MOVE_INDEXES places */
export const MOVE_INDEXES = 12;

/** A fresh key per "Add task", as the client makes it (web-client/src/mutations/idempotency.ts). */
export const newIdempotencyKey = (): string => randomUUID().replaceAll('-', '');

export const body = {
  board: (boardId: number, perColumn = BOARD_PER_COLUMN): GraphQLBody => ({
    operationName: 'BoardPage',
    query: BOARD_PAGE,
    variables: { boardId: String(boardId), tasksPerColumn: perColumn },
  }),
  detail: (taskId: number, boardId: number): GraphQLBody => ({
    operationName: 'TaskDetail',
    query: TASK_DETAIL,
    variables: { taskId: String(taskId), boardId: String(boardId) },
  }),
  search: (boardId: number): GraphQLBody => ({
    operationName: 'FilteredTasks',
    query: FILTERED_TASKS,
    variables: { boardId: String(boardId), query: SEARCH_QUERY },
  }),
  /**
   * What the web client's "Add task" sends (web-client/src/mutations/useCreateTask.ts): at the top
   * of the column, with a new idempotency key each time (a user action; the client's retries of one
   * action would send the same key again).
   */
  create: (boardId: number, columnId: number, title = 'Bench task'): GraphQLBody => ({
    operationName: 'CreateTask',
    query: CREATE_TASK,
    variables: {
      input: {
        boardId: String(boardId),
        columnId: String(columnId),
        title,
        index: 0,
        idempotencyKey: newIdempotencyKey(),
      },
    },
  }),
  /** web-client/src/mutations/useMoveTask.ts: the destination column by id */
  move: (taskId: number, expectedVersion: number, columnId: number, index: number): GraphQLBody => ({
    operationName: 'MoveTask',
    query: MOVE_TASK,
    variables: { input: { id: String(taskId), columnId: String(columnId), index, expectedVersion } },
  }),
  signIn: (email: string, password: string): GraphQLBody => ({
    operationName: 'SignIn',
    query: SIGN_IN,
    variables: { input: { email, password } },
  }),
};

/** The column a task moves to next: the one after its current one, round the board's columns in order. */
export const nextColumn = (columnIds: readonly number[], columnId: number): number =>
  columnIds[(columnIds.indexOf(columnId) + 1) % columnIds.length]!;
