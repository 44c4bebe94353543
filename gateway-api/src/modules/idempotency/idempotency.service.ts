// Idempotent creates: a create mutation given a client-chosen key creates at most once per (user, key).
// The key's row is written in the same transaction as what it created, so both exist or neither; the
// primary key (userId, key) makes two concurrent requests with one key end with one entity: the
// second's transaction fails on it, rolls back, and answers with what the first created.
import { deleteExpired } from '../../db/expired.js';
import { statementsOf, type AnyTransaction, type Sql } from '../../db/sql.js';
import { Prisma } from '../../generated/prisma/client.js';
import { badInput } from '../../lib/errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import { IDEMPOTENCY_KEY_TTL_MS, KEY_REUSED_MESSAGE, requestHash } from './idempotency-key.js';

/** What a create mutation was asked to do, normalised (what it would store), to compare retries. */
export interface KeyedRequest {
  userId: number;
  key: string | null | undefined;
  /** the mutation's name, e.g. createTask */
  operation: string;
  payload: unknown;
}

export interface IdempotentCreate<T, Tx extends AnyTransaction> {
  /** creates the entity in the transaction `tx` (with or without a key) */
  write: (tx: Tx) => Promise<T>;
  /** the id stored with the key */
  idOf: (result: T) => number;
  /** the answer to a retry: the entity the first request created, as the viewer may see it now */
  replay: (id: number) => Promise<T>;
  /**
   * runs `write` in a transaction, of either kind (db/transaction.ts: Prisma's `transaction` or the pool's
   * `sqlTransaction`, both bounded by the request's deadline); the key's row is written in the same one
   */
  transaction: (write: (tx: Tx) => Promise<T>) => Promise<T>;
}

/** Thrown inside the transaction when the key's row exists already (another request committed first). */
class KeyTaken extends Error {}

export class IdempotencyService {
  constructor(private readonly sql: Sql) {}

  /**
   * Runs a create once per (user, key): without a key, simply runs it in its transaction; with one,
   * either answers with what a previous request with that key created (BAD_USER_INPUT when that request
   * was a different one), or creates and records the key in one transaction.
   */
  async create<T, Tx extends AnyTransaction = Prisma.TransactionClient>(
    request: KeyedRequest,
    create: IdempotentCreate<T, Tx>,
  ): Promise<T> {
    const { transaction } = create;
    const { key, userId } = request;
    if (!key) return transaction(create.write);

    const hash = requestHash(request.operation, request.payload);
    const previous = await this.find(userId, key);
    if (previous) return create.replay(this.resultOf(previous, hash));

    try {
      return await transaction(async (tx) => {
        const result = await create.write(tx);
        try {
          const now = new Date();
          await statementsOf(tx).exec(Prisma.sql`
            INSERT INTO IdempotencyKey (userId, \`key\`, operation, requestHash, resultId, createdAt, expiresAt)
            VALUES (${userId}, ${key}, ${request.operation}, ${hash}, ${create.idOf(result)}, ${now},
              ${new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS)})`);
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
    const [row] = await this.sql<{ requestHash: string; resultId: number; expiresAt: Date }>(Prisma.sql`
      SELECT requestHash, resultId, expiresAt FROM IdempotencyKey WHERE userId = ${userId} AND \`key\` = ${key}`);
    if (!row || row.expiresAt > new Date()) return row ?? null;
    await this.sql.exec(Prisma.sql`
      DELETE FROM IdempotencyKey WHERE userId = ${userId} AND \`key\` = ${key} AND expiresAt <= ${new Date()}`);
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
