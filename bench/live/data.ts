// The live-updates scenario's data: LIVE_USERS users (the demo password, so that they sign in through
// the API like anyone), all members of the "Bench: live N" boards, and on those boards a pool of
// tasks each of which is moved at most once per run, so that a move's event is known by its task id
// alone. Built once; every run empties the boards and fills the pool afresh, at version 1.
import { DEMO_PASSWORD, DEMO_USERS } from 'gateway-api/dev';
import { placeInColumns } from '../lib/columns.js';
import type { BenchDatabase } from '../lib/db.js';

export const LIVE_USERS = 10;
const BOARD_PREFIX = 'Bench: live';
const EMAIL = (n: number) => `live-${String(n).padStart(2, '0')}@bench.example.com`;
const STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
const STEP = 1000;

export interface LiveUser {
  id: number;
  email: string;
  password: string;
}

export interface LiveBoard {
  id: number;
  /** its columns, in the board's order */
  columnIds: number[];
  /** tasks to move, version 1, in the order the load takes them */
  pool: { id: number; columnId: number }[];
}

export interface LiveData {
  users: LiveUser[];
  boards: LiveBoard[];
}

/** Creates what is missing: the users (with the demo users' password hash) and `boards` boards. */
async function ensureUsersAndBoards(
  db: BenchDatabase,
  boards: number,
): Promise<{ users: LiveUser[]; boardIds: number[] }> {
  const conn = await db.pool.getConnection();
  try {
    await conn.beginTransaction();
    try {
      const [demo] = await conn.query<{ passwordHash: string }[]>('SELECT passwordHash FROM User WHERE email = ?', [
        DEMO_USERS[0].email,
      ]);
      if (!demo) throw new Error(`the seed's demo user ${DEMO_USERS[0].email} is missing`);
      const emails = Array.from({ length: LIVE_USERS }, (_, i) => EMAIL(i + 1));
      await conn.batch(
        `INSERT IGNORE INTO User (email, name, passwordHash, createdAt, updatedAt) VALUES (?, ?, ?, NOW(3), NOW(3))`,
        emails.map((email, i) => [email, `Live follower ${i + 1}`, demo.passwordHash]),
      );
      const rows = await conn.query<{ id: number; email: string }[]>(
        `SELECT id, email FROM User WHERE email IN (${emails.map(() => '?').join(', ')}) ORDER BY email`,
        emails,
      );
      const users = rows.map((r) => ({ id: r.id, email: r.email, password: DEMO_PASSWORD }));
      const boardIds: number[] = [];
      for (let b = 1; b <= boards; b++) {
        const name = `${BOARD_PREFIX} ${b}`;
        let [board] = await conn.query<{ id: number }[]>('SELECT id FROM Board WHERE name = ? ORDER BY id LIMIT 1', [
          name,
        ]);
        if (!board) {
          const { insertId } = await conn.query<{ insertId: bigint }>(
            'INSERT INTO Board (name, createdAt, updatedAt) VALUES (?, NOW(3), NOW(3))',
            [name],
          );
          board = { id: Number(insertId) };
        }
        await conn.batch(
          `INSERT IGNORE INTO Membership (boardId, userId, role, createdAt) VALUES (?, ?, ?, NOW(3))`,
          users.map((u, i) => [board.id, u.id, i === 0 ? 'OWNER' : 'MEMBER']),
        );
        boardIds.push(board.id);
      }
      await conn.commit();
      return { users, boardIds };
    } catch (error) {
      await conn.rollback();
      throw error;
    }
  } finally {
    await conn.release();
  }
}

/**
 * The scenario's users and boards, the boards emptied of tasks and events and given `poolPerBoard`
 * fresh tasks each; sign-in locks left by anything earlier are cleared.
 */
export async function prepareLiveData(db: BenchDatabase, boards: number, poolPerBoard: number): Promise<LiveData> {
  const { users, boardIds } = await ensureUsersAndBoards(db, boards);
  await clearLiveData(db, boardIds);
  await db.pool.query(
    `UPDATE User SET failedSignIns = 0, lockedUntil = NULL WHERE id IN (${users.map((u) => u.id).join(', ')})`,
  );
  // the sessions of earlier runs (one per user and run) are of no use any more
  await db.pool.query(`DELETE FROM Session WHERE userId IN (${users.map((u) => u.id).join(', ')})`);
  const out: LiveBoard[] = [];
  for (const boardId of boardIds) {
    await db.pool.batch(
      `INSERT INTO Task (boardId, title, status, position, version, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, 1, NOW(3), NOW(3))`,
      Array.from({ length: poolPerBoard }, (_, i) => [
        boardId,
        `Live task ${i}`,
        STATUSES[i % 3],
        Math.floor(i / 3) * STEP,
      ]),
    );
    await placeInColumns(db.pool, [boardId]);
    const pool = await db.pool.query<{ id: number; columnId: number }[]>(
      'SELECT id, columnId FROM Task WHERE boardId = ? ORDER BY id',
      [boardId],
    );
    const columns = await db.pool.query<{ id: number }[]>(
      'SELECT id FROM BoardColumn WHERE boardId = ? ORDER BY position',
      [boardId],
    );
    out.push({ id: boardId, columnIds: columns.map((c) => c.id), pool });
  }
  return { users, boards: out };
}

/**
 * Empties the boards of their tasks, events and the idempotency keys of the creates on them (after a
 * layout too: the other scenarios' Task table stays as they expect).
 */
export async function clearLiveData(db: BenchDatabase, boardIds: number[]): Promise<void> {
  const ids = boardIds.join(', ');
  await db.pool.query(
    `DELETE k FROM IdempotencyKey k JOIN Task t ON t.id = k.resultId
     WHERE k.operation = 'createTask' AND t.boardId IN (${ids})`,
  );
  await db.pool.query(`DELETE FROM Task WHERE boardId IN (${ids})`);
  await db.pool.query(`DELETE FROM BoardEvent WHERE boardId IN (${ids})`);
}
