// (b) The floor: what the five operations cost with no GraphQL and no ORM. A hand-written endpoint
// on node:http that answers the same POST /graphql requests (recognised by operationName, not
// parsed) by running the needed SQL with the raw `mariadb` driver over a pool with gateway-api's own
// options and size, and returns the JSON the GraphQL implementations return, key for key. The
// statements are the ones gateway-api's services and loaders run, independent ones concurrently;
// where the answer is known without a query (a new task has no comments) or is not asked for (the
// task dialog's board columns without their tasks), it does not ask. Writes do the same durable work
// as gateway-api's, in the same transaction: the board's lock, the task, its live event(s) in the
// outbox (BoardEvent) and, for a create with an idempotency key, the key's row.
import { createHmac } from 'node:crypto';
import mariadb, { type PoolConnection } from 'mariadb';
import {
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_KEY_TTL_MS,
  KEY_REUSED_MESSAGE,
  poolOptions,
  requestHash,
} from 'gateway-api/database';
import { config as loadConfig, readBody, serve, sessionToken } from './common.js';

const config = loadConfig();
const pool = mariadb.createPool(poolOptions(config.database));

const STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
const STEP = 1000;
/** gateway-api's MAX_PAGE_SIZE */
const MAX_PAGE = 100;
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

class Failure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const cursor = (key: (string | number)[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
const iso = (date: Date | null) => (date ? date.toISOString() : null);
const marks = (ids: readonly unknown[]) => ids.map(() => '?').join(', ');
const pageInfo = (hasNextPage: boolean, endCursor: string | null) => ({
  __typename: 'PageInfo',
  endCursor,
  hasNextPage,
});
const uniq = <T>(values: T[]) => [...new Set(values)];

async function viewer(token: string | undefined): Promise<number> {
  if (!token || token.length > 100) throw new Failure('UNAUTHENTICATED', 'You must be signed in to do this.');
  const hash = createHmac('sha256', config.sessionSecret).update(token).digest('hex');
  const [session] = await pool.query<{ userId: number; expiresAt: Date }[]>(
    'SELECT userId, expiresAt FROM Session WHERE tokenHash = ?',
    [hash],
  );
  if (!session || session.expiresAt.getTime() <= Date.now()) {
    throw new Failure('UNAUTHENTICATED', 'You must be signed in to do this.');
  }
  return session.userId;
}

function id(value: unknown, field = 'id'): number {
  const text = String(value);
  if (!/^\d{1,10}$/.test(text) || Number(text) < 1 || Number(text) > INT_MAX) {
    throw new Failure('BAD_USER_INPUT', 'The input is not valid.', {
      fields: { [field]: ['must be the id of an existing item'] },
    });
  }
  return Number(text);
}

async function usersById(ids: number[]): Promise<Map<number, { id: number; name: string }>> {
  if (!ids.length) return new Map();
  const rows = await pool.query<{ id: number; name: string }[]>(
    `SELECT id, name FROM User WHERE id IN (${marks(ids)})`,
    ids,
  );
  return new Map(rows.map((u) => [u.id, u]));
}

const badInput = (fields: Record<string, string[]>, message = 'The input is not valid.') =>
  new Failure('BAD_USER_INPUT', message, { fields });

/** A task's labels (gateway-api's labelsByTaskId loader): by task, each list by name. */
async function labelsByTaskId(ids: number[]) {
  const out = new Map<number, { __typename: string; color: string; id: string; name: string }[]>();
  if (!ids.length) return out;
  const rows = await pool.query<{ taskId: number; id: number; name: string; color: string }[]>(
    `SELECT tl.taskId, l.id, l.name, l.color FROM TaskLabel tl JOIN Label l ON l.id = tl.labelId
     WHERE tl.taskId IN (${marks(ids)}) ORDER BY l.name, l.id`,
    ids,
  );
  for (const l of rows) {
    let list = out.get(l.taskId);
    if (!list) out.set(l.taskId, (list = []));
    list.push({ __typename: 'Label', color: l.color, id: String(l.id), name: l.name });
  }
  return out;
}

/** Comments per task (gateway-api's commentCountByTaskId loader). */
async function commentCounts(ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await pool.query<{ taskId: number; n: bigint }[]>(
    `SELECT taskId, COUNT(*) AS n FROM Comment WHERE taskId IN (${marks(ids)}) GROUP BY taskId`,
    ids,
  );
  return new Map(rows.map((c) => [c.taskId, Number(c.n)]));
}

interface CardRow {
  id: number;
  title: string;
  columnId: number;
  position: number;
  version: number;
  dueDate: Date | null;
  assigneeId: number | null;
}

/** The web client's TaskCard_task fragment of a task (after `__typename id position`, as its documents ask). */
function card(
  t: CardRow,
  assignees: Map<number, { id: number; name: string }>,
  labels: Map<number, unknown[]>,
  commentCount: number,
) {
  const assignee = t.assigneeId === null ? undefined : assignees.get(t.assigneeId);
  return {
    assignee: assignee ? { __typename: 'User', id: String(assignee.id), name: assignee.name } : null,
    columnId: String(t.columnId),
    commentCount,
    dueDate: iso(t.dueDate),
    labels: labels.get(t.id) ?? [],
    title: t.title,
    version: t.version,
  };
}

/** The board with the viewer's role (gateway-api's BoardService.get: with the newest live event's id for liveFrom). */
async function boardOf(userId: number, boardId: number, newestEvent: boolean) {
  const [board] = await pool.query<{ id: number; name: string; role: string; newestEventId?: bigint | null }[]>(
    `SELECT b.id, b.name, m.role${newestEvent ? ', (SELECT MAX(id) FROM BoardEvent) AS newestEventId' : ''}
     FROM Board b JOIN Membership m ON m.boardId = b.id AND m.userId = ? WHERE b.id = ?`,
    [userId, boardId],
  );
  if (!board) throw new Failure('NOT_FOUND', 'Board not found.');
  return board;
}

/** The board's members with their users (gateway-api's membersByBoardId loader). */
const membersOf = (boardId: number) =>
  pool.query<{ role: string; id: number; name: string; email: string }[]>(
    `SELECT m.role, u.id, u.name, u.email FROM Membership m JOIN User u ON u.id = m.userId
     WHERE m.boardId = ? ORDER BY m.role, m.createdAt, m.userId`,
    [boardId],
  );

/** The board's labels (gateway-api's labelsByBoardId loader). */
const boardLabels = (boardId: number) =>
  pool.query<{ id: number; name: string; color: string }[]>(
    'SELECT id, name, color FROM Label WHERE boardId = ? ORDER BY name, id',
    [boardId],
  );

interface TaskRow extends CardRow {
  total: bigint | number;
  commentCount: bigint | number;
}

// BoardPage (web-client/src/board/BoardPage.tsx)
async function boardPage(userId: number, vars: { boardId?: unknown; tasksPerColumn?: unknown }) {
  const boardId = id(vars.boardId);
  const perColumn = Number(vars.tasksPerColumn);
  if (!Number.isInteger(perColumn) || perColumn < 1 || perColumn > MAX_PAGE) {
    throw badInput({ first: [`first must be between 1 and ${MAX_PAGE}`] });
  }
  const board = await boardOf(userId, boardId, true);
  // as gateway-api: the board's columns, then each one's first tasks with their comment counts in one UNION ALL
  const columnsAndTasks = async () => {
    const boardColumns = await pool.query<{ id: number; name: string; position: number; wipLimit: number | null }[]>(
      'SELECT id, name, position, wipLimit FROM BoardColumn WHERE boardId = ? ORDER BY position',
      [boardId],
    );
    const parts = boardColumns.map(
      () => `(SELECT t.id, t.title, t.columnId, t.position, t.version, t.dueDate, t.assigneeId,
          (SELECT COUNT(*) FROM Task c WHERE c.columnId = ?) AS total,
          (SELECT COUNT(*) FROM Comment cm WHERE cm.taskId = t.id) AS commentCount
        FROM Task t WHERE t.columnId = ? ORDER BY t.position, t.id LIMIT ?)`,
    );
    const tasks = boardColumns.length
      ? await pool.query<TaskRow[]>(
          parts.join(' UNION ALL '),
          boardColumns.flatMap((c) => [c.id, c.id, perColumn + 1]),
        )
      : [];
    return { boardColumns, tasks };
  };
  const [{ boardColumns, tasks }, members, labels] = await Promise.all([
    columnsAndTasks(),
    membersOf(boardId),
    boardLabels(boardId),
  ]);
  const columns = boardColumns.map((column) => {
    const rows = tasks.filter((t) => t.columnId === column.id);
    return {
      column,
      rows: rows.slice(0, perColumn),
      more: rows.length > perColumn,
      total: Number(rows[0]?.total ?? 0),
    };
  });
  const shown = columns.flatMap((c) => c.rows);
  const [assignees, labelsOf] = await Promise.all([
    usersById(uniq(shown.flatMap((t) => (t.assigneeId === null ? [] : [t.assigneeId])))),
    labelsByTaskId(shown.map((t) => t.id)),
  ]);
  return {
    board: {
      __typename: 'Board',
      columns: columns.map(({ column, rows, more, total }) => {
        const edges = rows.map((t) => ({
          __typename: 'TaskEdge',
          cursor: cursor([t.position, t.id]),
          node: {
            __typename: 'Task',
            id: String(t.id),
            position: t.position,
            ...card(t, assignees, labelsOf, Number(t.commentCount)),
          },
        }));
        return {
          __typename: 'Column',
          id: String(column.id),
          name: column.name,
          position: column.position,
          tasks: {
            __typename: 'TaskConnection',
            edges,
            pageInfo: pageInfo(more, edges.at(-1)?.cursor ?? null),
            totalCount: total,
          },
          wipLimit: column.wipLimit,
        };
      }),
      id: String(board.id),
      name: board.name,
      viewerRole: board.role,
      labels: labels.map((l) => ({ __typename: 'Label', id: String(l.id), name: l.name })),
      members: members.map((m) => ({
        __typename: 'Member',
        user: { __typename: 'User', id: String(m.id), name: m.name, email: m.email },
        role: m.role,
      })),
      liveFrom: String(board.newestEventId ?? 0),
    },
  };
}

// TaskDialog + TaskComments (web-client/src/task), in one document (api/operations.ts's TaskDetail)
async function taskDetail(userId: number, vars: { taskId?: unknown; boardId?: unknown; after?: unknown }) {
  if (vars.after) throw new Failure('BAD_USER_INPUT', 'the floor serves first pages only');
  const taskId = id(vars.taskId);
  const boardId = id(vars.boardId);
  const first = 20;
  const [board, [task]] = await Promise.all([
    boardOf(userId, boardId, false),
    pool.query<
      {
        id: number;
        boardId: number;
        title: string;
        description: string | null;
        dueDate: Date | null;
        version: number;
        columnId: number;
        assigneeId: number | null;
      }[]
    >(
      `SELECT t.id, t.boardId, t.title, t.description, t.dueDate, t.version, t.columnId, t.assigneeId
       FROM Task t JOIN Membership m ON m.boardId = t.boardId AND m.userId = ? WHERE t.id = ?`,
      [userId, taskId],
    ),
  ]);
  if (!task) throw new Failure('NOT_FOUND', 'Task not found.');
  const [columns, members, labels, taskLabels, comments, [count]] = await Promise.all([
    // the form's column choice: the columns alone (gateway-api's Board.columns also reads their first tasks)
    pool.query<{ id: number; name: string }[]>('SELECT id, name FROM BoardColumn WHERE boardId = ? ORDER BY position', [
      boardId,
    ]),
    membersOf(boardId),
    boardLabels(boardId),
    pool.query<{ id: number }[]>(
      'SELECT l.id FROM TaskLabel tl JOIN Label l ON l.id = tl.labelId WHERE tl.taskId = ? ORDER BY l.name, l.id',
      [taskId],
    ),
    pool.query<{ id: number; authorId: number; body: string; createdAt: Date; updatedAt: Date }[]>(
      'SELECT id, authorId, body, createdAt, updatedAt FROM Comment WHERE taskId = ? ORDER BY createdAt, id LIMIT ?',
      [taskId, first + 1],
    ),
    pool.query<{ n: bigint }[]>('SELECT COUNT(*) AS n FROM Comment WHERE taskId = ?', [taskId]),
  ]);
  const page = comments.slice(0, first);
  const authors = await usersById(uniq(page.map((c) => c.authorId)));
  const edges = page.map((c) => {
    const author = authors.get(c.authorId)!;
    return {
      __typename: 'CommentEdge',
      cursor: cursor([c.createdAt.getTime(), c.id]),
      node: {
        __typename: 'Comment',
        id: String(c.id),
        author: { __typename: 'User', id: String(author.id), name: author.name },
        body: c.body,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
      },
    };
  });
  return {
    board: {
      __typename: 'Board',
      id: String(board.id),
      columns: columns.map((c) => ({ __typename: 'Column', id: String(c.id), name: c.name })),
      labels: labels.map((l) => ({ __typename: 'Label', color: l.color, id: String(l.id), name: l.name })),
      members: members.map((m) => ({
        __typename: 'Member',
        user: { __typename: 'User', id: String(m.id), name: m.name },
      })),
      viewerRole: board.role,
    },
    task: {
      __typename: 'Task',
      comments: {
        __typename: 'CommentConnection',
        edges,
        pageInfo: pageInfo(comments.length > first, edges.at(-1)?.cursor ?? null),
        totalCount: Number(count?.n ?? 0),
      },
      id: String(task.id),
      assignee: task.assigneeId === null ? null : { __typename: 'User', id: String(task.assigneeId) },
      boardId: String(task.boardId),
      columnId: String(task.columnId),
      description: task.description,
      dueDate: iso(task.dueDate),
      labels: taskLabels.map((l) => ({ __typename: 'Label', id: String(l.id) })),
      title: task.title,
      version: task.version,
    },
  };
}

/** gateway-api's booleanModeQuery: every word a prefix term, no operators from the user */
function booleanModeQuery(text: string): string | null {
  const words = text.split(/[^\p{L}\p{M}\p{N}_]+/u).filter(Boolean);
  return words.length ? words.map((word) => `${word}*`).join(' ') : null;
}

// FilteredTasks (web-client/src/board/filters/useFilteredTasks.ts): searchTasks in the board's order, first 100
async function filteredTasks(
  userId: number,
  vars: {
    boardId?: unknown;
    query?: unknown;
    assigneeId?: unknown;
    labelId?: unknown;
    unassigned?: unknown;
    dueFrom?: unknown;
    dueBefore?: unknown;
    open?: unknown;
    after?: unknown;
  },
) {
  if (vars.after) throw new Failure('BAD_USER_INPUT', 'the floor serves first pages only');
  if (vars.unassigned || vars.dueFrom || vars.dueBefore || vars.open) {
    throw new Failure('BAD_USER_INPUT', 'the floor filters by words, assignee and label only');
  }
  const boardId = id(vars.boardId, 'boardId');
  const first = 100;
  const against = booleanModeQuery(String(vars.query ?? ''));
  if (!against) throw new Failure('BAD_USER_INPUT', 'the floor searches for words');
  const conditions = ['t.boardId = ?', 'MATCH(t.title, t.description) AGAINST (? IN BOOLEAN MODE)'];
  const values: unknown[] = [boardId, against];
  if (vars.assigneeId) {
    conditions.push('t.assigneeId = ?');
    values.push(id(vars.assigneeId, 'assigneeId'));
  }
  if (vars.labelId) {
    conditions.push('EXISTS (SELECT 1 FROM TaskLabel tl WHERE tl.taskId = t.id AND tl.labelId = ?)');
    values.push(id(vars.labelId, 'labelId'));
  }
  const where = conditions.join(' AND ');
  // membership, page and count do not depend on each other: asked together, answered if a member
  const [member, rows, [count]] = await Promise.all([
    pool.query<unknown[]>('SELECT role FROM Membership WHERE boardId = ? AND userId = ?', [boardId, userId]),
    pool.query<CardRow[]>(
      `SELECT t.id, t.title, t.columnId, t.position, t.version, t.dueDate, t.assigneeId
       FROM Task t LEFT JOIN BoardColumn c ON c.id = t.columnId WHERE ${where}
       ORDER BY c.position, t.position, t.id LIMIT ? OFFSET 0`,
      [...values, first + 1],
    ),
    pool.query<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM Task t WHERE ${where}`, values),
  ]);
  if (!member.length) throw new Failure('NOT_FOUND', 'Board not found.');
  const page = rows.slice(0, first);
  const ids = page.map((t) => t.id);
  const [users, labelsOf, counts] = await Promise.all([
    usersById(uniq(page.flatMap((t) => (t.assigneeId === null ? [] : [t.assigneeId])))),
    labelsByTaskId(ids),
    commentCounts(ids),
  ]);
  const edges = page.map((t, i) => ({
    __typename: 'TaskEdge',
    cursor: cursor([i + 1]),
    // the document asks `__typename columnId id position ...TaskCard_task`: columnId keeps its place
    node: Object.assign(
      { __typename: 'Task', columnId: '', id: String(t.id), position: t.position },
      card(t, users, labelsOf, counts.get(t.id) ?? 0),
    ),
  }));
  return {
    searchTasks: {
      __typename: 'TaskConnection',
      edges,
      pageInfo: pageInfo(rows.length > first, edges.at(-1)?.cursor ?? null),
      totalCount: Number(count?.n ?? 0),
    },
  };
}

async function transaction<T>(work: (conn: PoolConnection) => Promise<T>): Promise<T> {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    try {
      const result = await work(conn);
      await conn.commit();
      return result;
    } catch (error) {
      await conn.rollback();
      throw error;
    }
  } finally {
    await conn.release();
  }
}

/** gateway-api's lockBoard (live/outbox.ts): the board's row lock until the transaction ends */
async function lockBoard(conn: PoolConnection, boardId: number) {
  const rows = await conn.query<unknown[]>('SELECT id FROM Board WHERE id = ? FOR UPDATE', [boardId]);
  if (!rows.length) throw new Failure('NOT_FOUND', 'Board not found.');
}

type EventKind = 'TASK_CREATED' | 'TASK_MOVED';

/** gateway-api's recordEvents (live/outbox.ts): the write's live events, one multi-row INSERT, in its transaction */
async function recordEvents(
  conn: PoolConnection,
  boardId: number,
  actorId: number,
  events: { kind: EventKind; entityId: number }[],
) {
  if (!events.length) return;
  await conn.query(
    `INSERT INTO BoardEvent (boardId, kind, entityId, actorId, createdAt) VALUES ${events.map(() => '(?, ?, ?, ?, NOW(3))').join(', ')}`,
    events.flatMap((e) => [boardId, e.kind, e.entityId, actorId]),
  );
}

/** gateway-api's TaskService.renumber: spreads the column out again, leaving slot `at` free */
async function renumber(conn: PoolConnection, columnId: number, at: number, movingId: number) {
  await conn.query(
    `UPDATE Task t JOIN (
       SELECT id, ROW_NUMBER() OVER (ORDER BY position, id) - 1 AS i
       FROM Task WHERE columnId = ? AND id <> ?
     ) r ON r.id = t.id
     SET t.position = (r.i + (r.i >= ?)) * ?`,
    [columnId, movingId, at, STEP],
  );
}

/**
 * gateway-api's TaskService.positionAt: the position for a task entering the column at `index`
 * (clamped; 'end': after its last task), `movingId` left out of the column. The two neighbours of the
 * slot, read with OFFSET; the column is counted only when the index is past its end and a
 * renumbering needs the count. A renumbering also returns the ids of the other tasks it moved.
 */
async function positionAt(
  conn: PoolConnection,
  columnId: number,
  index: number | 'end',
  movingId = 0,
): Promise<{ position: number; renumbered: number[] }> {
  const last = async () =>
    (
      await conn.query<{ position: number }[]>(
        'SELECT position FROM Task WHERE columnId = ? AND id <> ? ORDER BY position DESC, id DESC LIMIT 1',
        [columnId, movingId],
      )
    )[0] ?? null;
  let at: number | undefined;
  let before: { position: number } | null;
  let after: { position: number } | null = null;
  if (index === 'end') {
    before = await last();
  } else {
    const rows = await conn.query<{ position: number }[]>(
      'SELECT position FROM Task WHERE columnId = ? AND id <> ? ORDER BY position, id LIMIT 2 OFFSET ?',
      [columnId, movingId, Math.max(index - 1, 0)],
    );
    if (index === 0) [at, before, after] = [0, null, rows[0] ?? null];
    else if (rows.length > 0) [at, before, after] = [index, rows[0]!, rows[1] ?? null];
    else before = await last();
  }
  let position: number | null = null;
  if (before && after) {
    if (after.position - before.position > 1) position = Math.floor((before.position + after.position) / 2);
  } else if (before) position = before.position + STEP;
  else if (after) position = after.position - STEP;
  else position = 0;
  if (position !== null && position >= INT_MIN && position <= INT_MAX) return { position, renumbered: [] };

  if (at === undefined) {
    const [{ n }] = (await conn.query<{ n: bigint }[]>(
      'SELECT COUNT(*) AS n FROM Task WHERE columnId = ? AND id <> ?',
      [columnId, movingId],
    )) as [{ n: bigint }];
    at = Number(n);
  }
  const others = await conn.query<{ id: number }[]>('SELECT id FROM Task WHERE columnId = ? AND id <> ?', [
    columnId,
    movingId,
  ]);
  await renumber(conn, columnId, at, movingId);
  return { position: at * STEP, renumbered: others.map((t) => t.id) };
}

type ColumnChoice = { columnId: number } | { status: string } | Record<string, never>;

function columnChoice(input: Record<string, unknown>): ColumnChoice {
  if (input.columnId !== null && input.columnId !== undefined) return { columnId: id(input.columnId, 'columnId') };
  if (input.status) {
    const status = String(input.status);
    if (!STATUSES.includes(status as (typeof STATUSES)[number])) throw badInput({ status: ['is not a status'] });
    return { status };
  }
  return {};
}

/** gateway-api's ColumnService.resolve: the column by id (the board's own), else the board's first of a status, else its first */
async function resolveColumn(
  conn: PoolConnection,
  boardId: number,
  choice: ColumnChoice,
): Promise<{ id: number; status: string }> {
  if ('columnId' in choice) {
    const [column] = await conn.query<{ id: number; boardId: number; status: string }[]>(
      'SELECT id, boardId, status FROM BoardColumn WHERE id = ?',
      [choice.columnId],
    );
    if (!column || column.boardId !== boardId) throw badInput({ columnId: ['must be a column of the task’s board'] });
    return column;
  }
  const columns = await conn.query<{ id: number; status: string }[]>(
    'SELECT id, status FROM BoardColumn WHERE boardId = ? ORDER BY position',
    [boardId],
  );
  const column = ('status' in choice && columns.find((c) => c.status === choice.status)) || columns[0];
  if (!column) throw new Failure('NOT_FOUND', 'Board not found.');
  return column;
}

// gateway-api's IdempotencyService (modules/idempotency/idempotency.service.ts) for createTask, with its key
// rules and request hash (gateway-api/database)

/** The key's live row (an expired one is deleted: the key starts afresh). */
async function findKey(userId: number, key: string) {
  const [row] = await pool.query<{ requestHash: string; resultId: number; expiresAt: Date }[]>(
    'SELECT requestHash, resultId, expiresAt FROM IdempotencyKey WHERE userId = ? AND `key` = ?',
    [userId, key],
  );
  if (!row || row.expiresAt.getTime() > Date.now()) return row;
  await pool.query('DELETE FROM IdempotencyKey WHERE userId = ? AND `key` = ? AND expiresAt <= NOW(3)', [userId, key]);
  return undefined;
}

function resultOf(row: { requestHash: string; resultId: number }, hash: string): number {
  if (row.requestHash !== hash)
    throw badInput({ idempotencyKey: [KEY_REUSED_MESSAGE] }, `This idempotency key ${KEY_REUSED_MESSAGE}.`);
  return row.resultId;
}

interface SnapshotTask extends CardRow {
  boardId: number;
  description: string | null;
}

/** CreateTask's answer (`__typename id position ...TaskSnapshot`), its key order as the document asks. */
function snapshot(t: SnapshotTask, fields: ReturnType<typeof card>) {
  return {
    __typename: 'Task',
    id: String(t.id),
    position: t.position,
    ...fields,
    boardId: String(t.boardId),
    description: t.description,
  };
}
/** A retried create's answer: the task the first request made, as the viewer may see it now (gateway-api's replay). */
async function createdTask(userId: number, taskId: number) {
  const [task] = await pool.query<SnapshotTask[]>(
    `SELECT t.id, t.boardId, t.title, t.description, t.columnId, t.position, t.version, t.dueDate, t.assigneeId
     FROM Task t JOIN Membership m ON m.boardId = t.boardId AND m.userId = ? WHERE t.id = ?`,
    [userId, taskId],
  );
  if (!task) throw new Failure('NOT_FOUND', 'Task not found.');
  const [users, labelsOf, counts] = await Promise.all([
    usersById(task.assigneeId === null ? [] : [task.assigneeId]),
    labelsByTaskId([task.id]),
    commentCounts([task.id]),
  ]);
  return { createTask: snapshot(task, card(task, users, labelsOf, counts.get(task.id) ?? 0)) };
}

// CreateTask (web-client/src/mutations/useCreateTask.ts)
async function createTask(userId: number, vars: { input?: Record<string, unknown> }) {
  const input = vars.input ?? {};
  if (input.assigneeId || (Array.isArray(input.labelIds) && input.labelIds.length) || input.dueDate) {
    throw new Failure('BAD_USER_INPUT', 'the floor creates tasks as the web client does: board, column, title');
  }
  const boardId = id(input.boardId, 'boardId');
  const title = String(input.title ?? '').trim();
  const description = typeof input.description === 'string' && /\S/.test(input.description) ? input.description : null;
  if (!title || [...title].length > 191) throw new Failure('BAD_USER_INPUT', 'The input is not valid.');
  const index = input.index === null || input.index === undefined ? null : Number(input.index);
  if (index !== null && (!Number.isInteger(index) || index < 0)) throw badInput({ index: ['must be 0 or more'] });
  const key = input.idempotencyKey === null || input.idempotencyKey === undefined ? null : String(input.idempotencyKey);
  if (key !== null && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw badInput({ idempotencyKey: ['must be 16 to 64 characters of A-Z, a-z, 0-9, _ and -'] });
  }
  const choice = columnChoice(input);
  // gateway-api's payload: what the request would store, normalised
  const hash = key
    ? requestHash('createTask', {
        boardId,
        title,
        description,
        assigneeId: null,
        dueDate: null,
        column: choice,
        index,
        labelIds: [],
      })
    : '';
  // the membership and the key's row do not depend on each other: asked together
  const [member, previous] = await Promise.all([
    pool.query<unknown[]>('SELECT role FROM Membership WHERE boardId = ? AND userId = ?', [boardId, userId]),
    key ? findKey(userId, key) : undefined,
  ]);
  if (!member.length) throw new Failure('NOT_FOUND', 'Board not found.');
  if (key && previous) return createdTask(userId, resultOf(previous, hash));

  let created: { taskId: number; columnId: number; position: number };
  try {
    created = await transaction(async (conn) => {
      await lockBoard(conn, boardId);
      const column = await resolveColumn(conn, boardId, choice);
      const { position, renumbered } = await positionAt(conn, column.id, index ?? 'end', 0);
      const result = await conn.query<{ insertId: bigint }>(
        `INSERT INTO Task (boardId, title, description, status, columnId, position, creatorId, version, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, NOW(3), NOW(3))`,
        [boardId, title, description, column.status, column.id, position, userId],
      );
      const taskId = Number(result.insertId);
      await recordEvents(conn, boardId, userId, [
        ...renumbered.map((entityId) => ({ kind: 'TASK_MOVED' as const, entityId })),
        { kind: 'TASK_CREATED', entityId: taskId },
      ]);
      if (key) {
        await conn.query(
          `INSERT INTO IdempotencyKey (userId, \`key\`, operation, requestHash, resultId, createdAt, expiresAt)
           VALUES (?, ?, 'createTask', ?, ?, NOW(3), ?)`,
          [userId, key, hash, taskId, new Date(Date.now() + IDEMPOTENCY_KEY_TTL_MS)],
        );
      }
      return { taskId, columnId: column.id, position };
    });
  } catch (error) {
    // rolled back: a request with the same key may have committed meanwhile; its task is the answer
    const winner = key ? await findKey(userId, key).catch(() => undefined) : undefined;
    if (winner) return createdTask(userId, resultOf(winner, hash));
    throw error;
  }
  const { taskId, columnId, position } = created;
  return {
    createTask: snapshot(
      { id: taskId, boardId, title, description, columnId, position, version: 1, dueDate: null, assigneeId: null },
      // a new task: no assignee, labels or comments
      card(
        { id: taskId, title, columnId, position, version: 1, dueDate: null, assigneeId: null },
        new Map(),
        new Map(),
        0,
      ),
    ),
  };
}

const CONFLICT = 'This task was changed by someone else; reload it and try again.';

// MoveTask (web-client/src/mutations/useMoveTask.ts)
async function moveTask(userId: number, vars: { input?: Record<string, unknown> }) {
  const input = vars.input ?? {};
  const taskId = id(input.id);
  const index = Number(input.index);
  const expectedVersion = Number(input.expectedVersion);
  if (!Number.isInteger(index) || index < 0) throw badInput({ index: ['must be 0 or more'] });
  const choice = columnChoice(input);
  if (!('columnId' in choice) && !('status' in choice)) throw badInput({ columnId: ['is required'] });
  const [task] = await pool.query<{ boardId: number; version: number }[]>(
    `SELECT t.boardId, t.version FROM Task t JOIN Membership m ON m.boardId = t.boardId AND m.userId = ? WHERE t.id = ?`,
    [userId, taskId],
  );
  if (!task) throw new Failure('NOT_FOUND', 'Task not found.');
  if (task.version !== expectedVersion) throw new Failure('CONFLICT', CONFLICT, { currentVersion: task.version });
  const boardId = task.boardId;
  const moved = await transaction(async (conn) => {
    await lockBoard(conn, boardId);
    const column = await resolveColumn(conn, boardId, choice);
    const { position, renumbered } = await positionAt(conn, column.id, index, taskId);
    const result = await conn.query<{ affectedRows: number }>(
      'UPDATE Task SET columnId = ?, status = ?, position = ?, version = version + 1, updatedAt = NOW(3) WHERE id = ? AND version = ?',
      [column.id, column.status, position, taskId, expectedVersion],
    );
    if (result.affectedRows === 0) throw new Failure('CONFLICT', CONFLICT);
    // a renumbered column's other tasks moved too (gateway-api announces each)
    await recordEvents(
      conn,
      boardId,
      userId,
      [...renumbered, taskId].map((entityId) => ({ kind: 'TASK_MOVED' as const, entityId })),
    );
    return { columnId: column.id, position };
  });
  return {
    moveTask: {
      __typename: 'Task',
      columnId: String(moved.columnId),
      id: String(taskId),
      position: moved.position,
      version: expectedVersion + 1,
    },
  };
}

interface Request {
  operationName?: string;
  query?: string;
  variables?: Record<string, unknown>;
}

async function execute(request: Request, token: string | undefined): Promise<unknown> {
  const userId = await viewer(token);
  const vars = request.variables ?? {};
  switch (request.operationName) {
    case 'BoardPage':
      return boardPage(userId, vars);
    case 'TaskDetail':
      return taskDetail(userId, vars);
    case 'FilteredTasks':
      return filteredTasks(userId, vars);
    case 'CreateTask':
      return createTask(userId, vars);
    case 'MoveTask':
      return moveTask(userId, vars);
    default:
      throw new Failure(
        'BAD_USER_INPUT',
        `the floor does not serve ${request.operationName ?? 'anonymous operations'}`,
      );
  }
}

const production = config.isProduction;

await serve({
  config,
  ping: () => pool.query('SELECT 1'),
  close: () => pool.end(),
  graphql: async (req, res) => {
    let payload: string;
    try {
      const request = JSON.parse(await readBody(req)) as Request;
      payload = JSON.stringify({ data: await execute(request, sessionToken(req, production)) });
    } catch (error) {
      const failure =
        error instanceof Failure ? error : new Failure('INTERNAL_SERVER_ERROR', 'Something went wrong on our side.');
      if (!(error instanceof Failure)) console.error(error);
      payload = JSON.stringify({
        errors: [{ message: failure.message, extensions: { ...failure.extensions, code: failure.code } }],
        data: null,
      });
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(payload);
  },
});
