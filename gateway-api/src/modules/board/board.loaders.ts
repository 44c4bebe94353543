// Boards' members and task counts, batched per request.
import DataLoader from 'dataloader';
import { columnsOf, type Sql } from '../../db/sql.js';
import { PUBLIC_USER_SELECT } from '../user/user.select.js';
import type { User } from '../user/user.type.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { MemberRole } from '../../generated/prisma/enums.js';
import type { Member } from './board.type.js';

type MemberRow = User & { boardId: number; role: MemberRole; joinedAt: Date };

export function createBoardLoaders(sql: Sql) {
  return {
    /** a board's members with their users (the public columns), owners first, then by joining date: one statement */
    membersByBoardId: new DataLoader<number, Member[]>(async (boardIds) => {
      const rows = await sql<MemberRow>(Prisma.sql`
        SELECT m.boardId, m.role, m.createdAt AS joinedAt, ${columnsOf(PUBLIC_USER_SELECT, 'u')}
        FROM Membership m JOIN User u ON u.id = m.userId
        WHERE m.boardId IN (${Prisma.join(boardIds)})
        ORDER BY m.role, m.createdAt, m.userId`);
      const grouped = new Map<number, Member[]>(boardIds.map((id) => [id, []]));
      for (const { boardId, role, joinedAt, ...user } of rows) grouped.get(boardId)?.push({ user, role, joinedAt });
      return boardIds.map((id) => grouped.get(id)!);
    }),

    /** how many tasks a board has, in all its columns: one grouped count for every board of the request */
    taskCountByBoardId: new DataLoader<number, number>(async (boardIds) => {
      const rows = await sql<{ boardId: number; tasks: number }>(Prisma.sql`
        SELECT boardId, COUNT(*) AS tasks FROM Task
        WHERE boardId IN (${Prisma.join(boardIds)})
        GROUP BY boardId`);
      const counts = new Map(rows.map((row) => [row.boardId, row.tasks]));
      return boardIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
