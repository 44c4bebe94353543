// Proves the migrations build exactly the database schema.prisma describes, and that the check
// would notice if they did not.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionOptions } from '../../src/db/connection.js';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations } from '../../src/db/migrator.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { findDrift, SCHEMA_FILE } from '../support/drift.js';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup) await fn();
});

async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  cleanup.push(() => db.drop());
  return db;
}

describe('schema drift', () => {
  it('a freshly migrated database matches schema.prisma exactly', async () => {
    const db = await database();
    await migrate({ connection: connectionOptions(db.config) });
    expect(await findDrift(db.query)).toEqual([]);
  });

  it('reports every way a migration can disagree with schema.prisma', async () => {
    // A copy of the migrations with deliberate mistakes in them.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'drifted-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    const [init] = await readMigrations(dir);
    const file = path.join(dir, init!.name, 'migration.sql');
    const sql = (await readFile(file, 'utf8'))
      .replace('`title` VARCHAR(191) NOT NULL', '`title` VARCHAR(100) NOT NULL')
      .replace('`dueDate` DATETIME(3) NULL', '`dueDate` DATETIME(3) NOT NULL')
      .replace("ENUM('TODO', 'IN_PROGRESS', 'DONE')", "ENUM('TODO', 'DONE')")
      .replace(',\n    FULLTEXT INDEX `Task_title_description_idx`(`title`, `description`)', '')
      .replace('UNIQUE INDEX `Label_boardId_name_key`', 'INDEX `Label_boardId_name_key`')
      .replace(
        'REFERENCES `Task`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;\n\n-- AddForeignKey\nALTER TABLE `TaskLabel` ADD CONSTRAINT `TaskLabel_labelId_fkey`',
        'REFERENCES `Task`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;\n\n-- AddForeignKey\nALTER TABLE `TaskLabel` ADD CONSTRAINT `TaskLabel_labelId_fkey`',
      );
    expect(sql).not.toBe(await readFile(file, 'utf8'));
    await writeFile(file, `${sql}\nALTER TABLE \`Board\` ADD COLUMN \`archived\` BOOLEAN NOT NULL DEFAULT false;\n`);

    const db = await database();
    await migrate({ connection: connectionOptions(db.config), migrationsDir: dir });
    const problems = await findDrift(db.query);
    expect(problems).toEqual(
      expect.arrayContaining([
        'column Task.title: type is varchar(100), schema.prisma says varchar(191)',
        'column Task.dueDate: NOT NULL, schema.prisma says optional',
        "column Task.status: type is enum('TODO','DONE'), schema.prisma says enum('TODO','IN_PROGRESS','DONE')",
        'index Task.Task_title_description_idx: missing (fulltext on title, description)',
        'index Label.Label_boardId_name_key: is normal on boardId, name, schema.prisma says unique on boardId, name',
        'foreign key TaskLabel.TaskLabel_taskId_fkey: is taskId -> Task ON DELETE RESTRICT ON UPDATE CASCADE, schema.prisma says taskId -> Task ON DELETE CASCADE ON UPDATE CASCADE',
        'column Board.archived: in the database but not in schema.prisma',
      ]),
    );
  });

  it('reports a model that no migration creates', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'schema-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const schema = `${await readFile(SCHEMA_FILE, 'utf8')}\nmodel Attachment {\n  id Int @id @default(autoincrement())\n}\n`;
    await writeFile(path.join(dir, 'schema.prisma'), schema);
    const db = await database();
    await migrate({ connection: connectionOptions(db.config) });
    expect(await findDrift(db.query, path.join(dir, 'schema.prisma'))).toEqual([
      'table Attachment: missing from the database',
    ]);
  });
});
