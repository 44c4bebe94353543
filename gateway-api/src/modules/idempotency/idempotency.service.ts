// Idempotent creates: a create mutation given a client-chosen key creates at most once per (user, key).
// The key's row is written in the same transaction as what it created, so both exist or neither; the
// primary key (userId, key) makes two concurrent requests with one key end with one entity: the
// second's transaction fails on it, rolls back, and answers with what the first created.
import { createHash } from 'node:crypto';
import { deleteExpired } from '../../db/expired.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Sql } from '../../db/sql.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { badInput } from '../../lib/errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import { transaction as inTransaction } from '../../db/transaction.js';

/** How long a key is remembered; after that the same key creates again. Documented in the inputs. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
const TTL_MS = IDEMPOTENCY_KEY_TTL_HOURS * 3600_000;

export const KEY_REUSED_MESSAGE = 'was already used for a different request; use a new key for a new action';

/** The client a create writes with: a transaction's, or (no key, no transaction needed) the PrismaClient. */
export type Db = Prisma.TransactionClient;

/** What a create mutation was asked to do, normalised (what it would store), to compare retries. */
export interface KeyedRequest {
  userId: number;
  key: string | null | undefined;
  /** the mutation's name, e.g. createTask */
  operation: string;
  payload: unknown;
}

export interface IdempotentCreate<T> {
  /** creates the entity with `db`, which is a transaction when a key was given */
  write: (db: Db) => Promise<T>;
  /** the id stored with the key */
  idOf: (result: T) => number;
  /** the answer to a retry: the entity the first request created, as the viewer may see it now */
  replay: (id: number) => Promise<T>;
  /** runs `write` in a transaction (default: db/transaction.ts, bounded by the request's deadline) */
  transaction?: (write: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>;
  /** `write` needs a transaction even without a key (it is given one either way) */
  alwaysInTransaction?: boolean;
}

/** Thrown inside the transaction when the key's row exists already (another request committed first). */
class KeyTaken extends Error {}

/** Stable JSON (sorted keys) of plain data: the same request always hashes the same. */
function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (operation: string, payload: unknown) =>
  createHash('sha256')
    .update(`${operation}\n${canonical(payload)}`)
    .digest('hex');

export class IdempotencyService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
  ) {}

  /**
   * Runs a create once per (user, key): without a key, simply runs it; with one, either answers with
   * what a previous request with that key created (BAD_USER_INPUT when that request was a different
   * one), or creates and records the key in one transaction.
   */
  async create<T>(request: KeyedRequest, create: IdempotentCreate<T>): Promise<T> {
    const transaction =
      create.transaction ??
      ((write: (tx: Prisma.TransactionClient) => Promise<T>) => inTransaction(this.prisma, write));
    const { key, userId } = request;
    if (!key) return create.alwaysInTransaction ? transaction(create.write) : create.write(this.prisma);

    const hash = requestHash(request.operation, request.payload);
    const previous = await this.find(userId, key);
    if (previous) return create.replay(this.resultOf(previous, hash));

    try {
      return await transaction(async (tx) => {
        const result = await create.write(tx);
        try {
          // createMany: nothing is read back (create would SELECT the row it just wrote)
          await tx.idempotencyKey.createMany({
            data: [
              {
                userId,
                key,
                operation: request.operation,
                requestHash: hash,
                resultId: create.idOf(result),
                expiresAt: new Date(Date.now() + TTL_MS),
              },
            ],
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw new KeyTaken();
          throw error;
        }
        return result;
      });
    } catch (error) {
      // Rolled back. A request with the same key may have committed meanwhile (it is then why this one
      // failed, on the key or on a unique name): its result is the answer. Otherwise the error stands.
      const winner = await this.find(userId, key).catch(() => null);
      if (winner) return create.replay(this.resultOf(winner, hash));
      throw error instanceof KeyTaken ? new Error('idempotency key taken, but its row is gone') : error;
    }
  }

  /** The key's live row; an expired one is deleted (the key starts afresh). */
  private async find(userId: number, key: string) {
    const row = await this.prisma.idempotencyKey.findUnique({
      where: { userId_key: { userId, key } },
      select: { requestHash: true, resultId: true, expiresAt: true },
    });
    if (!row || row.expiresAt > new Date()) return row;
    await this.prisma.idempotencyKey.deleteMany({ where: { userId, key, expiresAt: { lte: new Date() } } });
    return null;
  }

  private resultOf(row: { requestHash: string; resultId: number }, hash: string): number {
    if (row.requestHash !== hash) {
      throw badInput({ idempotencyKey: [KEY_REUSED_MESSAGE] }, `This idempotency key ${KEY_REUSED_MESSAGE}.`);
    }
    return row.resultId;
  }

  /** Deletes expired keys (in batches of `batchSize`; app.ts's housekeeping); returns how many. */
  purgeExpired(batchSize?: number): Promise<number> {
    return deleteExpired(this.sql, 'IdempotencyKey', { batchSize });
  }
}
