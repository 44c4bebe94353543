// Columns by board, in order, and by id: a task's column and a live event's, in one query per request.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/prisma.js';
import { COLUMN_SELECT } from './column.service.js';
import type { Column } from './column.type.js';

export function createColumnLoaders(prisma: PrismaClient) {
  return {
    columnsByBoardId: new DataLoader<number, Column[]>(async (boardIds) => {
      const rows = await prisma.boardColumn.findMany({
        where: { boardId: { in: [...boardIds] } },
        orderBy: [{ boardId: 'asc' }, { position: 'asc' }],
        select: COLUMN_SELECT,
      });
      return boardIds.map((boardId) => rows.filter((row) => row.boardId === boardId));
    }),
    columnById: new DataLoader<number, Column | null>(async (ids) => {
      const rows = await prisma.boardColumn.findMany({ where: { id: { in: [...ids] } }, select: COLUMN_SELECT });
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
