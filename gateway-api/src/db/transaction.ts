// Interactive transactions, run the same way by every service: bounded by what is left of the
// request's deadline (db/timeouts.ts) instead of Prisma's default of 5 s, which a write waiting for a
// board's lock behind others could outlast, and tried again when the database aborts one to break a
// deadlock or a write conflict (nothing of it was committed, so running it again is safe).
import { Prisma } from '../generated/prisma/client.js';
import type { PrismaClient } from './prisma.js';
import { remainingMs } from './timeouts.js';

const ATTEMPTS = 3;
/** Outside a request (command-line tools, housekeeping), the longest a transaction may take. */
const DEFAULT_TIMEOUT_MS = 20_000;

/** The database aborted the transaction to break a deadlock or a write conflict (P2034). */
export function isWriteConflict(error: unknown): boolean {
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
