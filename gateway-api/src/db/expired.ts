// Rows that nothing reads after a point in time (sessions and idempotency keys past `expiresAt`, live
// update events older than their retention): deleted in batches by each replica's housekeeping (app.ts).
import { Prisma } from '../generated/prisma/client.js';
import type { Sql } from './sql.js';

/** Each table, and the column that says when a row is done with (indexed in each). */
const EXPIRES_BY = { Session: 'expiresAt', IdempotencyKey: 'expiresAt', BoardEvent: 'createdAt' } as const;

export type ExpiringTable = keyof typeof EXPIRES_BY;

/**
 * Deletes a table's rows whose column (EXPIRES_BY) is at or before `before`, `batchSize` per statement
 * so that none holds many locks for long; returns how many. Safe on every replica at once: each
 * deletes what is left.
 */
export async function deleteExpired(
  sql: Sql,
  table: ExpiringTable,
  { before = new Date(), batchSize = 1000 }: { before?: Date; batchSize?: number } = {},
): Promise<number> {
  const column = Prisma.raw(EXPIRES_BY[table]);
  let total = 0;
  for (;;) {
    const deleted = await sql.exec(Prisma.sql`DELETE FROM ${Prisma.raw(table)}
      WHERE ${column} <= ${before} ORDER BY ${column} LIMIT ${batchSize}`);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
