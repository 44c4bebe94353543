// The bench's own boards, next to what the seed script makes. Deterministic (a seeded generator and
// fixed timestamps), built once in one transaction, and found again by name on later runs:
//   "Bench: board view"   3 columns x 50 tasks, each with an assignee, 2-3 labels and 1-8 comments;
//                         the first task of To do has 25 comments (the task-detail scenario)
//   "Bench: create task"  labels only; the create-task scenario adds tasks, reset deletes them
//   "Bench: move task"    3 columns x 40 tasks; the move-task scenario moves them, reset puts them back
// The write scenarios also leave what gateway-api writes with every task write: the boards' live
// events (BoardEvent, the outbox) and the create requests' idempotency keys; resets delete those too.
import type { PoolConnection } from 'mariadb';
import { mulberry32, pick } from '@taskboard/test-kit/random';
import { BENCHMARK_BOARD, DEMO_PASSWORD, DEMO_USERS } from 'gateway-api/dev';
import { placeInColumns } from './columns.js';
import type { BenchDatabase } from './db.js';

export const DATA_VERSION = 1;
const BOARD_VIEW = 'Bench: board view';
const CREATE_BOARD = 'Bench: create task';
const MOVE_BOARD = 'Bench: move task';
const STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
export type Status = (typeof STATUSES)[number];
const PER_COLUMN = 50;
const MOVE_TASKS = 120;
export const DETAIL_COMMENTS = 25;
const STEP = 1000;
const BASE_TIME = Date.UTC(2026, 9, 1, 8, 0, 0);

const LABELS = [
  { name: 'backend', color: '#1d76db' },
  { name: 'bug', color: '#d73a4a' },
  { name: 'design', color: '#a855f7' },
  { name: 'docs', color: '#0075ca' },
  { name: 'frontend', color: '#0e8a16' },
  { name: 'urgent', color: '#e11d48' },
];
const VERBS = ['Write', 'Review', 'Fix', 'Design', 'Plan', 'Test', 'Ship', 'Measure'];
const NOUNS = ['pricing page', 'login flow', 'release notes', 'search results', 'invoice export', 'backup job'];
const SENTENCES = [
  'Keep the scope small; follow-ups go in new tasks.',
  'Customers asked for this twice last week.',
  'Measure before and after.',
  'Add screenshots to the pull request.',
];
const COMMENTS = ['I can take this one.', 'Looks good to me.', 'Can we split this in two?', 'Done on staging.'];

export interface BenchData {
  /** the demo account every implementation signs in as (the boards' owner) */
  email: string;
  password: string;
  userId: number;
  memberIds: number[];
  boardViewId: number;
  detailTaskId: number;
  searchBoardId: number;
  createBoardId: number;
  /** the create board's first column, where "Add task" adds */
  createColumnId: number;
  createLabelIds: number[];
  moveBoardId: number;
  /** the move board's columns, in the board's order */
  moveColumnIds: number[];
}

const at = (seconds: number) => new Date(BASE_TIME + seconds * 1000);

async function boardId(conn: PoolConnection, name: string, ownerId: number): Promise<number | undefined> {
  const rows = await conn.query<{ id: number }[]>(
    `SELECT b.id FROM Board b JOIN Membership m ON m.boardId = b.id AND m.userId = ? AND m.role = 'OWNER'
     WHERE b.name = ? ORDER BY b.id LIMIT 1`,
    [ownerId, name],
  );
  return rows[0]?.id;
}

async function createBoard(conn: PoolConnection, name: string, ownerId: number, memberIds: number[], labels: boolean) {
  const { insertId } = await conn.query<{ insertId: bigint }>(
    'INSERT INTO Board (name, createdAt, updatedAt) VALUES (?, ?, ?)',
    [name, at(0), at(0)],
  );
  const id = Number(insertId);
  await conn.batch('INSERT INTO Membership (boardId, userId, role, createdAt) VALUES (?, ?, ?, ?)', [
    [id, ownerId, 'OWNER', at(0)],
    ...memberIds.map((userId, i) => [id, userId, 'MEMBER', at(1 + i)]),
  ]);
  if (labels) {
    await conn.batch(
      'INSERT INTO Label (boardId, name, color, createdAt) VALUES (?, ?, ?, ?)',
      LABELS.map((l) => [id, l.name, l.color, at(0)]),
    );
  }
  return id;
}

async function columnIds(conn: PoolConnection, boardId: number): Promise<number[]> {
  const rows = await conn.query<{ id: number }[]>('SELECT id FROM BoardColumn WHERE boardId = ? ORDER BY position', [
    boardId,
  ]);
  return rows.map((r) => r.id);
}

async function labelIds(conn: PoolConnection, boardId: number): Promise<number[]> {
  const rows = await conn.query<{ id: number }[]>('SELECT id FROM Label WHERE boardId = ? ORDER BY id', [boardId]);
  return rows.map((r) => r.id);
}

async function fillBoardView(conn: PoolConnection, id: number, people: number[]) {
  const labels = await labelIds(conn, id);
  const rand = mulberry32(20261126);
  for (const [c, status] of STATUSES.entries()) {
    for (let k = 0; k < PER_COLUMN; k++) {
      const n = c * PER_COLUMN + k;
      const created = at(100 + n * 60);
      const { insertId } = await conn.query<{ insertId: bigint }>(
        `INSERT INTO Task (boardId, title, description, status, position, assigneeId, creatorId, dueDate, version,
           createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        [
          id,
          `${pick(rand, VERBS)} ${pick(rand, NOUNS)} (${status.toLowerCase()} ${k + 1})`,
          rand() < 0.7 ? `${pick(rand, SENTENCES)} ${pick(rand, SENTENCES)}` : null,
          status,
          k * STEP,
          pick(rand, people),
          people[0],
          rand() < 0.5 ? new Date(Date.UTC(2026, 11, 1 + Math.floor(rand() * 60))) : null,
          created,
          created,
        ],
      );
      const taskId = Number(insertId);
      const chosen = new Set<number>();
      const want = rand() < 0.5 ? 2 : 3;
      while (chosen.size < want) chosen.add(pick(rand, labels));
      await conn.batch(
        'INSERT INTO TaskLabel (taskId, labelId) VALUES (?, ?)',
        [...chosen].map((labelId) => [taskId, labelId]),
      );
      const comments = c === 0 && k === 0 ? DETAIL_COMMENTS : 1 + Math.floor(rand() * 8);
      await conn.batch(
        'INSERT INTO Comment (taskId, authorId, body, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)',
        Array.from({ length: comments }, (_, i) => {
          const when = new Date(created.getTime() + (i + 1) * 90_000);
          return [taskId, pick(rand, people), pick(rand, COMMENTS), when, when];
        }),
      );
    }
  }
}

async function fillMoveBoard(conn: PoolConnection, id: number) {
  await conn.batch(
    `INSERT INTO Task (boardId, title, status, position, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 1, ?, ?)`,
    Array.from({ length: MOVE_TASKS }, (_, i) => [
      id,
      `Move task ${i}`,
      STATUSES[i % 3],
      Math.floor(i / 3) * STEP,
      at(i),
      at(i),
    ]),
  );
}

/** Builds the bench boards when missing (one transaction: all or nothing); returns their ids. */
export async function ensureBenchData(db: BenchDatabase, log: (message: string) => void): Promise<BenchData> {
  const conn = await db.pool.getConnection();
  try {
    const users = await conn.query<{ id: number; email: string }[]>(
      `SELECT id, email FROM User WHERE email IN (${DEMO_USERS.map(() => '?').join(', ')})`,
      DEMO_USERS.map((u) => u.email),
    );
    const idOf = (email: string) => {
      const user = users.find((u) => u.email === email);
      if (!user) throw new Error(`the seed's demo user ${email} is missing`);
      return user.id;
    };
    const people = DEMO_USERS.map((u) => idOf(u.email));
    const [owner, ...members] = people as [number, ...number[]];

    let view = await boardId(conn, BOARD_VIEW, owner);
    let create = await boardId(conn, CREATE_BOARD, owner);
    let move = await boardId(conn, MOVE_BOARD, owner);
    if (view === undefined || create === undefined || move === undefined) {
      log('creating the bench boards (first run only)');
      await conn.beginTransaction();
      try {
        view ??= await createBoard(conn, BOARD_VIEW, owner, members, true);
        if (!(await conn.query<unknown[]>('SELECT id FROM Task WHERE boardId = ? LIMIT 1', [view])).length) {
          await fillBoardView(conn, view, people);
        }
        create ??= await createBoard(conn, CREATE_BOARD, owner, members, true);
        if (move === undefined) {
          move = await createBoard(conn, MOVE_BOARD, owner, members, false);
          await fillMoveBoard(conn, move);
        }
        await placeInColumns(conn, [view, create, move]);
        await conn.commit();
      } catch (error) {
        await conn.rollback();
        throw error;
      }
    }
    const [detail] = await conn.query<{ id: number }[]>(
      `SELECT id FROM Task WHERE boardId = ? AND status = 'TODO' ORDER BY position, id LIMIT 1`,
      [view],
    );
    const search = await boardId(conn, BENCHMARK_BOARD, owner);
    if (search === undefined) throw new Error(`the seed's "${BENCHMARK_BOARD}" board is missing`);
    const [createColumnId] = await columnIds(conn, create);
    if (createColumnId === undefined) throw new Error('the create-task board has no column');
    return {
      email: DEMO_USERS[0].email,
      password: DEMO_PASSWORD,
      userId: owner,
      memberIds: people,
      boardViewId: view,
      detailTaskId: detail!.id,
      searchBoardId: search,
      createBoardId: create,
      createColumnId,
      createLabelIds: await labelIds(conn, create),
      moveBoardId: move,
      moveColumnIds: await columnIds(conn, move),
    };
  } finally {
    await conn.release();
  }
}

/**
 * Deletes what the write scenarios leave besides tasks: the write boards' live events (gateway-api
 * records one per task created or moved, in the write's transaction) and the idempotency keys of the
 * creates (the bench user's createTask keys whose task is on the create board or gone). Every
 * implementation then starts from the same state, Board.liveFrom (the newest event's id, in every
 * board view) included, and neither table grows from run to run.
 */
export async function clearWriteTraces(db: BenchDatabase, data: BenchData): Promise<void> {
  await db.pool.query('DELETE FROM BoardEvent WHERE boardId IN (?, ?)', [data.createBoardId, data.moveBoardId]);
  await db.pool.query(
    `DELETE k FROM IdempotencyKey k LEFT JOIN Task t ON t.id = k.resultId
     WHERE k.userId = ? AND k.operation = 'createTask' AND (t.id IS NULL OR t.boardId = ?)`,
    [data.userId, data.createBoardId],
  );
}

/** Empties the create-task board (tasks, events, keys), so every run starts from the same state. */
export async function resetCreateBoard(db: BenchDatabase, data: BenchData): Promise<void> {
  await clearWriteTraces(db, data);
  await db.pool.query('DELETE FROM Task WHERE boardId = ?', [data.createBoardId]);
}

export interface MovableTask {
  id: number;
  version: number;
  columnId: number;
}

/** Puts every task of the move board back where it was built, at version 1, without events; returns them. */
export async function resetMoveBoard(db: BenchDatabase, data: BenchData): Promise<MovableTask[]> {
  await clearWriteTraces(db, data);
  const index = "CAST(SUBSTRING_INDEX(title, ' ', -1) AS UNSIGNED)";
  await db.pool.query(
    `UPDATE Task SET status = ELT(MOD(${index}, 3) + 1, 'TODO', 'IN_PROGRESS', 'DONE'),
       position = FLOOR(${index} / 3) * ${STEP}, version = 1 WHERE boardId = ?`,
    [data.moveBoardId],
  );
  await placeInColumns(db.pool, [data.moveBoardId]);
  return movableTasks(db, data);
}

/** The move board's tasks as they are now. */
export function movableTasks(db: BenchDatabase, data: BenchData): Promise<MovableTask[]> {
  return db.pool.query<MovableTask[]>('SELECT id, version, columnId FROM Task WHERE boardId = ? ORDER BY id', [
    data.moveBoardId,
  ]);
}

/**
 * Rebuilds the Task table and its full-text index. Every run's create-task scenario adds and then
 * deletes thousands of tasks; InnoDB keeps the deleted ones in the full-text index's deleted list
 * until the table is optimised, which would make searches slowly dearer from one run to the next.
 * Under a second for the 100 000-task data set.
 */
export async function compactTasks(db: BenchDatabase): Promise<void> {
  await db.pool.query('OPTIMIZE TABLE Task');
}
