// Tests that write tasks straight into the database (to set up what the API cannot, quickly) put
// them in a column, as the API does: the board's first column unless told otherwise.
import type { PrismaClient } from '../../src/db/prisma.js';

export async function firstColumnId(prisma: PrismaClient, boardId: number | string): Promise<number> {
  const column = await prisma.boardColumn.findFirstOrThrow({
    where: { boardId: Number(boardId) },
    orderBy: { position: 'asc' },
    select: { id: true },
  });
  return column.id;
}
