// The application's services, built once at start-up around the one PrismaClient.
import type { Config } from './config/config.js';
import type { PrismaClient } from './db/prisma.js';
import { AuthService } from './modules/auth/auth.service.js';
import { BoardAccess } from './modules/board/board-access.js';
import { BoardService } from './modules/board/board.service.js';
import { CommentService } from './modules/comment/comment.service.js';
import { LabelService } from './modules/label/label.service.js';
import { TaskService } from './modules/task/task.service.js';

export function createServices(prisma: PrismaClient, config: Pick<Config, 'sessionSecret'>) {
  const access = new BoardAccess(prisma);
  return {
    access,
    auth: new AuthService(prisma, config),
    boards: new BoardService(prisma, access),
    tasks: new TaskService(prisma, access),
    labels: new LabelService(prisma, access),
    comments: new CommentService(prisma, access),
  };
}

export type Services = ReturnType<typeof createServices>;
