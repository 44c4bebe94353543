// Boards' members and task counts, batched per request.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/prisma.js';
import { Prisma } from '../../generated/prisma/client.js';
import { PUBLIC_USER_SELECT } from '../user/user.select.js';
import type { Member } from './board.type.js';

export function createBoardLoaders(prisma: PrismaClient) {
  return {
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

    /** how many tasks a board has, in all its columns: one grouped count for every board of the request */
    taskCountByBoardId: new DataLoader<number, number>(async (boardIds) => {
      const rows = await prisma.$queryRaw<{ boardId: number; tasks: bigint | number }[]>`
        SELECT boardId, COUNT(*) AS tasks FROM Task
        WHERE boardId IN (${Prisma.join(boardIds)})
        GROUP BY boardId`;
      const counts = new Map(rows.map((row) => [Number(row.boardId), Number(row.tasks)]));
      return boardIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
