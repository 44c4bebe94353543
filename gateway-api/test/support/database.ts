// Per-test databases on the shared test server: each gets a fresh, uniquely named database.
import { randomBytes } from 'node:crypto';
import mariadb from 'mariadb';
import { inject } from 'vitest';
import { parseDatabaseUrl, type DatabaseConfig } from '../../src/config/database.js';
import { connectionOptions } from '../../src/db/connection.js';
import { migrate } from '../../src/db/migrator.js';

export function adminConfig(): DatabaseConfig {
  const issues: string[] = [];
  const parsed = parseDatabaseUrl(inject('adminDatabaseUrl'), 'TEST_DATABASE_URL', issues);
  if (!parsed) throw new Error(issues.join('\n'));
  return { ...parsed, poolSize: 5, ssl: undefined, source: 'DATABASE_URL' };
}

export async function adminQuery<T = unknown>(sql: string, values?: unknown[]): Promise<T> {
  const conn = await mariadb.createConnection({ ...connectionOptions(adminConfig()), database: undefined });
  try {
    return (await conn.query(sql, values)) as T;
  } finally {
    await conn.end();
  }
}

export interface TestDatabase {
  config: DatabaseConfig;
  url: string;
  /** a connection to this database (closed by drop) */
  query<T = unknown>(sql: string, values?: unknown[]): Promise<T>;
  drop(): Promise<void>;
}

/** Creates an empty database; `migrated: true` also applies the project's migrations. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const admin = adminConfig();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const config: DatabaseConfig = { ...admin, database: name };
  if (options.migrated) await migrate({ connection: connectionOptions(config) });
  const pool = mariadb.createPool({ ...connectionOptions(config), connectionLimit: 2 });
  const url = `mysql://${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}@${config.host}:${config.port}/${name}`;
  return {
    config,
    url,
    query: async <T>(sql: string, values?: unknown[]) => (await pool.query(sql, values)) as T,
    drop: async () => {
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS \`${name}\``);
    },
  };
}
