// Reads on the hot path, sent straight through the driver's pool (with the statement timeouts of
// timeouts.ts, and logged like every statement): Prisma's $queryRaw costs about five times the CPU of
// the same statement on the pool, most of it converting each value of each row (bench/api/breakdown.ts:
// the board view's statements, 9.7 vs 2.0 ms). Statements are written with Prisma.sql, whose values
// are always sent as parameters. The task writes (the board's busiest: every add, edit and move) run
// their transactions here too (db/transaction.ts sqlTransaction), as do the housekeeping's statements
// (sql.exec: purges, the start's repair); the other writes (boards, columns, labels, comments,
// members) keep Prisma's model API. A replica that only reads and moves tasks then never loads Prisma's
// query compiler (about 20 MB of WebAssembly and its memory).
import type { Connection, Pool } from 'mariadb';
import { Prisma as PrismaSql, type Prisma } from '../generated/prisma/client.js';

/**
 * A Prisma `select` of scalar fields as a SQL column list (with a table alias): one list of what a read
 * may return, for Prisma's queries and the pool's alike.
 */
export function columnsOf(select: Record<string, true>, alias?: string): Prisma.Sql {
  return PrismaSql.raw(
    Object.keys(select)
      .map((column) => (alias ? `${alias}.${column}` : column))
      .join(', '),
  );
}

/** What the helpers shared by both kinds of transaction need (the outbox, idempotency keys, columns). */
export interface Statements {
  /** The rows of one read statement. */
  <T>(query: Prisma.Sql): Promise<T[]>;
  /** One statement that changes rows: how many it changed. */
  exec(query: Prisma.Sql): Promise<number>;
}

export interface Sql extends Statements {
  /** One INSERT of one row: the AUTO_INCREMENT id it was given. */
  insert(query: Prisma.Sql): Promise<number>;
}

/** On the pool (each statement on a free connection) or on one connection (a transaction's). */
export function createSql(pool: Pick<Pool, 'query'> | Pick<Connection, 'query'>): Sql {
  async function sql<T>(query: Prisma.Sql): Promise<T[]> {
    // The driver's errors are made where its socket reads the answer: without this, a logged SQL
    // error would not say which service sent the statement (about 1 µs a statement)
    const sentFrom: { stack?: string } = {};
    Error.captureStackTrace(sentFrom, sql);
    try {
      // BIGINT (COUNT(*), MAX(id)) as numbers: counts and event ids stay far below 2^53
      return (await pool.query<T[]>({ sql: query.sql, bigIntAsNumber: true }, query.values)) as T[];
    } catch (error) {
      if (error instanceof Error && sentFrom.stack) {
        error.stack = `${error.stack ?? String(error)}\n    sent from:${sentFrom.stack.replace(/^Error/, '')}`;
      }
      throw error;
    }
  }
  // the driver's answer to a statement that returns no rows
  const ok = (query: Prisma.Sql) =>
    sql<unknown>(query) as unknown as Promise<{ affectedRows: number; insertId: number }>;
  return Object.assign(sql, {
    exec: async (query: Prisma.Sql) => (await ok(query)).affectedRows,
    insert: async (query: Prisma.Sql) => Number((await ok(query)).insertId),
  });
}

/** A transaction of either kind (db/transaction.ts): Prisma's interactive one, or one on the pool. */
export type AnyTransaction = Prisma.TransactionClient | Statements;

/**
 * A transaction's statements, whichever its kind: the helpers that writes of both kinds share (the
 * outbox's lockBoard and recordEvents, an idempotency key's row, a board's columns) are written once,
 * in SQL.
 */
export function statementsOf(tx: AnyTransaction): Statements {
  if (typeof tx === 'function') return tx;
  return Object.assign(<T>(query: Prisma.Sql) => tx.$queryRaw<T[]>(query), {
    exec: (query: Prisma.Sql) => tx.$executeRaw(query),
  });
}
