// Builds the application's one PrismaClient: the `mariadb` driver adapter (no Rust engine), a pool
// sized by DATABASE_POOL_SIZE, and Prisma's own log events routed to the app logger.
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import type { DatabaseConfig } from '../config/database.js';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Logger } from '../lib/logger.js';
import { poolOptions } from './connection.js';

export type { PrismaClient };

export interface PrismaOptions {
  logger?: Logger;
  /** called with each SQL statement (tests count statements to prove there is no N+1) */
  onQuery?: (sql: string) => void;
}

export function createPrismaClient(db: DatabaseConfig, options: PrismaOptions = {}) {
  const adapter = new PrismaMariaDb(poolOptions(db), { database: db.database });
  const prisma = new PrismaClient({
    adapter,
    log: [
      { emit: 'event', level: 'query' },
      { emit: 'event', level: 'warn' },
      { emit: 'event', level: 'error' },
    ],
  });
  const { logger, onQuery } = options;
  prisma.$on('query', (event) => {
    onQuery?.(event.query);
    logger?.trace({ sql: event.query, durationMs: event.duration }, 'sql');
  });
  prisma.$on('warn', (event) => logger?.warn({ target: event.target }, event.message));
  prisma.$on('error', (event) => logger?.error({ target: event.target }, event.message));
  return prisma;
}
