// The benchmark's database: its own MariaDB server with files in bench/.data/db (kept between runs,
// so the data set is built once), or BENCH_DATABASE_URL. Migrated with the project's runner and
// filled by the project's seed script plus the bench's own boards (lib/data.ts).
import mariadb, { type Pool } from 'mariadb';
import { parseDatabaseUrl, type DatabaseConfig } from 'gateway-api/config';
import { connectionOptions, migrate } from 'gateway-api/database';
import { startLocalDatabase, BENCHMARK_BOARD } from 'gateway-api/dev';
import { DB_DIR, REPO } from './paths.js';
import { run } from './proc.js';

export const SEARCH_TASKS = 100_000;

export interface BenchDatabase {
  url: string;
  config: DatabaseConfig;
  /** the harness's own connections: data set-up, resets between runs, statement counters */
  pool: Pool;
  /** true when the server is ours alone, so its global statement counters count only our traffic */
  exclusive: boolean;
  describe: string;
  stop(): Promise<void>;
}

export async function openBenchDatabase(log: (message: string) => void): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL?.trim();
  let url: string;
  let stopServer = async () => {};
  let describe: string;
  if (given) {
    url = given;
    describe = 'BENCH_DATABASE_URL';
    log('using BENCH_DATABASE_URL: SQL statement counts assume nothing else uses that server meanwhile');
  } else {
    const server = await startLocalDatabase({ dataDir: DB_DIR, database: 'taskboard_bench', log });
    url = server.url;
    stopServer = server.stop;
    describe = `${server.binary.version} on 127.0.0.1:${server.port}, data in bench/.data/db`;
  }
  const issues: string[] = [];
  const parsed = parseDatabaseUrl(url, given ? 'BENCH_DATABASE_URL' : 'local database', issues);
  if (!parsed) throw new Error(issues.join('\n'));
  const config: DatabaseConfig = { ...parsed, poolSize: 4, ssl: undefined, source: 'DATABASE_URL' };
  await migrate({ connection: connectionOptions(config), log: (m) => log(`migrate: ${m}`) });
  const pool = mariadb.createPool({ ...connectionOptions(config), connectionLimit: 4 });
  return {
    url,
    config,
    pool,
    exclusive: !given,
    describe,
    stop: async () => {
      await pool.end();
      await stopServer();
    },
  };
}

/** The demo data and the 100 000-task search board, by the project's own seed script (skipped when present). */
export async function ensureSeeded(db: BenchDatabase, log: (message: string) => void): Promise<void> {
  const [row] = await db.pool.query<{ tasks: bigint | number }[]>(
    `SELECT COUNT(*) AS tasks FROM Task t JOIN Board b ON b.id = t.boardId WHERE b.name = ?`,
    [BENCHMARK_BOARD],
  );
  if (Number(row?.tasks ?? 0) >= SEARCH_TASKS) return;
  log(`seeding: npm run db:seed -- --tasks ${SEARCH_TASKS} (first run only, about a minute)`);
  await run('seed', 'npm', ['run', 'db:seed', '--', '--tasks', String(SEARCH_TASKS)], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: db.url },
  });
}

export interface StatusCounters {
  /** statements the server executed for clients (COM_QUERY and COM_STMT_EXECUTE; not PREPARE or PING) */
  questions: number;
  select: number;
  insert: number;
  update: number;
  delete: number;
  transaction: number;
}

/**
 * The server's global statement counters. Read from one connection of our own; the read itself is a
 * statement too, which `statementsBetween` subtracts.
 */
export async function readCounters(db: BenchDatabase): Promise<StatusCounters> {
  const rows = await db.pool.query<{ Variable_name: string; Value: string }[]>(
    `SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select', 'Com_insert', 'Com_update',
      'Com_delete', 'Com_update_multi', 'Com_delete_multi', 'Com_begin', 'Com_commit', 'Com_rollback')`,
  );
  const v = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? 0);
  return {
    questions: v('Questions'),
    select: v('Com_select'),
    insert: v('Com_insert'),
    update: v('Com_update') + v('Com_update_multi'),
    delete: v('Com_delete') + v('Com_delete_multi'),
    transaction: v('Com_begin') + v('Com_commit') + v('Com_rollback'),
  };
}
