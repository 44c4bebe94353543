// Per-request DataLoaders: every relation field loads through one of these, so a page of N tasks
// costs one query per relation, never one per task.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../db/prisma.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Member } from '../modules/board/board.type.js';
import type { Label } from '../modules/label/label.type.js';
import { PUBLIC_USER_SELECT, type User } from '../modules/user/user.type.js';

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
