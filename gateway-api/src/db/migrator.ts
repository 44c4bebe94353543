// Applies Prisma-layout SQL migrations without Prisma's Rust schema engine, recording them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so either tool can take over.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mariadb, { type Connection, type ConnectionConfig } from 'mariadb';

/** prisma/migrations of this package, from src/db or dist/db alike */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** The lock name and history table Prisma uses on MySQL: runners of both kinds exclude each other. */
const LOCK_NAME = 'prisma_migrate';

const CREATE_HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS \`_prisma_migrations\` (
    \`id\`                      VARCHAR(36) PRIMARY KEY NOT NULL,
    \`checksum\`                VARCHAR(64) NOT NULL,
    \`finished_at\`             DATETIME(3),
    \`migration_name\`          VARCHAR(255) NOT NULL,
    \`logs\`                    TEXT,
    \`rolled_back_at\`          DATETIME(3),
    \`started_at\`              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    \`applied_steps_count\`     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

interface HistoryRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
}

export type MigrationErrorCode = 'FAILED_MIGRATION' | 'MODIFIED_MIGRATION' | 'LOCK_TIMEOUT' | 'APPLY_FAILED' | 'LAYOUT';

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrateOptions {
  connection: ConnectionConfig;
  migrationsDir?: string;
  /** seconds to wait for another runner holding the lock (default 300) */
  lockTimeoutSeconds?: number;
  log?: (message: string) => void;
}

export interface MigrateResult {
  applied: string[];
  upToDate: string[];
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** Reads `<dir>/<timestamp>_<name>/migration.sql` in name order, checking the lock file's provider. */
export async function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  let lock: string;
  try {
    lock = await readFile(path.join(dir, 'migration_lock.toml'), 'utf8');
  } catch {
    throw new MigrationError('LAYOUT', `No migration_lock.toml in ${dir}: is this a Prisma migrations folder?`);
  }
  if (!/^\s*provider\s*=\s*"mysql"\s*$/m.test(lock)) {
    throw new MigrationError('LAYOUT', `${dir}/migration_lock.toml must say provider = "mysql"`);
  }
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8').catch(() => {
        throw new MigrationError('LAYOUT', `Migration folder ${name} has no migration.sql`);
      });
      return { name, sql, checksum: checksum(sql) };
    }),
  );
}

const isFailed = (row: HistoryRow) => row.finished_at === null && row.rolled_back_at === null;
const isApplied = (row: HistoryRow) => row.finished_at !== null && row.rolled_back_at === null;

async function acquireLock(conn: Connection, timeoutSeconds: number, log: (m: string) => void) {
  const tryLock = async (waitSeconds: number) => {
    const [row] = await conn.query<{ locked: number | bigint | null }[]>('SELECT GET_LOCK(?, ?) AS locked', [
      LOCK_NAME,
      waitSeconds,
    ]);
    return Number(row?.locked) === 1;
  };
  if (await tryLock(0)) return;
  log('waiting for another migration runner to finish ...');
  const deadline = Date.now() + timeoutSeconds * 1000;
  // Prisma asks with a 10 s timeout; we ask in the same steps until our own deadline.
  while (Date.now() < deadline) {
    if (await tryLock(Math.max(1, Math.min(10, Math.ceil((deadline - Date.now()) / 1000))))) return;
  }
  throw new MigrationError(
    'LOCK_TIMEOUT',
    `Another migration runner has held the '${LOCK_NAME}' lock for over ${timeoutSeconds} s. ` +
      'Wait for it to finish (check for a running migration Job or `prisma migrate deploy`), then retry.',
  );
}

function failedMessage(row: HistoryRow): string {
  return (
    `Migration \`${row.migration_name}\` started at ${row.started_at.toISOString()} failed, so no further ` +
    'migrations will be applied (Prisma error P3009).\n' +
    (row.logs ? `Its error was:\n${row.logs.trim()}\n` : '') +
    'To recover: look at what the migration did before it failed and undo or finish it by hand, then mark it:\n' +
    `  npm run db:migrate -- --rolled-back ${row.migration_name}   # you undid it: it will be applied again\n` +
    `  npm run db:migrate -- --applied ${row.migration_name}       # you finished it by hand\n` +
    '(the same as `prisma migrate resolve --rolled-back|--applied`; see https://pris.ly/d/migrate-resolve)'
  );
}

/**
 * Applies every pending migration in order. Serialised across processes with GET_LOCK; refuses to
 * run when an applied migration's file changed or an earlier one failed.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const files = await readMigrations(options.migrationsDir);
  // One connection, so the named lock (held per connection) covers the whole run.
  const conn = await mariadb.createConnection({ ...options.connection, multipleStatements: true });
  try {
    await acquireLock(conn, options.lockTimeoutSeconds ?? 300, log);
    await conn.query(CREATE_HISTORY_TABLE);
    // Read the history only after taking the lock: another runner may just have applied migrations.
    const rows = await conn.query<HistoryRow[]>('SELECT * FROM `_prisma_migrations` ORDER BY started_at, id');

    const failed = rows.find(isFailed);
    if (failed) throw new MigrationError('FAILED_MIGRATION', failedMessage(failed));

    const applied = new Map(rows.filter(isApplied).map((r) => [r.migration_name, r]));
    const modified = files.filter((f) => applied.has(f.name) && applied.get(f.name)!.checksum !== f.checksum);
    if (modified.length) {
      throw new MigrationError(
        'MODIFIED_MIGRATION',
        `Migration file${modified.length > 1 ? 's' : ''} changed after being applied: ` +
          `${modified.map((f) => f.name).join(', ')}.\n` +
          'An applied migration must never be edited: restore the original file (git checkout) and put the ' +
          'change in a new migration folder instead.',
      );
    }
    const known = new Set(files.map((f) => f.name));
    for (const name of applied.keys()) {
      if (!known.has(name)) log(`note: the database has migration ${name}, which this version does not know`);
    }

    const result: MigrateResult = { applied: [], upToDate: [...applied.keys()].filter((n) => known.has(n)) };
    for (const file of files) {
      if (applied.has(file.name)) continue;
      const id = randomUUID();
      await conn.query(
        'INSERT INTO `_prisma_migrations` (id, checksum, migration_name, started_at, applied_steps_count) ' +
          'VALUES (?, ?, ?, CURRENT_TIMESTAMP(3), 0)',
        [id, file.checksum, file.name],
      );
      log(`applying migration ${file.name}`);
      try {
        await conn.query(file.sql);
      } catch (error) {
        const message = (error as Error).message;
        await conn.query('UPDATE `_prisma_migrations` SET logs = ? WHERE id = ?', [
          `Migration \`${file.name}\` failed to apply:\n${message}`,
          id,
        ]);
        throw new MigrationError(
          'APPLY_FAILED',
          `Migration ${file.name} failed: ${message}\nIt is recorded as failed; nothing after it was applied. ` +
            `Fix the database, then run \`npm run db:migrate -- --rolled-back ${file.name}\` (or --applied).`,
        );
      }
      await conn.query(
        'UPDATE `_prisma_migrations` SET finished_at = CURRENT_TIMESTAMP(3), applied_steps_count = 1 WHERE id = ?',
        [id],
      );
      result.applied.push(file.name);
    }
    return result;
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => {});
    await conn.end();
  }
}

/** `prisma migrate resolve`: marks a failed migration as rolled back, or as applied by hand. */
export async function resolveMigration(
  options: MigrateOptions & { name: string; as: 'rolled-back' | 'applied' },
): Promise<void> {
  const files = await readMigrations(options.migrationsDir);
  const file = files.find((f) => f.name === options.name);
  if (!file)
    throw new MigrationError('LAYOUT', `There is no migration named ${options.name} in the migrations folder.`);
  const conn = await mariadb.createConnection(options.connection);
  try {
    await acquireLock(conn, options.lockTimeoutSeconds ?? 300, options.log ?? (() => {}));
    await conn.query(CREATE_HISTORY_TABLE);
    const rows = await conn.query<HistoryRow[]>('SELECT * FROM `_prisma_migrations` WHERE migration_name = ?', [
      options.name,
    ]);
    const failed = rows.find(isFailed);
    if (options.as === 'rolled-back') {
      if (!failed) throw new MigrationError('LAYOUT', `Migration ${options.name} is not in a failed state.`);
      await conn.query('UPDATE `_prisma_migrations` SET rolled_back_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [
        failed.id,
      ]);
    } else {
      if (rows.some(isApplied)) throw new MigrationError('LAYOUT', `Migration ${options.name} is already applied.`);
      if (failed) {
        await conn.query('UPDATE `_prisma_migrations` SET rolled_back_at = CURRENT_TIMESTAMP(3) WHERE id = ?', [
          failed.id,
        ]);
      }
      await conn.query(
        'INSERT INTO `_prisma_migrations` (id, checksum, migration_name, started_at, finished_at, applied_steps_count) ' +
          'VALUES (?, ?, ?, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3), 0)',
        [randomUUID(), file.checksum, file.name],
      );
    }
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => {});
    await conn.end();
  }
}
