// Boards' members, batched per request.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/prisma.js';
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
  };
}
