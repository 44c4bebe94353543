// The write side of live updates: every change to a board records its event in the transaction that
// makes the change (the transactional outbox, see BoardEvent in prisma/schema.prisma). The rule for
// every such transaction: lockBoard() first, the change, then recordEvents().
import { statementsOf, type AnyTransaction } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
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
export async function lockBoard(tx: AnyTransaction, boardId: number): Promise<void> {
  const rows = await statementsOf(tx)(Prisma.sql`SELECT id FROM Board WHERE id = ${boardId} FOR UPDATE`);
  if (!rows.length) throw notFound('Board');
}

/** Records what changed, in the caller's transaction (after lockBoard on the same board): one INSERT. */
export async function recordEvents(tx: AnyTransaction, events: NewBoardEvent[]): Promise<void> {
  if (!events.length) return;
  const createdAt = new Date();
  const rows = events.map(
    (e) =>
      Prisma.sql`(${e.boardId}, ${e.kind}, ${e.entityId ?? null}, ${e.taskId ?? null}, ${e.actorId}, ${createdAt})`,
  );
  await statementsOf(tx).exec(
    Prisma.sql`INSERT INTO BoardEvent (boardId, kind, entityId, taskId, actorId, createdAt) VALUES ${Prisma.join(rows)}`,
  );
}
