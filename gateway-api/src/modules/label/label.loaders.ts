// Labels of tasks and of boards, batched per request.
import DataLoader from 'dataloader';
import type { Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Label } from './label.type.js';

export function createLabelLoaders(sql: Sql) {
  return {
    /** a task's labels, by name; one joined query for the whole batch */
    labelsByTaskId: new DataLoader<number, Label[]>(async (taskIds) => {
      const rows = await sql<Label & { taskId: number }>(Prisma.sql`
        SELECT tl.taskId, l.id, l.name, l.color, l.boardId
        FROM TaskLabel tl JOIN Label l ON l.id = tl.labelId
        WHERE tl.taskId IN (${Prisma.join(taskIds)})
        ORDER BY l.name, l.id`);
      const grouped = new Map<number, Label[]>(taskIds.map((id) => [id, []]));
      for (const { taskId, ...label } of rows) grouped.get(taskId)?.push(label);
      return taskIds.map((id) => grouped.get(id)!);
    }),

    /** a board's labels, by name */
    labelsByBoardId: new DataLoader<number, Label[]>(async (boardIds) => {
      const rows = await sql<Label>(Prisma.sql`
        SELECT id, name, color, boardId FROM Label
        WHERE boardId IN (${Prisma.join(boardIds)})
        ORDER BY name, id`);
      const grouped = new Map<number, Label[]>(boardIds.map((id) => [id, []]));
      for (const l of rows) grouped.get(l.boardId)?.push(l);
      return boardIds.map((id) => grouped.get(id)!);
    }),
  };
}
