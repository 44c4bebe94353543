// The board-columns migration (prisma/migrations/20261128120000_board_columns) on a database that
// looks like production's: it gives every board its three default columns and puts every task into
// its board's column of its status, losing none and keeping each task's order, position, version,
// updatedAt and title, and leaving labels, comments and the live-update outbox alone.
//
// Why it matters: the migration runs on live data before the new release starts, and it is
// expand-only (see its header): the previous release keeps running against the migrated schema
// during the rollout, reading a column as the tasks of (board, status) ORDER BY position, id, and
// checking `version` for optimistic concurrency. A task that lost its place or had its version bumped
// would jump around or refuse the next edit in every open browser. So the test applies the
// migrations the previous release ran on, fills that schema in bulk (one board of BIG_BOARD_TASKS
// tasks, and small boards with the awkward cases: negative and equal positions, one status only, no
// tasks at all), snapshots it, applies the new migration with the production runner, and compares.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions } from '../../src/db/connection.js';
import { DEFAULT_MIGRATIONS_DIR, migrate, readMigrations, type MigrateResult } from '../../src/db/migrator.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const MIGRATION = '20261128120000_board_columns';

/** Tasks on the one big board (the figure). */
const BIG_BOARD_TASKS = 100_000;

/** Seeding 100 000 tasks and migrating them takes seconds here; CI machines are slower. */
const TIMEOUT_MS = 120_000;

type Status = 'TODO' | 'IN_PROGRESS' | 'DONE';

/** What every board must have after the migration, in board order. */
const DEFAULT_COLUMNS = [
  { name: 'To do', position: 0, status: 'TODO', wipLimit: null },
  { name: 'In progress', position: 1, status: 'IN_PROGRESS', wipLimit: null },
  { name: 'Done', position: 2, status: 'DONE', wipLimit: null },
];

const BOARD = { big: 1, mixed: 2, doneOnly: 3, empty: 4, allAtZero: 5 } as const;
const USERS = 5;

/** The small mixed board's tasks, in insertion (id) order: ties, negatives and INT's extremes. */
const MIXED_TASKS: [Status, position: number, version: number][] = [
  ['TODO', 0, 1],
  ['TODO', -5, 3],
  ['IN_PROGRESS', 2_147_483_647, 1],
  ['TODO', 0, 2],
  ['DONE', 10, 1],
  ['IN_PROGRESS', -2_147_483_648, 4],
  ['TODO', -5, 1],
  ['DONE', 10, 9],
  ['IN_PROGRESS', 0, 2],
  ['DONE', -1, 1],
];
const DONE_ONLY_TASKS = 20;
const ALL_AT_ZERO_TASKS = 30;

interface TaskRow {
  id: number;
  boardId: number;
  status: Status;
  position: number;
  version: number;
  /** as the server prints it, to the millisecond: no time-zone conversion in between */
  updatedAt: string;
  title: string;
}

interface Snapshot {
  boardIds: number[];
  /** `${boardId}:${status}` -> task ids ORDER BY position, id (the previous release's column order) */
  order: Map<string, number[]>;
  tasks: Map<number, TaskRow>;
  counts: Record<string, number>;
  events: unknown[];
}

let db: TestDatabase;
let dir: string;
let before: Snapshot;
let migrated: MigrateResult;

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

const run = () => migrate({ connection: connectionOptions(db.config), migrationsDir: dir });
const key = (boardId: number, status: string) => `${boardId}:${status}`;

async function count(table: string): Promise<number> {
  const [row] = await db.query<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM \`${table}\``);
  return Number(row!.n);
}

const TASK_COLUMNS = 'id, boardId, status, position, version, CAST(updatedAt AS CHAR) AS updatedAt, title';

const EVENTS =
  'SELECT id, boardId, kind, entityId, taskId, actorId, CAST(createdAt AS CHAR) AS createdAt FROM BoardEvent ORDER BY id';

async function snapshot(): Promise<Snapshot> {
  const boards = await db.query<{ id: number }[]>('SELECT id FROM Board ORDER BY id');
  const rows = await db.query<TaskRow[]>(`SELECT ${TASK_COLUMNS} FROM Task ORDER BY boardId, status, position, id`);
  const order = new Map<string, number[]>();
  for (const row of rows) {
    const k = key(row.boardId, row.status);
    if (!order.has(k)) order.set(k, []);
    order.get(k)!.push(row.id);
  }
  const counts: Record<string, number> = {};
  for (const table of ['User', 'Board', 'Membership', 'Task', 'Label', 'TaskLabel', 'Comment', 'BoardEvent']) {
    counts[table] = await count(table);
  }
  const events = await db.query<unknown[]>(EVENTS);
  return { boardIds: boards.map((b) => b.id), order, tasks: new Map(rows.map((r) => [r.id, r])), counts, events };
}

/** The previous release's data, set-based: a few seconds for BIG_BOARD_TASKS tasks. */
async function fill() {
  // 0 .. BIG_BOARD_TASKS - 1, from a 1 000-row recursive CTE (MySQL stops recursing at 1 000 by default)
  await db.query('CREATE TABLE fill_seq (n INT NOT NULL PRIMARY KEY)');
  await db.query(
    `INSERT INTO fill_seq (n)
     WITH RECURSIVE d (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 999)
     SELECT hi.n * 1000 + lo.n FROM d hi CROSS JOIN d lo WHERE hi.n * 1000 + lo.n < ?`,
    [BIG_BOARD_TASKS],
  );
  await db.query(
    `INSERT INTO User (id, email, name, passwordHash, createdAt, updatedAt)
     SELECT n + 1, CONCAT('user', n + 1, '@example.test'), CONCAT('User ', n + 1), 'not a hash', NOW(3), NOW(3)
     FROM fill_seq WHERE n < ?`,
    [USERS],
  );
  await db.query(
    `INSERT INTO Board (id, name, createdAt, updatedAt) VALUES
     (?, 'Big', NOW(3), NOW(3)), (?, 'Mixed', NOW(3), NOW(3)), (?, 'Done only', NOW(3), NOW(3)),
     (?, 'Empty', NOW(3), NOW(3)), (?, 'All at position 0', NOW(3), NOW(3))`,
    Object.values(BOARD),
  );
  await db.query(
    `INSERT INTO Membership (boardId, userId, role, createdAt)
     SELECT b.id, u.id, IF(u.id = 1, 'OWNER', 'MEMBER'), NOW(3) FROM Board b CROSS JOIN User u`,
  );

  // The big board: 50 % TODO, 30 % IN_PROGRESS, 20 % DONE. position = n * 7919 mod 30 000 - 10 000 is
  // a shuffle (negative to 19 999) that repeats every 30 000 tasks in the same status, so a column's
  // order is not its id order and has ties, which (position, id) breaks. Versions 1 to 7,
  // updatedAt distinct to the millisecond. Its two halves go in around the small boards' tasks, so
  // no board's ids are one contiguous range.
  const bigTasks = (where: string) =>
    db.query(
      `INSERT INTO Task (boardId, title, description, status, position, assigneeId, creatorId, version, createdAt, updatedAt)
       SELECT ?, CONCAT('Task ', n, ' – ünïcode ✓'), IF(n % 4 = 0, NULL, CONCAT('Details of task ', n)),
         CASE WHEN n % 10 < 5 THEN 'TODO' WHEN n % 10 < 8 THEN 'IN_PROGRESS' ELSE 'DONE' END,
         n * 7919 % 30000 - 10000, IF(n % 3 = 0, NULL, 1 + n % ?), 1 + n % ?, 1 + n % 7,
         TIMESTAMP('2026-01-01') + INTERVAL n SECOND,
         TIMESTAMP('2026-06-01') + INTERVAL n * 1237000 MICROSECOND
       FROM fill_seq WHERE ${where}`,
      [BOARD.big, USERS, USERS, BIG_BOARD_TASKS / 2],
    );
  await bigTasks('n < ?');
  await db.query(
    `INSERT INTO Task (boardId, title, status, position, creatorId, version, createdAt, updatedAt) VALUES
     ${MIXED_TASKS.map(() => "(?, ?, ?, ?, 1, ?, NOW(3), TIMESTAMP('2026-02-03 04:05:06.789'))").join(', ')}`,
    MIXED_TASKS.flatMap(([status, position, version], i) => [BOARD.mixed, `Mixed ${i}`, status, position, version]),
  );
  await db.query(
    `INSERT INTO Task (boardId, title, status, position, version, createdAt, updatedAt)
     SELECT ?, CONCAT('Done ', n), 'DONE', (n % 4) * 10 - 15, 2 + n % 3, NOW(3), NOW(3) FROM fill_seq WHERE n < ?`,
    [BOARD.doneOnly, DONE_ONLY_TASKS],
  );
  await db.query(
    `INSERT INTO Task (boardId, title, status, position, version, createdAt, updatedAt)
     SELECT ?, CONCAT('Zero ', n), ELT(1 + n % 3, 'TODO', 'IN_PROGRESS', 'DONE'), 0, 1 + n % 2, NOW(3), NOW(3)
     FROM fill_seq WHERE n < ?`,
    [BOARD.allAtZero, ALL_AT_ZERO_TASKS],
  );
  await bigTasks('n >= ?');

  await db.query(
    `INSERT INTO Label (boardId, name, color, createdAt)
     SELECT b.id, l.name, l.color, NOW(3) FROM Board b CROSS JOIN
       (SELECT 'bug' AS name, '#d73a4a' AS color UNION ALL SELECT 'feature', '#a2eeef' UNION ALL SELECT 'docs', '#0075ca') l`,
  );
  await db.query(
    `INSERT INTO TaskLabel (taskId, labelId)
     SELECT t.id, l.id FROM Task t JOIN Label l ON l.boardId = t.boardId
     WHERE (l.name = 'bug' AND t.id % 5 = 0) OR (l.name = 'feature' AND t.id % 7 = 0)`,
  );
  // one comment on every 11th task, two on every 22nd
  await db.query(
    `INSERT INTO Comment (taskId, authorId, body, createdAt, updatedAt)
     SELECT t.id, 1 + t.id % ?, CONCAT('Comment ', c.k, ' on task ', t.id), NOW(3), NOW(3)
     FROM Task t JOIN (SELECT 1 AS k UNION ALL SELECT 2) c ON t.id % (11 * c.k) = 0`,
    [USERS],
  );
  // The outbox: its kind column is widened by the migration; its rows must come through as they are.
  await db.query(
    `INSERT INTO BoardEvent (boardId, kind, entityId, actorId, createdAt)
     SELECT boardId, 'TASK_CREATED', id, COALESCE(creatorId, 1), createdAt FROM Task WHERE boardId <> ? OR id % 10 = 0`,
    [BOARD.big],
  );
  await db.query(
    `INSERT INTO BoardEvent (boardId, kind, entityId, taskId, actorId, createdAt)
     SELECT t.boardId, 'COMMENT_ADDED', c.id, t.id, c.authorId, c.createdAt FROM Comment c JOIN Task t ON t.id = c.taskId`,
  );
  await db.query(
    `INSERT INTO BoardEvent (boardId, kind, entityId, actorId) VALUES (99, 'BOARD_DELETED', NULL, 1), (?, 'MEMBER_ADDED', 2, 1)`,
    [BOARD.empty],
  );
  await db.query('DROP TABLE fill_seq');
}

/** The first difference between two id lists, or null when they are equal. */
function firstDifference(expected: number[], actual: number[]) {
  if (expected.length === actual.length && expected.every((id, i) => actual[i] === id)) return null;
  const index = expected.findIndex((id, i) => actual[i] !== id);
  const at = index === -1 ? expected.length : index;
  return {
    lengths: { expected: expected.length, actual: actual.length },
    at,
    expected: expected[at],
    actual: actual[at],
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  cleanup.push(() => db.drop());

  // 1. The schema the previous release ran on: every migration before this one.
  const all = (await readMigrations()).map((m) => m.name);
  if (!all.includes(MIGRATION)) throw new Error(`${MIGRATION} is not in ${DEFAULT_MIGRATIONS_DIR}`);
  dir = await mkdtemp(path.join(os.tmpdir(), 'columns-migration-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  await cp(path.join(DEFAULT_MIGRATIONS_DIR, 'migration_lock.toml'), path.join(dir, 'migration_lock.toml'));
  for (const name of all.filter((n) => n < MIGRATION)) {
    await cp(path.join(DEFAULT_MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  }
  await run();

  // 2. and 3. Its data, and what it looks like.
  await fill();
  before = await snapshot();

  // 4. The new release's deploy: the migrations folder gains this migration, the same runner applies it.
  // (Migrations after this one, e.g. the contract step that drops Task.status, are not this test's.)
  await cp(path.join(DEFAULT_MIGRATIONS_DIR, MIGRATION), path.join(dir, MIGRATION), { recursive: true });
  const started = performance.now();
  migrated = await run();
  // printed for the record, never asserted on
  const ms = Math.round(performance.now() - started);
  console.log(
    `[migration] ${before.counts.Task} tasks (${BIG_BOARD_TASKS} on one board) moved into columns in ${ms} ms`,
  );
}, TIMEOUT_MS);

describe(`migration ${MIGRATION} on the previous release's data`, { timeout: TIMEOUT_MS }, () => {
  it('started from data with the cases that matter', () => {
    const tasks = [...before.tasks.values()];
    const onBoard = (boardId: number) => tasks.filter((t) => t.boardId === boardId);
    expect(before.boardIds).toEqual(Object.values(BOARD));
    expect(onBoard(BOARD.big)).toHaveLength(BIG_BOARD_TASKS);
    expect(new Set(onBoard(BOARD.big).map((t) => t.status))).toEqual(new Set(['TODO', 'IN_PROGRESS', 'DONE']));
    expect(new Set(onBoard(BOARD.doneOnly).map((t) => t.status))).toEqual(new Set(['DONE']));
    expect(onBoard(BOARD.empty)).toEqual([]);
    expect(tasks.some((t) => t.position < 0)).toBe(true);
    expect(tasks.some((t) => t.version > 1)).toBe(true);
    // ties on position within a column, and a column whose order is not its id order
    const positions = (ids: number[]) => ids.map((id) => before.tasks.get(id)!.position);
    const bigTodo = before.order.get(key(BOARD.big, 'TODO'))!;
    expect(new Set(positions(bigTodo)).size).toBeLessThan(bigTodo.length);
    expect(bigTodo).not.toEqual([...bigTodo].sort((a, b) => a - b));
    expect(before.counts.TaskLabel).toBeGreaterThan(0);
    expect(before.counts.Comment).toBeGreaterThan(0);
    expect(before.counts.BoardEvent).toBeGreaterThan(0);
  });

  it('is what production runs: the runner applied it and recorded it as finished', async () => {
    expect(migrated.applied).toEqual([MIGRATION]);
    const [file] = (await readMigrations()).filter((m) => m.name === MIGRATION);
    const rows = await db.query<
      { checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }[]
    >(
      'SELECT checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations WHERE migration_name = ?',
      [MIGRATION],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.checksum).toBe(file!.checksum);
    expect(rows[0]!.finished_at).toBeInstanceOf(Date);
    expect(rows[0]!.rolled_back_at).toBeNull();
    expect(Number(rows[0]!.applied_steps_count)).toBe(1);
  });

  it('gives every board exactly To do, In progress and Done', async () => {
    const columns = await db.query<
      { boardId: number; name: string; position: number; status: Status; wipLimit: number | null }[]
    >('SELECT boardId, name, position, status, wipLimit FROM BoardColumn ORDER BY boardId, position, id');
    expect(columns).toHaveLength(3 * before.boardIds.length);
    const byBoard = Object.fromEntries(
      before.boardIds.map((boardId) => [
        boardId,
        columns.filter((c) => c.boardId === boardId).map(({ boardId: _, ...column }) => column),
      ]),
    );
    expect(byBoard).toEqual(Object.fromEntries(before.boardIds.map((boardId) => [boardId, DEFAULT_COLUMNS])));
  });

  it("puts every task into its own board's column of its status", async () => {
    expect(await db.query('SELECT id FROM Task WHERE columnId IS NULL LIMIT 5')).toEqual([]);
    const misplaced = await db.query(
      `SELECT t.id, t.boardId, t.status, c.boardId AS columnBoardId, c.status AS columnStatus
       FROM Task t JOIN BoardColumn c ON c.id = t.columnId
       WHERE c.boardId <> t.boardId OR c.status <> t.status LIMIT 5`,
    );
    expect(misplaced).toEqual([]);
  });

  it('keeps the order of every column: ids ORDER BY position, id are the same as before', async () => {
    const columns = await db.query<{ id: number; boardId: number; status: Status }[]>(
      'SELECT id, boardId, status FROM BoardColumn ORDER BY id',
    );
    const rows = await db.query<{ id: number; columnId: number }[]>(
      'SELECT id, columnId FROM Task ORDER BY columnId, position, id',
    );
    const byColumn = new Map<number, number[]>();
    for (const { id, columnId } of rows) {
      if (!byColumn.has(columnId)) byColumn.set(columnId, []);
      byColumn.get(columnId)!.push(id);
    }
    const differences = columns
      .map((c) => ({
        column: key(c.boardId, c.status),
        difference: firstDifference(before.order.get(key(c.boardId, c.status)) ?? [], byColumn.get(c.id) ?? []),
      }))
      .filter((d) => d.difference);
    expect(differences).toEqual([]);
    expect(rows).toHaveLength(before.counts.Task!);
  });

  it("leaves every task's board, status, position, version, updatedAt and title as they were", async () => {
    const after = new Map(
      (await db.query<TaskRow[]>(`SELECT ${TASK_COLUMNS} FROM Task`)).map((row) => [row.id, row] as const),
    );
    const lost = [...before.tasks.keys()].filter((id) => !after.has(id));
    expect(lost.slice(0, 10), `${lost.length} tasks lost, the first ones`).toEqual([]);
    expect(after.size).toBe(before.tasks.size);
    const fields: (keyof TaskRow)[] = ['boardId', 'status', 'position', 'version', 'updatedAt', 'title'];
    const changed = [...after.values()].filter((row) => fields.some((f) => before.tasks.get(row.id)?.[f] !== row[f]));
    expect(
      changed.slice(0, 5).map((row) => ({ before: before.tasks.get(row.id), after: row })),
      `${changed.length} tasks changed, the first ones`,
    ).toEqual([]);
  });

  it('keeps every row of the other tables: counts, and the outbox row for row', async () => {
    const counts = Object.fromEntries(
      await Promise.all(Object.keys(before.counts).map(async (table) => [table, await count(table)])),
    );
    expect(counts).toEqual(before.counts);
    expect(await db.query(EVENTS)).toEqual(before.events);
  });
});
