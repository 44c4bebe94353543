// Per-request DataLoaders: every relation field loads through one of these, so a page of N tasks
// costs one query per relation, never one per task.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/prisma.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Member } from './board/board.type.js';
import type { Comment } from './comment/comment.type.js';
import type { Label } from './label/label.type.js';
import { PUBLIC_USER_SELECT } from './user/user.select.js';
import type { User } from './user/user.type.js';

/** One page of a task's comments: `first` of them after the (createdAt ms, id) cursor `after`. */
export interface CommentPageKey {
  taskId: number;
  first: number;
  after?: [number, number] | undefined;
}
/** k: the index of the page (batch key) the row belongs to */
type RawCommentRow = Record<keyof Comment | 'k', unknown>;

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

export function createLoaders(prisma: PrismaClient) {
  return {
    userById: new DataLoader<number, User | null>(async (ids) =>
      byKey(
        ids,
        await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: PUBLIC_USER_SELECT }),
        (u) => u.id,
      ),
    ),

    /** a task's labels, by name; one joined query for the whole batch */
    labelsByTaskId: new DataLoader<number, Label[]>(async (taskIds) => {
      const rows = await prisma.$queryRaw<(Label & { taskId: number })[]>`
        SELECT tl.taskId, l.id, l.name, l.color, l.boardId
        FROM TaskLabel tl JOIN Label l ON l.id = tl.labelId
        WHERE tl.taskId IN (${Prisma.join(taskIds)})
        ORDER BY l.name, l.id`;
      const grouped = new Map<number, Label[]>(taskIds.map((id) => [id, []]));
      for (const { taskId, ...label } of rows)
        grouped.get(Number(taskId))?.push({ ...label, id: Number(label.id), boardId: Number(label.boardId) });
      return taskIds.map((id) => grouped.get(id)!);
    }),

    /** a board's members, owners first, then by joining date */
    membersByBoardId: new DataLoader<number, Member[]>(async (boardIds) => {
      const rows = await prisma.membership.findMany({
        where: { boardId: { in: [...boardIds] } },
        orderBy: [{ role: 'asc' }, { createdAt: 'asc' }, { userId: 'asc' }],
        select: { boardId: true, role: true, createdAt: true, user: { select: PUBLIC_USER_SELECT } },
      });
      const grouped = new Map<number, Member[]>(boardIds.map((id) => [id, []]));
      for (const m of rows) grouped.get(m.boardId)?.push({ user: m.user, role: m.role, joinedAt: m.createdAt });
      return boardIds.map((id) => grouped.get(id)!);
    }),

    /** a board's labels, by name */
    labelsByBoardId: new DataLoader<number, Label[]>(async (boardIds) => {
      const rows = await prisma.label.findMany({
        where: { boardId: { in: [...boardIds] } },
        orderBy: [{ name: 'asc' }, { id: 'asc' }],
        select: { id: true, name: true, color: true, boardId: true },
      });
      const grouped = new Map<number, Label[]>(boardIds.map((id) => [id, []]));
      for (const l of rows) grouped.get(l.boardId)?.push(l);
      return boardIds.map((id) => grouped.get(id)!);
    }),

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
        const rows = await prisma.$queryRaw<RawCommentRow[]>`${Prisma.join(parts, ' UNION ALL ')}`;
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
      const counts = await prisma.comment.groupBy({
        by: ['taskId'],
        where: { taskId: { in: [...taskIds] } },
        _count: { _all: true },
      });
      const map = new Map(counts.map((c) => [c.taskId, c._count._all]));
      return taskIds.map((id) => map.get(id) ?? 0);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
