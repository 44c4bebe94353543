// Per-request DataLoaders, each owned by its module: every relation field loads through one of these,
// so a page of N tasks costs one query per relation, never one per task.
import type { PrismaClient } from '../db/prisma.js';
import { createBoardLoaders } from './board/board.loaders.js';
import { createColumnLoaders } from './column/column.loaders.js';
import { createCommentLoaders } from './comment/comment.page.js';
import { createLabelLoaders } from './label/label.loaders.js';
import { createLiveLoaders } from './live/live.loaders.js';
import { createUserLoaders } from './user/user.loaders.js';

export function createLoaders(prisma: PrismaClient) {
  return {
    ...createUserLoaders(prisma),
    ...createLabelLoaders(prisma),
    ...createBoardLoaders(prisma),
    ...createColumnLoaders(prisma),
    ...createCommentLoaders(prisma),
    ...createLiveLoaders(prisma),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
