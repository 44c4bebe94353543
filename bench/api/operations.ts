// The scenarios: the web client's own operations with `__typename` added as its Apollo Client's
// cache adds it and the fragments merged into place, which is how the client sent them until it
// began sending fragments as written. The fields, and so every answer, are the same; the wire text
// is shorter (the client's BoardPage: 97 tokens merged, 147 as it now sends it).
//
// Taken from web-client/src (BoardPage, TaskDialog + TaskComments, SearchTasks, CreateTask,
// MoveTask); api/drift.ts warns when the web client's documents change. Two deliberate differences:
//   - BoardPage asks for 50 tasks per column (the board view), written into the text, where the
//     client sends its 20 as the $tasksPerColumn variable;
//   - TaskDetail is the task dialog's two queries for one task in one request: the task's fields
//     (TaskDialog's TaskForm_task) with its first 20 comments (TaskComments).

export type ScenarioName = 'board' | 'detail' | 'search' | 'create' | 'move';

export const boardPage = (perColumn: number) => `query BoardPage($boardId: ID!) {
  board(id: $boardId) {
    id
    name
    viewerRole
    columns(first: ${perColumn}) {
      status
      tasks {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
          __typename
        }
        edges {
          cursor
          node {
            id
            title
            status
            version
            dueDate
            commentCount
            assignee {
              id
              name
              __typename
            }
            labels {
              id
              name
              color
              __typename
            }
            __typename
          }
          __typename
        }
        __typename
      }
      __typename
    }
    members {
      role
      user {
        id
        name
        email
        __typename
      }
      __typename
    }
    __typename
    labels {
      id
      name
      __typename
    }
  }
}`;

export const TASK_DETAIL = `query TaskDetail($taskId: ID!, $after: String) {
  task(id: $taskId) {
    id
    boardId
    title
    description
    dueDate
    version
    status
    assignee {
      id
      __typename
    }
    labels {
      id
      __typename
    }
    comments(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
        __typename
      }
      edges {
        cursor
        node {
          id
          body
          createdAt
          updatedAt
          author {
            id
            name
            __typename
          }
          __typename
        }
        __typename
      }
      __typename
    }
    __typename
  }
}`;

export const SEARCH_TASKS = `query SearchTasks($boardId: ID!, $query: String!, $status: TaskStatus, $assigneeId: ID, $labelId: ID, $after: String) {
  searchTasks(
    boardId: $boardId
    query: $query
    status: $status
    assigneeId: $assigneeId
    labelId: $labelId
    first: 20
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
      __typename
    }
    edges {
      cursor
      node {
        id
        title
        status
        assignee {
          id
          name
          __typename
        }
        __typename
      }
      __typename
    }
    __typename
  }
}`;

export const CREATE_TASK = `mutation CreateTask($input: CreateTaskInput!) {
  createTask(input: $input) {
    id
    title
    status
    version
    dueDate
    commentCount
    assignee {
      id
      name
      __typename
    }
    labels {
      id
      name
      color
      __typename
    }
    __typename
    boardId
    description
  }
}`;

export const MOVE_TASK = `mutation MoveTask($input: MoveTaskInput!) {
  moveTask(input: $input) {
    id
    status
    version
    __typename
  }
}`;

export const SIGN_IN = `mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    user {
      id
      name
      email
      __typename
    }
    __typename
  }
}`;

export interface GraphQLBody {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

export const BOARD_PER_COLUMN = 50;
export const SEARCH_QUERY = { query: 'pricing', status: 'TODO' } as const;
/** a move puts the task into the next column, at one of the first MOVE_INDEXES places */
export const MOVE_INDEXES = 12;
export const STATUS_CYCLE = ['TODO', 'IN_PROGRESS', 'DONE'] as const;

export const body = {
  board: (boardId: number, perColumn = BOARD_PER_COLUMN): GraphQLBody => ({
    operationName: 'BoardPage',
    query: boardPage(perColumn),
    variables: { boardId: String(boardId) },
  }),
  detail: (taskId: number): GraphQLBody => ({
    operationName: 'TaskDetail',
    query: TASK_DETAIL,
    variables: { taskId: String(taskId) },
  }),
  search: (boardId: number): GraphQLBody => ({
    operationName: 'SearchTasks',
    query: SEARCH_TASKS,
    variables: { boardId: String(boardId), ...SEARCH_QUERY },
  }),
  // what the web client's "Add task" sends (web-client/src/mutations/useCreateTask.ts)
  create: (boardId: number): GraphQLBody => ({
    operationName: 'CreateTask',
    query: CREATE_TASK,
    variables: { input: { boardId: String(boardId), status: 'TODO', title: 'Bench task' } },
  }),
  move: (taskId: number, expectedVersion: number, status: string, index: number): GraphQLBody => ({
    operationName: 'MoveTask',
    query: MOVE_TASK,
    variables: { input: { id: String(taskId), status, index, expectedVersion } },
  }),
  signIn: (email: string, password: string): GraphQLBody => ({
    operationName: 'SignIn',
    query: SIGN_IN,
    variables: { input: { email, password } },
  }),
};

/** The column a task moves to next: the one after its current one. */
export const nextStatus = (status: string) =>
  STATUS_CYCLE[(STATUS_CYCLE.indexOf(status as (typeof STATUS_CYCLE)[number]) + 1) % 3]!;
