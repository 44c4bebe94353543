// The e2e stack's database: a fresh one on TEST_DATABASE_URL's server when that is set (its user
// must be allowed to create databases), else a throwaway local MariaDB in a temporary directory.
// Either way it is migrated, empty, and gone afterwards; the development database is never touched.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mariadb from 'mariadb';
import { parseDatabaseUrl, type DatabaseConfig } from 'gateway-api/config';
import { connectionOptions, migrate } from 'gateway-api/database';
import { MissingServerBinaryError, startLocalDatabase } from 'gateway-api/dev';

export interface E2eDatabase {
  url: string;
  describe: string;
  drop(): Promise<void>;
}

function toConfig(url: string, variable: string): DatabaseConfig {
  const issues: string[] = [];
  const parsed = parseDatabaseUrl(url, variable, issues);
  if (!parsed) throw new Error(issues.join('\n'));
  return { ...parsed, poolSize: 5, ssl: undefined, source: 'DATABASE_URL' };
}

function urlOf(config: DatabaseConfig): string {
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `mysql://${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}@${host}:${config.port}/${encodeURIComponent(config.database)}`;
}

async function onExistingServer(adminUrl: string): Promise<E2eDatabase> {
  const admin = toConfig(adminUrl, 'TEST_DATABASE_URL');
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  const adminQuery = async (sql: string) => {
    const conn = await mariadb.createConnection({ ...connectionOptions(admin), database: undefined });
    try {
      await conn.query(sql);
    } finally {
      await conn.end();
    }
  };
  await adminQuery(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const config = { ...admin, database: name };
  await migrate({ connection: connectionOptions(config) });
  return {
    url: urlOf(config),
    describe: `database ${name} on ${admin.host}:${admin.port} (TEST_DATABASE_URL)`,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS \`${name}\``),
  };
}

async function onThrowawayServer(): Promise<E2eDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'taskboard-e2e-db-'));
  let server;
  try {
    server = await startLocalDatabase({ dataDir, database: 'taskboard_e2e', ephemeral: true });
    await migrate({ connection: connectionOptions(toConfig(server.url, 'DATABASE_URL')) });
  } catch (error) {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (error instanceof MissingServerBinaryError) {
      throw new Error(
        `The e2e tests need a MySQL-compatible server. ${error.message}\n` +
          'Or set TEST_DATABASE_URL to an account that may create databases.',
        { cause: error },
      );
    }
    throw error;
  }
  return {
    url: server.url,
    describe: `throwaway ${server.binary.version} on 127.0.0.1:${server.port}`,
    drop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function createE2eDatabase(): Promise<E2eDatabase> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  return given ? onExistingServer(given) : onThrowawayServer();
}

/** Runs one statement on the e2e database (its URL: inject('databaseUrl')) and returns its rows. */
export async function queryE2eDatabase<T>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const conn = await mariadb.createConnection(connectionOptions(toConfig(url, 'DATABASE_URL')));
  try {
    return (await conn.query(sql, values)) as T[];
  } finally {
    await conn.end();
  }
}
