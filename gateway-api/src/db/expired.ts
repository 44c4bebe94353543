// Rows that carry an `expiresAt` after which nothing reads them (sessions, idempotency keys): deleted
// in batches by each replica's housekeeping (app.ts).
import { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from './prisma.js';

export type ExpiringTable = 'Session' | 'IdempotencyKey';

/**
 * Deletes a table's expired rows, `batchSize` per statement so that none holds many locks for long;
 * returns how many. Safe on every replica at once: each deletes what is left.
 */
export async function deleteExpired(prisma: PrismaClient, table: ExpiringTable, batchSize = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await prisma.$executeRaw`DELETE FROM ${Prisma.raw(table)}
      WHERE expiresAt <= ${new Date()} ORDER BY expiresAt LIMIT ${batchSize}`;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
