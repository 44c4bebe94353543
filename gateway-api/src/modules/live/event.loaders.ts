// What an event's fields load: the current state of the task, comment, label or membership it is
// about. One set of these serves every subscriber of a batch of events (see feed.ts), so delivering
// to many subscribers costs the same queries as delivering to one.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/prisma.js';
import type { Sql } from '../../db/sql.js';
import type { Member } from '../board/board.type.js';
import { COMMENT_SELECT } from '../comment/comment.service.js';
import type { Comment } from '../comment/comment.type.js';
import { LABEL_SELECT } from '../label/label.service.js';
import type { Label } from '../label/label.type.js';
import { createLoaders } from '../loaders.js';
import { tasksById } from '../task/task.service.js';
import type { Task } from '../task/task.type.js';
import { PUBLIC_USER_SELECT } from '../user/user.select.js';

const byId = <T extends { id: number }>(ids: readonly number[], rows: T[]) => {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
};

export function createEventLoaders(prisma: PrismaClient, sql: Sql) {
  return {
    ...createLoaders(sql),
    taskById: new DataLoader<number, Task | null>((ids) => tasksById(sql, ids)),
    commentById: new DataLoader<number, Comment | null>(async (ids) =>
      byId(ids, await prisma.comment.findMany({ where: { id: { in: [...ids] } }, select: COMMENT_SELECT })),
    ),
    labelById: new DataLoader<number, Label | null>(async (ids) =>
      byId(ids, await prisma.label.findMany({ where: { id: { in: [...ids] } }, select: LABEL_SELECT })),
    ),
    boardNameById: new DataLoader<number, string | null>(async (ids) =>
      byId(ids, await prisma.board.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map(
        (board) => board?.name ?? null,
      ),
    ),
    /** key: `${boardId}:${userId}` */
    member: new DataLoader<string, Member | null>(async (keys) => {
      const pairs = keys.map((key) => key.split(':').map(Number) as [number, number]);
      const rows = await prisma.membership.findMany({
        where: { OR: pairs.map(([boardId, userId]) => ({ boardId, userId })) },
        select: { boardId: true, role: true, createdAt: true, user: { select: PUBLIC_USER_SELECT } },
      });
      const found = new Map(rows.map((row) => [`${row.boardId}:${row.user.id}`, row]));
      return keys.map((key) => {
        const row = found.get(key);
        return row ? { user: row.user, role: row.role, joinedAt: row.createdAt } : null;
      });
    }),
  };
}

export type EventLoaders = ReturnType<typeof createEventLoaders>;
