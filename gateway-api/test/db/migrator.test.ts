// The engine-free migration runner against a real server: it must behave like `prisma migrate deploy`.
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mariadb from 'mariadb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionOptions } from '../../src/db/connection.js';
import { checksum, DEFAULT_MIGRATIONS_DIR, migrate, MigrationError, readMigrations } from '../../src/db/migrator.js';
import { main as migrateCli } from '../../src/db/migrate.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

let db: TestDatabase;
let dir: string;

beforeEach(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
});
afterEach(async () => {
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

const history = () => db.query<Row[]>('SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');
const run = () => migrate({ connection: connectionOptions(db.config), migrationsDir: dir });

async function addMigration(name: string, sql: string) {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

describe('migration runner', () => {
  it('applies every migration on a fresh database and records it as Prisma does', async () => {
    const files = await readMigrations(dir);
    const result = await run();
    expect(result.applied).toEqual(files.map((f) => f.name));
    const rows = await history();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(path.join(dir, files[i]!.name, 'migration.sql'), 'utf8');
      expect(row.checksum).toBe(checksum(sql));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
    const tables = await db.query<{ n: bigint }[]>(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'Task'",
    );
    expect(Number(tables[0]!.n)).toBe(1);
  });

  it('is a no-op when the database is up to date', async () => {
    await run();
    const before = await history();
    const again = await run();
    expect(again.applied).toEqual([]);
    expect(again.upToDate).toEqual(before.map((r) => r.migration_name));
    expect(await history()).toEqual(before);
  });

  it('applies only the new migration when one is added', async () => {
    await run();
    await addMigration('29990101000000_add_note', 'ALTER TABLE `Board` ADD COLUMN `note` VARCHAR(191) NULL;');
    const result = await run();
    expect(result.applied).toEqual(['29990101000000_add_note']);
  });

  it('refuses to run when an applied migration file was changed', async () => {
    await run();
    const [first] = await readMigrations(dir);
    const file = path.join(dir, first!.name, 'migration.sql');
    await writeFile(file, `${await readFile(file, 'utf8')}\n-- edited afterwards\n`);
    await addMigration('29990101000000_add_note', 'ALTER TABLE `Board` ADD COLUMN `note` VARCHAR(191) NULL;');
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('MODIFIED_MIGRATION');
    expect((error as Error).message).toContain(first!.name);
    expect((error as Error).message).toMatch(/new migration/);
    // nothing else was applied
    expect((await history()).map((r) => r.migration_name)).not.toContain('29990101000000_add_note');
  });

  it('records a failed migration and blocks the next run with an actionable message', async () => {
    await addMigration(
      '29990101000000_broken',
      'ALTER TABLE `Board` ADD COLUMN `note` VARCHAR(191) NULL;\nALTER TABLE `NoSuchTable` ADD COLUMN `x` INTEGER;',
    );
    await addMigration('29990102000000_after', 'ALTER TABLE `Board` ADD COLUMN `other` INTEGER NULL;');
    const error = (await run().catch((e: unknown) => e)) as MigrationError;
    expect(error.code).toBe('APPLY_FAILED');
    expect(error.message).toContain('29990101000000_broken');

    const rows = await history();
    const broken = rows.find((r) => r.migration_name === '29990101000000_broken')!;
    expect(broken.finished_at).toBeNull();
    expect(broken.rolled_back_at).toBeNull();
    expect(broken.applied_steps_count).toBe(0);
    expect(broken.logs).toMatch(/NoSuchTable/);
    expect(rows.map((r) => r.migration_name)).not.toContain('29990102000000_after');

    const blocked = (await run().catch((e: unknown) => e)) as MigrationError;
    expect(blocked.code).toBe('FAILED_MIGRATION');
    expect(blocked.message).toContain('29990101000000_broken');
    expect(blocked.message).toContain('--rolled-back 29990101000000_broken');
    expect(blocked.message).toContain('P3009');

    // The operator undoes the partial change, marks it rolled back, fixes the file: the run goes on.
    await db.query('ALTER TABLE `Board` DROP COLUMN `note`');
    const env = { DATABASE_URL: db.url };
    await migrateCli(['--rolled-back', '29990101000000_broken', '--migrations-dir', dir], env);
    await writeFile(
      path.join(dir, '29990101000000_broken', 'migration.sql'),
      'ALTER TABLE `Board` ADD COLUMN `note` VARCHAR(191) NULL;',
    );
    const resumed = await migrate({ connection: connectionOptions(db.config), migrationsDir: dir });
    expect(resumed.applied).toEqual(['29990101000000_broken', '29990102000000_after']);
  });

  it('applies each migration exactly once when two runners start at the same moment', async () => {
    const [a, b] = await Promise.all([run(), run()]);
    const files = await readMigrations(dir);
    expect([...a.applied, ...b.applied].sort()).toEqual(files.map((f) => f.name).sort());
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
    const rows = await history();
    expect(rows).toHaveLength(files.length);
    expect(new Set(rows.map((r) => r.migration_name)).size).toBe(files.length);
  });

  it('waits for a runner that holds the lock instead of failing', async () => {
    const holder = await mariadb.createConnection(connectionOptions(db.config));
    const [got] = await holder.query<{ l: number }[]>("SELECT GET_LOCK('prisma_migrate', 1) AS l");
    expect(Number(got!.l)).toBe(1);
    const logs: string[] = [];
    const running = migrate({ connection: connectionOptions(db.config), migrationsDir: dir, log: (m) => logs.push(m) });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await db.query<unknown[]>('SHOW TABLES LIKE "_prisma_migrations"')).toHaveLength(0);
    await holder.query("SELECT RELEASE_LOCK('prisma_migrate')");
    await holder.end();
    const result = await running;
    expect(result.applied.length).toBeGreaterThan(0);
    expect(logs.join('\n')).toMatch(/waiting for another migration runner/);
  });

  it('rejects a folder that is not a MySQL Prisma migrations folder', async () => {
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    await expect(run()).rejects.toThrow(/provider = "mysql"/);
  });
});
