// A task's comments as a connection, in one place: their order and cursors, the batched SQL that
// loads pages of them for many tasks at once, the counts, and the assembly into Task.comments.
import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
import { decodeCursor, toConnection, type Connection } from '../../lib/pagination.js';
import type { Comment } from './comment.type.js';

/**
 * A task's comments are listed oldest first by (createdAt, id), the order of the index
 * Comment_taskId_createdAt_id_idx; id breaks ties between comments made in the same millisecond.
 * createdAt is DATETIME(3), so its epoch milliseconds in the cursor are exact.
 */
export const commentKey = (c: Comment): [number, number] => [c.createdAt.getTime(), c.id];

export const decodeCommentCursor = (after: string | null | undefined) => decodeCursor(after, ['epochMs', 'id']);

/** One page of a task's comments: `first` of them after the (createdAt ms, id) cursor `after`. */
export interface CommentPageKey {
  taskId: number;
  first: number;
  after?: [number, number] | undefined;
}
/** k: the index of the page (batch key) the row belongs to */
type RawCommentRow = Record<keyof Comment | 'k', unknown>;

export function createCommentLoaders(sql: Sql) {
  return {
    /**
     * Pages of tasks' comments, oldest first, each fetched with LIMIT first + 1 (see toConnection):
     * one statement for the batch, a UNION ALL of index range scans on Comment_taskId_createdAt_id_idx.
     */
    commentPage: new DataLoader<CommentPageKey, Comment[], string>(
      async (keys) => {
        const parts = keys.map(({ taskId, first, after }, i) => {
          const afterCursor = after
            ? Prisma.sql`AND (c.createdAt > ${new Date(after[0])} OR (c.createdAt = ${new Date(after[0])} AND c.id > ${after[1]}))`
            : Prisma.empty;
          return Prisma.sql`(SELECT ${i} AS k, c.id, c.taskId, c.authorId, c.body, c.createdAt, c.updatedAt
            FROM Comment c WHERE c.taskId = ${taskId} ${afterCursor}
            ORDER BY c.createdAt, c.id LIMIT ${first + 1})`;
        });
        const rows = await sql<RawCommentRow>(Prisma.join(parts, ' UNION ALL '));
        const pages = keys.map((): Comment[] => []);
        for (const row of rows) {
          pages[Number(row.k)]?.push({
            id: Number(row.id),
            taskId: Number(row.taskId),
            authorId: Number(row.authorId),
            body: String(row.body),
            createdAt: new Date(row.createdAt as Date),
            updatedAt: new Date(row.updatedAt as Date),
          });
        }
        // SQL does not promise that UNION ALL keeps each part's ORDER BY
        for (const page of pages) page.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
        return pages;
      },
      { cacheKeyFn: ({ taskId, first, after }) => JSON.stringify([taskId, first, after ?? null]) },
    ),

    commentCountByTaskId: new DataLoader<number, number>(async (taskIds) => {
      const counts = await sql<{ taskId: number; n: number }>(Prisma.sql`
        SELECT taskId, COUNT(*) AS n FROM Comment WHERE taskId IN (${Prisma.join(taskIds)}) GROUP BY taskId`);
      const map = new Map(counts.map((c) => [c.taskId, c.n]));
      return taskIds.map((id) => map.get(id) ?? 0);
    }),
  };
}

/** Task.comments: a page and the total, loaded with the other tasks' in the same request. */
export async function commentConnection(
  loaders: ReturnType<typeof createCommentLoaders>,
  taskId: number,
  first: number,
  after: string | null | undefined,
): Promise<Connection<Comment>> {
  const [rows, totalCount] = await Promise.all([
    loaders.commentPage.load({ taskId, first, after: decodeCommentCursor(after) }),
    // shared with Task.commentCount, so asking for both costs one count
    loaders.commentCountByTaskId.load(taskId),
  ]);
  return toConnection(rows, first, totalCount, commentKey);
}
