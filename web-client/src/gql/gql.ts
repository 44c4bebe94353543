/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ColumnFields on Column {\n    id\n    name\n    position\n    wipLimit\n  }\n": typeof types.ColumnFieldsFragmentDoc,
    "\n  fragment NewColumn on Column {\n    id\n    name\n    position\n    wipLimit\n    tasks {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n    }\n  }\n": typeof types.NewColumnFragmentDoc,
    "\n  fragment ColumnHasTasks on Column {\n    id\n    tasks {\n      totalCount\n    }\n  }\n": typeof types.ColumnHasTasksFragmentDoc,
    "\n  query ColumnTasks($boardId: ID!, $columnId: ID!, $first: Int!, $after: String) {\n    board(id: $boardId) {\n      id\n      tasks(columnId: $columnId, first: $first, after: $after) {\n        ...Column_tasks\n      }\n    }\n  }\n": typeof types.ColumnTasksDocument,
    "\n  query TaskComments($taskId: ID!, $after: String) {\n    task(id: $taskId) {\n      id\n      comments(first: 20, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            ...CommentItem_comment\n          }\n        }\n      }\n    }\n  }\n": typeof types.TaskCommentsDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment BoardListItem_board on Board {\n    id\n    name\n    viewerRole\n    taskCount\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n": typeof types.BoardListItem_BoardFragmentDoc,
    "\n  query BoardsPage($after: String) {\n    boards(first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...BoardListItem_board\n        }\n      }\n    }\n  }\n": typeof types.BoardsPageDocument,
    "\n  query BoardPage($boardId: ID!, $tasksPerColumn: Int!) {\n    board(id: $boardId) {\n      id\n      name\n      viewerRole\n      columns(first: $tasksPerColumn) {\n        id\n        name\n        position\n        wipLimit\n        tasks {\n          ...Column_tasks\n        }\n      }\n      ...BoardTitle_board\n      ...MembersPanel_board\n      ...BoardFilters_board\n      ...LiveBoard_board\n    }\n  }\n": typeof types.BoardPageDocument,
    "\n  fragment BoardTitle_board on Board {\n    id\n    name\n    viewerRole\n  }\n": typeof types.BoardTitle_BoardFragmentDoc,
    "\n  fragment Column_tasks on TaskConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        # the column's order (position, then id): where live updates put a task another user moved\n        position\n        ...TaskCard_task\n      }\n    }\n  }\n": typeof types.Column_TasksFragmentDoc,
    "\n  fragment MembersPanel_board on Board {\n    id\n    name\n    viewerRole\n    members {\n      role\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.MembersPanel_BoardFragmentDoc,
    "\n  fragment TaskCard_task on Task {\n    id\n    title\n    columnId\n    version\n    dueDate\n    commentCount\n    assignee {\n      id\n      name\n    }\n    labels {\n      id\n      name\n      color\n    }\n  }\n": typeof types.TaskCard_TaskFragmentDoc,
    "\n  fragment LiveBoard_board on Board {\n    id\n    liveFrom\n  }\n": typeof types.LiveBoard_BoardFragmentDoc,
    "\n  fragment LiveTask on Task {\n    id\n    position\n    ...TaskSnapshot\n  }\n": typeof types.LiveTaskFragmentDoc,
    "\n  fragment LiveLabel on Label {\n    id\n    name\n    color\n  }\n": typeof types.LiveLabelFragmentDoc,
    "\n  subscription BoardEvents($boardId: ID!, $after: ID) {\n    boardEvents(boardId: $boardId, after: $after) {\n      id\n      kind\n      taskId\n      commentId\n      labelId\n      userId\n      columnId\n      boardName\n      actor {\n        id\n        name\n      }\n      task {\n        id\n        ...LiveTask\n      }\n      comment {\n        id\n        ...CommentItem_comment\n      }\n      label {\n        id\n        ...LiveLabel\n      }\n      member {\n        role\n        user {\n          id\n          name\n          email\n        }\n      }\n      column {\n        id\n        name\n        position\n        wipLimit\n      }\n    }\n  }\n": typeof types.BoardEventsDocument,
    "\n  fragment LiveTaskState on Task {\n    id\n    columnId\n    version\n  }\n": typeof types.LiveTaskStateFragmentDoc,
    "\n  fragment LiveBoardName on Board {\n    id\n    name\n  }\n": typeof types.LiveBoardNameFragmentDoc,
    "\n  fragment BoardFilters_board on Board {\n    id\n    members {\n      user {\n        id\n        name\n      }\n    }\n    labels {\n      id\n      name\n    }\n  }\n": typeof types.BoardFilters_BoardFragmentDoc,
    "\n  query FilteredTasks(\n    $boardId: ID!\n    $query: String!\n    $assigneeId: ID\n    $unassigned: Boolean\n    $labelId: ID\n    $dueFrom: DateTimeISO\n    $dueBefore: DateTimeISO\n    $open: Boolean\n    $after: String\n  ) {\n    searchTasks(\n      boardId: $boardId\n      query: $query\n      assigneeId: $assigneeId\n      unassigned: $unassigned\n      labelId: $labelId\n      dueFrom: $dueFrom\n      dueBefore: $dueBefore\n      open: $open\n      order: BOARD\n      first: 100\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          columnId\n          position\n          ...TaskCard_task\n        }\n      }\n    }\n  }\n": typeof types.FilteredTasksDocument,
    "\n  query ColumnCounts($boardId: ID!) {\n    board(id: $boardId) {\n      id\n      columns(first: 1) {\n        id\n        tasks {\n          totalCount\n        }\n      }\n    }\n  }\n": typeof types.ColumnCountsDocument,
    "\n  fragment TaskVersion on Task {\n    id\n    title\n    columnId\n    version\n  }\n": typeof types.TaskVersionFragmentDoc,
    "\n  fragment TaskSnapshot on Task {\n    id\n    ...TaskCard_task\n    ...TaskForm_task\n  }\n": typeof types.TaskSnapshotFragmentDoc,
    "\n  query RefreshTask($id: ID!) {\n    task(id: $id) {\n      id\n      ...TaskSnapshot\n    }\n  }\n": typeof types.RefreshTaskDocument,
    "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n      ...CommentItem_comment\n    }\n  }\n": typeof types.AddCommentDocument,
    "\n  mutation AddMember($input: AddMemberInput!) {\n    addMember(input: $input) {\n      role\n      joinedAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.AddMemberDocument,
    "\n  mutation CreateColumn($input: CreateColumnInput!) {\n    createColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n": typeof types.CreateColumnDocument,
    "\n  mutation UpdateColumn($input: UpdateColumnInput!) {\n    updateColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n": typeof types.UpdateColumnDocument,
    "\n  mutation MoveColumn($input: MoveColumnInput!) {\n    moveColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n": typeof types.MoveColumnDocument,
    "\n  mutation DeleteColumn($input: DeleteColumnInput!) {\n    deleteColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n": typeof types.DeleteColumnDocument,
    "\n  mutation CreateBoard($input: CreateBoardInput!) {\n    createBoard(input: $input) {\n      id\n      ...BoardListItem_board\n    }\n  }\n": typeof types.CreateBoardDocument,
    "\n  mutation CreateLabel($input: CreateLabelInput!) {\n    createLabel(input: $input) {\n      id\n      name\n      color\n    }\n  }\n": typeof types.CreateLabelDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      position\n      ...TaskSnapshot\n    }\n  }\n": typeof types.CreateTaskDocument,
    "\n  mutation DeleteBoard($id: ID!) {\n    deleteBoard(id: $id)\n  }\n": typeof types.DeleteBoardDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n": typeof types.DeleteCommentDocument,
    "\n  mutation DeleteLabel($id: ID!) {\n    deleteLabel(id: $id)\n  }\n": typeof types.DeleteLabelDocument,
    "\n  mutation DeleteTask($id: ID!, $expectedVersion: Int!) {\n    deleteTask(id: $id, expectedVersion: $expectedVersion)\n  }\n": typeof types.DeleteTaskDocument,
    "\n  mutation EditComment($input: EditCommentInput!) {\n    editComment(input: $input) {\n      id\n      ...CommentItem_comment\n    }\n  }\n": typeof types.EditCommentDocument,
    "\n  mutation MoveTask($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      id\n      columnId\n      version\n      position\n    }\n  }\n": typeof types.MoveTaskDocument,
    "\n  mutation RemoveMember($boardId: ID!, $userId: ID!) {\n    removeMember(boardId: $boardId, userId: $userId)\n  }\n": typeof types.RemoveMemberDocument,
    "\n  mutation RenameBoard($input: RenameBoardInput!) {\n    renameBoard(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.RenameBoardDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation UpdateLabel($input: UpdateLabelInput!) {\n    updateLabel(input: $input) {\n      id\n      name\n      color\n    }\n  }\n": typeof types.UpdateLabelDocument,
    "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      id\n      ...TaskSnapshot\n    }\n  }\n": typeof types.UpdateTaskDocument,
    "\n  fragment CommentItem_comment on Comment {\n    id\n    body\n    createdAt\n    updatedAt\n    author {\n      id\n      name\n    }\n  }\n": typeof types.CommentItem_CommentFragmentDoc,
    "\n  query TaskDialog($taskId: ID!, $boardId: ID!) {\n    task(id: $taskId) {\n      id\n      ...TaskForm_task\n    }\n    board(id: $boardId) {\n      id\n      ...TaskForm_board\n    }\n  }\n": typeof types.TaskDialogDocument,
    "\n  fragment TaskForm_task on Task {\n    id\n    boardId\n    title\n    description\n    dueDate\n    version\n    columnId\n    assignee {\n      id\n    }\n    labels {\n      id\n    }\n  }\n": typeof types.TaskForm_TaskFragmentDoc,
    "\n  fragment TaskForm_board on Board {\n    id\n    viewerRole\n    # the Column field's choices, in the board's order\n    columns {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        name\n      }\n    }\n    labels {\n      id\n      name\n      color\n    }\n  }\n": typeof types.TaskForm_BoardFragmentDoc,
};
const documents: Documents = {
    "\n  fragment ColumnFields on Column {\n    id\n    name\n    position\n    wipLimit\n  }\n": types.ColumnFieldsFragmentDoc,
    "\n  fragment NewColumn on Column {\n    id\n    name\n    position\n    wipLimit\n    tasks {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n    }\n  }\n": types.NewColumnFragmentDoc,
    "\n  fragment ColumnHasTasks on Column {\n    id\n    tasks {\n      totalCount\n    }\n  }\n": types.ColumnHasTasksFragmentDoc,
    "\n  query ColumnTasks($boardId: ID!, $columnId: ID!, $first: Int!, $after: String) {\n    board(id: $boardId) {\n      id\n      tasks(columnId: $columnId, first: $first, after: $after) {\n        ...Column_tasks\n      }\n    }\n  }\n": types.ColumnTasksDocument,
    "\n  query TaskComments($taskId: ID!, $after: String) {\n    task(id: $taskId) {\n      id\n      comments(first: 20, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            ...CommentItem_comment\n          }\n        }\n      }\n    }\n  }\n": types.TaskCommentsDocument,
    "\n  query Viewer {\n    me {\n      id\n      name\n      email\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment BoardListItem_board on Board {\n    id\n    name\n    viewerRole\n    taskCount\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n": types.BoardListItem_BoardFragmentDoc,
    "\n  query BoardsPage($after: String) {\n    boards(first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...BoardListItem_board\n        }\n      }\n    }\n  }\n": types.BoardsPageDocument,
    "\n  query BoardPage($boardId: ID!, $tasksPerColumn: Int!) {\n    board(id: $boardId) {\n      id\n      name\n      viewerRole\n      columns(first: $tasksPerColumn) {\n        id\n        name\n        position\n        wipLimit\n        tasks {\n          ...Column_tasks\n        }\n      }\n      ...BoardTitle_board\n      ...MembersPanel_board\n      ...BoardFilters_board\n      ...LiveBoard_board\n    }\n  }\n": types.BoardPageDocument,
    "\n  fragment BoardTitle_board on Board {\n    id\n    name\n    viewerRole\n  }\n": types.BoardTitle_BoardFragmentDoc,
    "\n  fragment Column_tasks on TaskConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        # the column's order (position, then id): where live updates put a task another user moved\n        position\n        ...TaskCard_task\n      }\n    }\n  }\n": types.Column_TasksFragmentDoc,
    "\n  fragment MembersPanel_board on Board {\n    id\n    name\n    viewerRole\n    members {\n      role\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.MembersPanel_BoardFragmentDoc,
    "\n  fragment TaskCard_task on Task {\n    id\n    title\n    columnId\n    version\n    dueDate\n    commentCount\n    assignee {\n      id\n      name\n    }\n    labels {\n      id\n      name\n      color\n    }\n  }\n": types.TaskCard_TaskFragmentDoc,
    "\n  fragment LiveBoard_board on Board {\n    id\n    liveFrom\n  }\n": types.LiveBoard_BoardFragmentDoc,
    "\n  fragment LiveTask on Task {\n    id\n    position\n    ...TaskSnapshot\n  }\n": types.LiveTaskFragmentDoc,
    "\n  fragment LiveLabel on Label {\n    id\n    name\n    color\n  }\n": types.LiveLabelFragmentDoc,
    "\n  subscription BoardEvents($boardId: ID!, $after: ID) {\n    boardEvents(boardId: $boardId, after: $after) {\n      id\n      kind\n      taskId\n      commentId\n      labelId\n      userId\n      columnId\n      boardName\n      actor {\n        id\n        name\n      }\n      task {\n        id\n        ...LiveTask\n      }\n      comment {\n        id\n        ...CommentItem_comment\n      }\n      label {\n        id\n        ...LiveLabel\n      }\n      member {\n        role\n        user {\n          id\n          name\n          email\n        }\n      }\n      column {\n        id\n        name\n        position\n        wipLimit\n      }\n    }\n  }\n": types.BoardEventsDocument,
    "\n  fragment LiveTaskState on Task {\n    id\n    columnId\n    version\n  }\n": types.LiveTaskStateFragmentDoc,
    "\n  fragment LiveBoardName on Board {\n    id\n    name\n  }\n": types.LiveBoardNameFragmentDoc,
    "\n  fragment BoardFilters_board on Board {\n    id\n    members {\n      user {\n        id\n        name\n      }\n    }\n    labels {\n      id\n      name\n    }\n  }\n": types.BoardFilters_BoardFragmentDoc,
    "\n  query FilteredTasks(\n    $boardId: ID!\n    $query: String!\n    $assigneeId: ID\n    $unassigned: Boolean\n    $labelId: ID\n    $dueFrom: DateTimeISO\n    $dueBefore: DateTimeISO\n    $open: Boolean\n    $after: String\n  ) {\n    searchTasks(\n      boardId: $boardId\n      query: $query\n      assigneeId: $assigneeId\n      unassigned: $unassigned\n      labelId: $labelId\n      dueFrom: $dueFrom\n      dueBefore: $dueBefore\n      open: $open\n      order: BOARD\n      first: 100\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          columnId\n          position\n          ...TaskCard_task\n        }\n      }\n    }\n  }\n": types.FilteredTasksDocument,
    "\n  query ColumnCounts($boardId: ID!) {\n    board(id: $boardId) {\n      id\n      columns(first: 1) {\n        id\n        tasks {\n          totalCount\n        }\n      }\n    }\n  }\n": types.ColumnCountsDocument,
    "\n  fragment TaskVersion on Task {\n    id\n    title\n    columnId\n    version\n  }\n": types.TaskVersionFragmentDoc,
    "\n  fragment TaskSnapshot on Task {\n    id\n    ...TaskCard_task\n    ...TaskForm_task\n  }\n": types.TaskSnapshotFragmentDoc,
    "\n  query RefreshTask($id: ID!) {\n    task(id: $id) {\n      id\n      ...TaskSnapshot\n    }\n  }\n": types.RefreshTaskDocument,
    "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n      ...CommentItem_comment\n    }\n  }\n": types.AddCommentDocument,
    "\n  mutation AddMember($input: AddMemberInput!) {\n    addMember(input: $input) {\n      role\n      joinedAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.AddMemberDocument,
    "\n  mutation CreateColumn($input: CreateColumnInput!) {\n    createColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n": types.CreateColumnDocument,
    "\n  mutation UpdateColumn($input: UpdateColumnInput!) {\n    updateColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n": types.UpdateColumnDocument,
    "\n  mutation MoveColumn($input: MoveColumnInput!) {\n    moveColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n": types.MoveColumnDocument,
    "\n  mutation DeleteColumn($input: DeleteColumnInput!) {\n    deleteColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n": types.DeleteColumnDocument,
    "\n  mutation CreateBoard($input: CreateBoardInput!) {\n    createBoard(input: $input) {\n      id\n      ...BoardListItem_board\n    }\n  }\n": types.CreateBoardDocument,
    "\n  mutation CreateLabel($input: CreateLabelInput!) {\n    createLabel(input: $input) {\n      id\n      name\n      color\n    }\n  }\n": types.CreateLabelDocument,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      position\n      ...TaskSnapshot\n    }\n  }\n": types.CreateTaskDocument,
    "\n  mutation DeleteBoard($id: ID!) {\n    deleteBoard(id: $id)\n  }\n": types.DeleteBoardDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n": types.DeleteCommentDocument,
    "\n  mutation DeleteLabel($id: ID!) {\n    deleteLabel(id: $id)\n  }\n": types.DeleteLabelDocument,
    "\n  mutation DeleteTask($id: ID!, $expectedVersion: Int!) {\n    deleteTask(id: $id, expectedVersion: $expectedVersion)\n  }\n": types.DeleteTaskDocument,
    "\n  mutation EditComment($input: EditCommentInput!) {\n    editComment(input: $input) {\n      id\n      ...CommentItem_comment\n    }\n  }\n": types.EditCommentDocument,
    "\n  mutation MoveTask($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      id\n      columnId\n      version\n      position\n    }\n  }\n": types.MoveTaskDocument,
    "\n  mutation RemoveMember($boardId: ID!, $userId: ID!) {\n    removeMember(boardId: $boardId, userId: $userId)\n  }\n": types.RemoveMemberDocument,
    "\n  mutation RenameBoard($input: RenameBoardInput!) {\n    renameBoard(input: $input) {\n      id\n      name\n    }\n  }\n": types.RenameBoardDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation UpdateLabel($input: UpdateLabelInput!) {\n    updateLabel(input: $input) {\n      id\n      name\n      color\n    }\n  }\n": types.UpdateLabelDocument,
    "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      id\n      ...TaskSnapshot\n    }\n  }\n": types.UpdateTaskDocument,
    "\n  fragment CommentItem_comment on Comment {\n    id\n    body\n    createdAt\n    updatedAt\n    author {\n      id\n      name\n    }\n  }\n": types.CommentItem_CommentFragmentDoc,
    "\n  query TaskDialog($taskId: ID!, $boardId: ID!) {\n    task(id: $taskId) {\n      id\n      ...TaskForm_task\n    }\n    board(id: $boardId) {\n      id\n      ...TaskForm_board\n    }\n  }\n": types.TaskDialogDocument,
    "\n  fragment TaskForm_task on Task {\n    id\n    boardId\n    title\n    description\n    dueDate\n    version\n    columnId\n    assignee {\n      id\n    }\n    labels {\n      id\n    }\n  }\n": types.TaskForm_TaskFragmentDoc,
    "\n  fragment TaskForm_board on Board {\n    id\n    viewerRole\n    # the Column field's choices, in the board's order\n    columns {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        name\n      }\n    }\n    labels {\n      id\n      name\n      color\n    }\n  }\n": types.TaskForm_BoardFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ColumnFields on Column {\n    id\n    name\n    position\n    wipLimit\n  }\n"): (typeof documents)["\n  fragment ColumnFields on Column {\n    id\n    name\n    position\n    wipLimit\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NewColumn on Column {\n    id\n    name\n    position\n    wipLimit\n    tasks {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment NewColumn on Column {\n    id\n    name\n    position\n    wipLimit\n    tasks {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ColumnHasTasks on Column {\n    id\n    tasks {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  fragment ColumnHasTasks on Column {\n    id\n    tasks {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ColumnTasks($boardId: ID!, $columnId: ID!, $first: Int!, $after: String) {\n    board(id: $boardId) {\n      id\n      tasks(columnId: $columnId, first: $first, after: $after) {\n        ...Column_tasks\n      }\n    }\n  }\n"): (typeof documents)["\n  query ColumnTasks($boardId: ID!, $columnId: ID!, $first: Int!, $after: String) {\n    board(id: $boardId) {\n      id\n      tasks(columnId: $columnId, first: $first, after: $after) {\n        ...Column_tasks\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskComments($taskId: ID!, $after: String) {\n    task(id: $taskId) {\n      id\n      comments(first: 20, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            ...CommentItem_comment\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskComments($taskId: ID!, $after: String) {\n    task(id: $taskId) {\n      id\n      comments(first: 20, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            ...CommentItem_comment\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      name\n      email\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      name\n      email\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardListItem_board on Board {\n    id\n    name\n    viewerRole\n    taskCount\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BoardListItem_board on Board {\n    id\n    name\n    viewerRole\n    taskCount\n    members {\n      role\n      user {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardsPage($after: String) {\n    boards(first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...BoardListItem_board\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoardsPage($after: String) {\n    boards(first: 20, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          ...BoardListItem_board\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardPage($boardId: ID!, $tasksPerColumn: Int!) {\n    board(id: $boardId) {\n      id\n      name\n      viewerRole\n      columns(first: $tasksPerColumn) {\n        id\n        name\n        position\n        wipLimit\n        tasks {\n          ...Column_tasks\n        }\n      }\n      ...BoardTitle_board\n      ...MembersPanel_board\n      ...BoardFilters_board\n      ...LiveBoard_board\n    }\n  }\n"): (typeof documents)["\n  query BoardPage($boardId: ID!, $tasksPerColumn: Int!) {\n    board(id: $boardId) {\n      id\n      name\n      viewerRole\n      columns(first: $tasksPerColumn) {\n        id\n        name\n        position\n        wipLimit\n        tasks {\n          ...Column_tasks\n        }\n      }\n      ...BoardTitle_board\n      ...MembersPanel_board\n      ...BoardFilters_board\n      ...LiveBoard_board\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardTitle_board on Board {\n    id\n    name\n    viewerRole\n  }\n"): (typeof documents)["\n  fragment BoardTitle_board on Board {\n    id\n    name\n    viewerRole\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Column_tasks on TaskConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        # the column's order (position, then id): where live updates put a task another user moved\n        position\n        ...TaskCard_task\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment Column_tasks on TaskConnection {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        id\n        # the column's order (position, then id): where live updates put a task another user moved\n        position\n        ...TaskCard_task\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MembersPanel_board on Board {\n    id\n    name\n    viewerRole\n    members {\n      role\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MembersPanel_board on Board {\n    id\n    name\n    viewerRole\n    members {\n      role\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskCard_task on Task {\n    id\n    title\n    columnId\n    version\n    dueDate\n    commentCount\n    assignee {\n      id\n      name\n    }\n    labels {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  fragment TaskCard_task on Task {\n    id\n    title\n    columnId\n    version\n    dueDate\n    commentCount\n    assignee {\n      id\n      name\n    }\n    labels {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveBoard_board on Board {\n    id\n    liveFrom\n  }\n"): (typeof documents)["\n  fragment LiveBoard_board on Board {\n    id\n    liveFrom\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveTask on Task {\n    id\n    position\n    ...TaskSnapshot\n  }\n"): (typeof documents)["\n  fragment LiveTask on Task {\n    id\n    position\n    ...TaskSnapshot\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveLabel on Label {\n    id\n    name\n    color\n  }\n"): (typeof documents)["\n  fragment LiveLabel on Label {\n    id\n    name\n    color\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardEvents($boardId: ID!, $after: ID) {\n    boardEvents(boardId: $boardId, after: $after) {\n      id\n      kind\n      taskId\n      commentId\n      labelId\n      userId\n      columnId\n      boardName\n      actor {\n        id\n        name\n      }\n      task {\n        id\n        ...LiveTask\n      }\n      comment {\n        id\n        ...CommentItem_comment\n      }\n      label {\n        id\n        ...LiveLabel\n      }\n      member {\n        role\n        user {\n          id\n          name\n          email\n        }\n      }\n      column {\n        id\n        name\n        position\n        wipLimit\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardEvents($boardId: ID!, $after: ID) {\n    boardEvents(boardId: $boardId, after: $after) {\n      id\n      kind\n      taskId\n      commentId\n      labelId\n      userId\n      columnId\n      boardName\n      actor {\n        id\n        name\n      }\n      task {\n        id\n        ...LiveTask\n      }\n      comment {\n        id\n        ...CommentItem_comment\n      }\n      label {\n        id\n        ...LiveLabel\n      }\n      member {\n        role\n        user {\n          id\n          name\n          email\n        }\n      }\n      column {\n        id\n        name\n        position\n        wipLimit\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveTaskState on Task {\n    id\n    columnId\n    version\n  }\n"): (typeof documents)["\n  fragment LiveTaskState on Task {\n    id\n    columnId\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveBoardName on Board {\n    id\n    name\n  }\n"): (typeof documents)["\n  fragment LiveBoardName on Board {\n    id\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardFilters_board on Board {\n    id\n    members {\n      user {\n        id\n        name\n      }\n    }\n    labels {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment BoardFilters_board on Board {\n    id\n    members {\n      user {\n        id\n        name\n      }\n    }\n    labels {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilteredTasks(\n    $boardId: ID!\n    $query: String!\n    $assigneeId: ID\n    $unassigned: Boolean\n    $labelId: ID\n    $dueFrom: DateTimeISO\n    $dueBefore: DateTimeISO\n    $open: Boolean\n    $after: String\n  ) {\n    searchTasks(\n      boardId: $boardId\n      query: $query\n      assigneeId: $assigneeId\n      unassigned: $unassigned\n      labelId: $labelId\n      dueFrom: $dueFrom\n      dueBefore: $dueBefore\n      open: $open\n      order: BOARD\n      first: 100\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          columnId\n          position\n          ...TaskCard_task\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query FilteredTasks(\n    $boardId: ID!\n    $query: String!\n    $assigneeId: ID\n    $unassigned: Boolean\n    $labelId: ID\n    $dueFrom: DateTimeISO\n    $dueBefore: DateTimeISO\n    $open: Boolean\n    $after: String\n  ) {\n    searchTasks(\n      boardId: $boardId\n      query: $query\n      assigneeId: $assigneeId\n      unassigned: $unassigned\n      labelId: $labelId\n      dueFrom: $dueFrom\n      dueBefore: $dueBefore\n      open: $open\n      order: BOARD\n      first: 100\n      after: $after\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          columnId\n          position\n          ...TaskCard_task\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ColumnCounts($boardId: ID!) {\n    board(id: $boardId) {\n      id\n      columns(first: 1) {\n        id\n        tasks {\n          totalCount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ColumnCounts($boardId: ID!) {\n    board(id: $boardId) {\n      id\n      columns(first: 1) {\n        id\n        tasks {\n          totalCount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskVersion on Task {\n    id\n    title\n    columnId\n    version\n  }\n"): (typeof documents)["\n  fragment TaskVersion on Task {\n    id\n    title\n    columnId\n    version\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskSnapshot on Task {\n    id\n    ...TaskCard_task\n    ...TaskForm_task\n  }\n"): (typeof documents)["\n  fragment TaskSnapshot on Task {\n    id\n    ...TaskCard_task\n    ...TaskForm_task\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RefreshTask($id: ID!) {\n    task(id: $id) {\n      id\n      ...TaskSnapshot\n    }\n  }\n"): (typeof documents)["\n  query RefreshTask($id: ID!) {\n    task(id: $id) {\n      id\n      ...TaskSnapshot\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n      ...CommentItem_comment\n    }\n  }\n"): (typeof documents)["\n  mutation AddComment($input: AddCommentInput!) {\n    addComment(input: $input) {\n      id\n      ...CommentItem_comment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddMember($input: AddMemberInput!) {\n    addMember(input: $input) {\n      role\n      joinedAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddMember($input: AddMemberInput!) {\n    addMember(input: $input) {\n      role\n      joinedAt\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateColumn($input: CreateColumnInput!) {\n    createColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateColumn($input: CreateColumnInput!) {\n    createColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateColumn($input: UpdateColumnInput!) {\n    updateColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateColumn($input: UpdateColumnInput!) {\n    updateColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveColumn($input: MoveColumnInput!) {\n    moveColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n"): (typeof documents)["\n  mutation MoveColumn($input: MoveColumnInput!) {\n    moveColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteColumn($input: DeleteColumnInput!) {\n    deleteColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteColumn($input: DeleteColumnInput!) {\n    deleteColumn(input: $input) {\n      id\n      ...ColumnFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBoard($input: CreateBoardInput!) {\n    createBoard(input: $input) {\n      id\n      ...BoardListItem_board\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBoard($input: CreateBoardInput!) {\n    createBoard(input: $input) {\n      id\n      ...BoardListItem_board\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLabel($input: CreateLabelInput!) {\n    createLabel(input: $input) {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  mutation CreateLabel($input: CreateLabelInput!) {\n    createLabel(input: $input) {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      position\n      ...TaskSnapshot\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      position\n      ...TaskSnapshot\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteBoard($id: ID!) {\n    deleteBoard(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteBoard($id: ID!) {\n    deleteBoard(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteLabel($id: ID!) {\n    deleteLabel(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteLabel($id: ID!) {\n    deleteLabel(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTask($id: ID!, $expectedVersion: Int!) {\n    deleteTask(id: $id, expectedVersion: $expectedVersion)\n  }\n"): (typeof documents)["\n  mutation DeleteTask($id: ID!, $expectedVersion: Int!) {\n    deleteTask(id: $id, expectedVersion: $expectedVersion)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditComment($input: EditCommentInput!) {\n    editComment(input: $input) {\n      id\n      ...CommentItem_comment\n    }\n  }\n"): (typeof documents)["\n  mutation EditComment($input: EditCommentInput!) {\n    editComment(input: $input) {\n      id\n      ...CommentItem_comment\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveTask($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      id\n      columnId\n      version\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation MoveTask($input: MoveTaskInput!) {\n    moveTask(input: $input) {\n      id\n      columnId\n      version\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($boardId: ID!, $userId: ID!) {\n    removeMember(boardId: $boardId, userId: $userId)\n  }\n"): (typeof documents)["\n  mutation RemoveMember($boardId: ID!, $userId: ID!) {\n    removeMember(boardId: $boardId, userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameBoard($input: RenameBoardInput!) {\n    renameBoard(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenameBoard($input: RenameBoardInput!) {\n    renameBoard(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        id\n        name\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLabel($input: UpdateLabelInput!) {\n    updateLabel(input: $input) {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateLabel($input: UpdateLabelInput!) {\n    updateLabel(input: $input) {\n      id\n      name\n      color\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      id\n      ...TaskSnapshot\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateTask($input: UpdateTaskInput!) {\n    updateTask(input: $input) {\n      id\n      ...TaskSnapshot\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentItem_comment on Comment {\n    id\n    body\n    createdAt\n    updatedAt\n    author {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment CommentItem_comment on Comment {\n    id\n    body\n    createdAt\n    updatedAt\n    author {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskDialog($taskId: ID!, $boardId: ID!) {\n    task(id: $taskId) {\n      id\n      ...TaskForm_task\n    }\n    board(id: $boardId) {\n      id\n      ...TaskForm_board\n    }\n  }\n"): (typeof documents)["\n  query TaskDialog($taskId: ID!, $boardId: ID!) {\n    task(id: $taskId) {\n      id\n      ...TaskForm_task\n    }\n    board(id: $boardId) {\n      id\n      ...TaskForm_board\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskForm_task on Task {\n    id\n    boardId\n    title\n    description\n    dueDate\n    version\n    columnId\n    assignee {\n      id\n    }\n    labels {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment TaskForm_task on Task {\n    id\n    boardId\n    title\n    description\n    dueDate\n    version\n    columnId\n    assignee {\n      id\n    }\n    labels {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskForm_board on Board {\n    id\n    viewerRole\n    # the Column field's choices, in the board's order\n    columns {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        name\n      }\n    }\n    labels {\n      id\n      name\n      color\n    }\n  }\n"): (typeof documents)["\n  fragment TaskForm_board on Board {\n    id\n    viewerRole\n    # the Column field's choices, in the board's order\n    columns {\n      id\n      name\n    }\n    members {\n      user {\n        id\n        name\n      }\n    }\n    labels {\n      id\n      name\n      color\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;