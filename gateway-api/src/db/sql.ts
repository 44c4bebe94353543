// Reads on the hot path, sent straight through the driver's pool (with the statement timeouts of
// timeouts.ts, and logged like every statement): Prisma's $queryRaw costs about five times the CPU of
// the same statement on the pool, most of it converting each value of each row (bench/api/breakdown.ts:
// the board view's statements, 9.7 vs 2.0 ms). Statements are written with Prisma.sql, whose values
// are always sent as parameters. Writes and their transactions stay with Prisma, but for the
// housekeeping's statements (sql.exec: purges, the start's repair), which need nothing of it: a replica
// that only reads then never loads Prisma's query compiler (about 20 MB of WebAssembly and its memory).
import type { Pool } from 'mariadb';
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

export interface Sql {
  /** The rows of one read statement. */
  <T>(query: Prisma.Sql): Promise<T[]>;
  /** One statement that changes rows, on its own (no transaction): how many it changed. */
  exec(query: Prisma.Sql): Promise<number>;
}

export function createSql(pool: Pool): Sql {
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
  async function exec(query: Prisma.Sql): Promise<number> {
    // the driver's answer to a statement that returns no rows
    const result = (await sql<unknown>(query)) as unknown as { affectedRows: number };
    return result.affectedRows;
  }
  return Object.assign(sql, { exec });
}
