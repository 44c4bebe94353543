// Interactive transactions, run the same way by every service: bounded by what is left of the
// request's deadline (db/timeouts.ts) instead of Prisma's default of 5 s, which a write waiting for a
// board's lock behind others could outlast, and tried again when the database aborts one to break a
// deadlock or a write conflict (nothing of it was committed, so running it again is safe).
//
// Two kinds, with the same rules: Prisma's (`transaction`, the model API, for most writes) and the
// pool's (`sqlTransaction`, SQL on one of the driver's connections, for the task writes: Prisma's
// transaction machinery and query compiler were about a third of a task write's CPU).
import type { Pool } from 'mariadb';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { createSql, type Sql } from './sql.js';
import { remainingMs } from './timeouts.js';

const ATTEMPTS = 3;
/** Outside a request (command-line tools, housekeeping), the longest a transaction may take. */
const DEFAULT_TIMEOUT_MS = 20_000;

/** MySQL's and MariaDB's ER_LOCK_DEADLOCK, which Prisma's adapter reports as P2034. */
const ER_LOCK_DEADLOCK = 1213;

/** The database aborted the transaction to break a deadlock or a write conflict (P2034). */
export function isWriteConflict(error: unknown): boolean {
  // the driver's own error (a transaction on the pool)
  if ((error as { errno?: unknown } | null)?.errno === ER_LOCK_DEADLOCK) return true;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2034') return true;
  // raw statements report the driver's error kind instead (P2010)
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause;
  return cause?.kind === 'TransactionWriteConflict';
}

export async function transaction<T>(
  prisma: PrismaClient,
  write: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const timeout = Math.max(1_000, remainingMs() ?? DEFAULT_TIMEOUT_MS);
    try {
      return await prisma.$transaction(write, { maxWait: timeout, timeout });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isWriteConflict(error)) throw error;
    }
  }
}

/** `transaction` on this client, as a function of the write alone (for IdempotencyService.create). */
export const inPrismaTransaction =
  (prisma: PrismaClient) =>
  <T>(write: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> =>
    transaction(prisma, write);

/**
 * A transaction on one of the pool's connections, with the same rules as `transaction`: every
 * statement bounded by what is left of the request's deadline (the pool's statement timeouts,
 * db/timeouts.ts), and run again when the database aborted it to break a deadlock.
 */
export async function sqlTransaction<T>(pool: Pool, write: (tx: Sql) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await onConnection(pool, write);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isWriteConflict(error)) throw error;
    }
  }
}

async function onConnection<T>(pool: Pool, write: (tx: Sql) => Promise<T>): Promise<T> {
  const connection = await pool.getConnection();
  let usable = true;
  try {
    await connection.beginTransaction();
    const result = await write(createSql(connection));
    await connection.commit();
    return result;
  } catch (error) {
    // Undo what was done. When the connection cannot (its socket closed, or a statement timed out and
    // closed it), the server rolls back the transaction as the connection ends, and it is dropped
    // rather than given back to the pool. A COMMIT that failed that way may still have happened: the
    // error says the database could not be reached, which the API reports as an unknown outcome.
    await connection.rollback().catch(() => {
      usable = false;
    });
    throw error;
  } finally {
    if (usable) await connection.release().catch(() => {});
    else connection.destroy();
  }
}
