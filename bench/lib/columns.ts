// The bench builds its boards and tasks in SQL, as the previous release's schema had them: a task's
// column was its status. This gives such boards gateway-api's three default columns and puts every
// task in its board's column of its status (what the board_columns migration does to existing data,
// and what createBoard does for a new board).
import { DEFAULT_COLUMNS } from 'gateway-api/dev';

interface Queryable {
  query(sql: string, values?: unknown[]): Promise<unknown>;
}

export async function placeInColumns(db: Queryable, boardIds: number[]): Promise<void> {
  if (!boardIds.length) return;
  const ids = boardIds.map(Number).join(', ');
  const defaults = DEFAULT_COLUMNS.map(
    (column, position) => `SELECT '${column.name}' AS name, ${position} AS position, '${column.status}' AS status`,
  ).join(' UNION ALL ');
  await db.query(
    `INSERT INTO BoardColumn (boardId, name, position, status, createdAt, updatedAt)
     SELECT b.id, d.name, d.position, d.status, NOW(3), NOW(3) FROM Board b JOIN (${defaults}) d
     WHERE b.id IN (${ids}) AND NOT EXISTS (SELECT 1 FROM BoardColumn c WHERE c.boardId = b.id)`,
  );
  await db.query(
    `UPDATE Task t JOIN BoardColumn c ON c.boardId = t.boardId AND c.status = t.status
     SET t.columnId = c.id WHERE t.boardId IN (${ids}) AND (t.columnId IS NULL OR t.columnId <> c.id)`,
  );
}
