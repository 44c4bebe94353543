// Per-request DataLoaders, each owned by its module: every relation field loads through one of these,
// so a page of N tasks costs one query per relation, never one per task.
import type { Sql } from '../db/sql.js';
import { createBoardLoaders } from './board/board.loaders.js';
import { createColumnLoaders } from './column/column.loaders.js';
import { createCommentLoaders } from './comment/comment.page.js';
import { createLabelLoaders } from './label/label.loaders.js';
import { createLiveLoaders } from './live/live.loaders.js';
import { createUserLoaders } from './user/user.loaders.js';

/** Reads only, on the driver's pool (db/sql.ts): every board view runs them. */
export function createLoaders(sql: Sql) {
  return {
    ...createUserLoaders(sql),
    ...createLabelLoaders(sql),
    ...createBoardLoaders(sql),
    ...createColumnLoaders(sql),
    ...createCommentLoaders(sql),
    ...createLiveLoaders(sql),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
