// Labels of tasks and of boards, batched per request.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../db/prisma.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Label } from './label.type.js';

export function createLabelLoaders(prisma: PrismaClient) {
  return {
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
  };
}
