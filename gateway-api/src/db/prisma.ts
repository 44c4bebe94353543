// Builds the application's one PrismaClient: the `mariadb` driver adapter (no Rust engine) over a
// pool sized by DATABASE_POOL_SIZE, which we create ourselves so that its use can be measured
// (/metrics) and every SQL statement observed (LOG_LEVEL=trace, and the tests that count them).
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import mariadb, { type Pool } from 'mariadb';
import { DEFAULT_STATEMENT_TIMEOUT_SECONDS, type DatabaseConfig } from '../config/database.js';
import { Prisma as PrismaSql, PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../lib/logger.js';
import { poolOptions } from './connection.js';
import { createSql, type Sql } from './sql.js';
import { withStatementTimeout } from './timeouts.js';
import { sqlTransaction } from './transaction.js';

export type { PrismaClient };

export interface PrismaOptions {
  logger?: Logger;
  /** called with every SQL statement sent to the server */
  onQuery?: (sql: string) => void;
}

export interface Database {
  prisma: PrismaClient;
  pool: Pool;
  /** hot-path reads on the pool, bounded like Prisma's statements (sql.ts) */
  sql: Sql;
  /** a transaction on the pool, for the hot-path writes (transaction.ts sqlTransaction) */
  sqlTransaction<T>(write: (tx: Sql) => Promise<T>): Promise<T>;
  /** one round trip to the database on the pool (the readiness check) */
  ping(): Promise<void>;
}

export function createDatabase(db: DatabaseConfig, options: PrismaOptions = {}): Database {
  const { logger, onQuery } = options;
  const pool = mariadb.createPool({
    ...poolOptions(db),
    ...(onQuery || logger?.isLevelEnabled('trace')
      ? {
          logger: {
            query: (sql: string) => {
              onQuery?.(sql);
              logger?.trace({ sql }, 'sql');
            },
          },
        }
      : {}),
  });
  const statementTimeoutMs = (db.statementTimeoutSeconds ?? DEFAULT_STATEMENT_TIMEOUT_SECONDS) * 1000;
  const bounded = withStatementTimeout(pool, statementTimeoutMs);
  const adapter = new PrismaMariaDb(bounded, {
    database: db.database,
    disposeExternalPool: true,
  });
  const prisma = new PrismaClient({
    adapter,
    log: [
      { emit: 'event', level: 'warn' },
      { emit: 'event', level: 'error' },
    ],
  });
  prisma.$on('warn', (event) => logger?.warn({ target: event.target }, event.message));
  // Prisma reports every failed query here, expected ones too (a unique violation a service turns
  // into BAD_USER_INPUT). The error also reaches the caller, and those nobody expected are logged
  // in full, with the request id, by the API's formatError: here it is only debugging detail.
  prisma.$on('error', (event) => logger?.debug({ target: event.target }, event.message));
  const sql = createSql(bounded);
  return {
    prisma,
    pool,
    sql,
    sqlTransaction: (write) => sqlTransaction(bounded, write),
    ping: async () => {
      await sql(PrismaSql.sql`SELECT 1`);
    },
  };
}

export function createPrismaClient(db: DatabaseConfig, options: PrismaOptions = {}): PrismaClient {
  return createDatabase(db, options).prisma;
}
