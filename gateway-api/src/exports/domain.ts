// `gateway-api/domain`: the modules layer (services, loaders, entity types) without the GraphQL
// server around it. Only the benchmark's comparison servers use it: they put other stacks (plain
// Apollo, no DataLoader) over the very same data access, so that the difference they measure is
// the stack's. Nothing in production imports this file.
export { unauthenticated, notFound } from '../lib/errors.js';
export { parseId } from '../lib/ids.js';
export { DEFAULT_PAGE_SIZE, toConnection } from '../lib/pagination.js';
export type { TaskStatus } from '../generated/prisma/enums.js';
export { SignInInput } from '../modules/auth/auth.input.js';
export { AuthPayload } from '../modules/auth/auth.resolver.js';
export { Board, Member } from '../modules/board/board.type.js';
export { commentKey, decodeCommentCursor } from '../modules/comment/comment.page.js';
export { Comment, CommentConnection } from '../modules/comment/comment.type.js';
export { Label } from '../modules/label/label.type.js';
export { createLoaders, type Loaders } from '../modules/loaders.js';
export { createServices, type Services } from '../modules/services.js';
export { PageArgs } from '../modules/shared/connection.js';
export { STATUS_ORDER } from '../modules/task/columns.js';
export { CreateTaskInput, MoveTaskInput, SearchTasksArgs } from '../modules/task/task.input.js';
export { Column } from '../modules/column/column.type.js';
export { Task, TaskConnection } from '../modules/task/task.type.js';
export { User } from '../modules/user/user.type.js';
