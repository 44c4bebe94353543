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
    const server = await startLocalDatabase({ dataDir: DB_DIR, database: 'taskboard_bench', grantAll: true, log });
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

export interface UserCounters {
  /** statements the user's connections executed: SELECT, UPDATE (insert, update, delete) and OTHER (BEGIN, COMMIT, SET, ...) commands */
  statements: number;
  select: number;
  update: number;
  other: number;
  /** seconds the server spent on them, in wall-clock and CPU time */
  busySeconds: number;
  cpuSeconds: number;
}

/**
 * The server's statement counters per database user (MariaDB's USER_STATISTICS, kept while the
 * `userstat` variable is on): the live scenario gives each API process a user of its own.
 */
export async function readUserCounters(db: BenchDatabase, users: string[]): Promise<Record<string, UserCounters>> {
  const rows = await db.pool.query<
    {
      USER: string;
      SELECT_COMMANDS: bigint;
      UPDATE_COMMANDS: bigint;
      OTHER_COMMANDS: bigint;
      BUSY_TIME: number;
      CPU_TIME: number;
    }[]
  >(
    `SELECT USER, SELECT_COMMANDS, UPDATE_COMMANDS, OTHER_COMMANDS, BUSY_TIME, CPU_TIME
     FROM information_schema.USER_STATISTICS WHERE USER IN (${users.map(() => '?').join(', ')})`,
    users,
  );
  const out: Record<string, UserCounters> = {};
  for (const user of users) {
    const row = rows.find((r) => r.USER === user);
    const select = Number(row?.SELECT_COMMANDS ?? 0);
    const update = Number(row?.UPDATE_COMMANDS ?? 0);
    const other = Number(row?.OTHER_COMMANDS ?? 0);
    out[user] = {
      statements: select + update + other,
      select,
      update,
      other,
      busySeconds: Number(row?.BUSY_TIME ?? 0),
      cpuSeconds: Number(row?.CPU_TIME ?? 0),
    };
  }
  return out;
}
