// The write side of live updates: every change to a board records its event in the transaction that
// makes the change (the transactional outbox, see BoardEvent in prisma/schema.prisma). The rule for
// every such transaction: lockBoard() first, the change, then recordEvents().
import type { Prisma } from '../../generated/prisma/client.js';
import type { BoardEventKind } from '../../generated/prisma/enums.js';
import { notFound } from '../../lib/errors.js';

export interface NewBoardEvent {
  boardId: number;
  kind: BoardEventKind;
  /** the task, comment or label that changed, or the member's user id */
  entityId?: number;
  /** a comment's task */
  taskId?: number;
  actorId: number;
}

/**
 * Takes the board's row lock until the transaction ends: the board's writes then commit one at a
 * time, so its events' ids increase in commit order, which is what lets a subscriber resume from an
 * id. Taking it first, before any other row, keeps two writes from waiting on each other. NOT_FOUND
 * when the board is gone.
 */
export async function lockBoard(tx: Prisma.TransactionClient, boardId: number): Promise<void> {
  const rows = await tx.$queryRaw<unknown[]>`SELECT id FROM Board WHERE id = ${boardId} FOR UPDATE`;
  if (!rows.length) throw notFound('Board');
}

/** Records what changed, in the caller's transaction (after lockBoard on the same board). */
export async function recordEvents(tx: Prisma.TransactionClient, events: NewBoardEvent[]): Promise<void> {
  if (events.length) await tx.boardEvent.createMany({ data: events });
}
