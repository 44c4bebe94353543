// The application's services, built once at start-up around the one PrismaClient (and, for the reads
// on the hot path and the task writes, the pool it runs on: db/sql.ts, db/transaction.ts).
import type { Config } from '../config/config.js';
import type { Database } from '../db/prisma.js';
import { AuthService } from './auth/auth.service.js';
import { BoardAccess } from './board/board-access.js';
import { BoardService } from './board/board.service.js';
import { ColumnService } from './column/column.service.js';
import { CommentService } from './comment/comment.service.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { LabelService } from './label/label.service.js';
import { LiveService } from './live/live.service.js';
import { TaskService } from './task/task.service.js';

export function createServices(
  { prisma, sql, sqlTransaction }: Pick<Database, 'prisma' | 'sql' | 'sqlTransaction'>,
  config: Pick<Config, 'sessionSecret'>,
) {
  const access = new BoardAccess(sql);
  const idempotency = new IdempotencyService(sql);
  const columns = new ColumnService(prisma, sql, access, idempotency);
  return {
    auth: new AuthService(prisma, sql, config),
    idempotency,
    boards: new BoardService(prisma, sql, access, idempotency, columns),
    columns,
    tasks: new TaskService(sql, sqlTransaction, access, idempotency, columns),
    labels: new LabelService(prisma, access, idempotency),
    comments: new CommentService(prisma, access, idempotency),
    live: new LiveService(prisma, sql),
  };
}

export type Services = ReturnType<typeof createServices>;
