// Columns by board, in order, and by id: a task's column and a live event's, in one query per request.
import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
import { COLUMN_FIELDS } from './column.service.js';
import type { Column } from './column.type.js';

export function createColumnLoaders(sql: Sql) {
  return {
    columnsByBoardId: new DataLoader<number, Column[]>(async (boardIds) => {
      const rows = await sql<Column>(Prisma.sql`
        SELECT ${COLUMN_FIELDS} FROM BoardColumn
        WHERE boardId IN (${Prisma.join(boardIds)})
        ORDER BY boardId, position`);
      return boardIds.map((boardId) => rows.filter((row) => row.boardId === boardId));
    }),
    columnById: new DataLoader<number, Column | null>(async (ids) => {
      const rows = await sql<Column>(
        Prisma.sql`SELECT ${COLUMN_FIELDS} FROM BoardColumn WHERE id IN (${Prisma.join(ids)})`,
      );
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
