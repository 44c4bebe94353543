// (b) The floor: what the five operations cost with no GraphQL and no ORM. A hand-written endpoint
// on node:http that answers the same POST /graphql requests (recognised by operationName, not
// parsed) by running the needed SQL with the raw `mariadb` driver over a pool with gateway-api's own
// options and size, and returns the JSON the GraphQL implementations return, key for key. The
// statements are the ones gateway-api's services and loaders run, independent ones concurrently;
// where the answer is known without a query (a new task has no comments), it does not ask.
import { createHmac } from 'node:crypto';
import mariadb, { type PoolConnection } from 'mariadb';
import { poolOptions } from 'gateway-api/database';
import { config as loadConfig, readBody, serve, sessionToken } from './common.js';

const config = loadConfig();
const pool = mariadb.createPool(poolOptions(config.database));

const STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;
const STEP = 1000;
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
  hasNextPage,
  endCursor,
  __typename: 'PageInfo',
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

interface TaskRow {
  id: number;
  title: string;
  status: string;
  columnId: number;
  position: number;
  version: number;
  dueDate: Date | null;
  assigneeId: number | null;
  total: bigint | number;
}

async function boardPage(userId: number, vars: { boardId?: unknown }, perColumn: number) {
  const boardId = id(vars.boardId);
  const [board] = await pool.query<{ id: number; name: string; role: string }[]>(
    `SELECT b.id, b.name, m.role FROM Board b JOIN Membership m ON m.boardId = b.id AND m.userId = ? WHERE b.id = ?`,
    [userId, boardId],
  );
  if (!board) throw new Failure('NOT_FOUND', 'Board not found.');
  // as gateway-api: the board's columns, then each one's first tasks in one UNION ALL
  const columnsAndTasks = async () => {
    const boardColumns = await pool.query<{ id: number; status: string }[]>(
      'SELECT id, status FROM BoardColumn WHERE boardId = ? ORDER BY position',
      [boardId],
    );
    const parts = boardColumns.map(
      () => `(SELECT t.id, t.title, t.status, t.columnId, t.position, t.version, t.dueDate, t.assigneeId,
          (SELECT COUNT(*) FROM Task c WHERE c.columnId = ?) AS total
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
    pool.query<{ role: string; id: number; name: string; email: string }[]>(
      `SELECT m.role, u.id, u.name, u.email FROM Membership m JOIN User u ON u.id = m.userId
       WHERE m.boardId = ? ORDER BY m.role, m.createdAt, m.userId`,
      [boardId],
    ),
    pool.query<{ id: number; name: string }[]>('SELECT id, name FROM Label WHERE boardId = ? ORDER BY name, id', [
      boardId,
    ]),
  ]);
  const columns = boardColumns.map((column) => {
    const rows = tasks.filter((t) => t.columnId === column.id);
    return {
      status: column.status,
      rows: rows.slice(0, perColumn),
      more: rows.length > perColumn,
      total: Number(rows[0]?.total ?? 0),
    };
  });
  const shown = columns.flatMap((c) => c.rows);
  const taskIds = shown.map((t) => t.id);
  const [assignees, taskLabels, counts] = await Promise.all([
    usersById(uniq(shown.flatMap((t) => (t.assigneeId === null ? [] : [t.assigneeId])))),
    taskIds.length
      ? pool.query<{ taskId: number; id: number; name: string; color: string }[]>(
          `SELECT tl.taskId, l.id, l.name, l.color FROM TaskLabel tl JOIN Label l ON l.id = tl.labelId
           WHERE tl.taskId IN (${marks(taskIds)}) ORDER BY l.name, l.id`,
          taskIds,
        )
      : [],
    taskIds.length
      ? pool.query<{ taskId: number; n: bigint }[]>(
          `SELECT taskId, COUNT(*) AS n FROM Comment WHERE taskId IN (${marks(taskIds)}) GROUP BY taskId`,
          taskIds,
        )
      : [],
  ]);
  const labelsOf = new Map<number, { id: string; name: string; color: string; __typename: string }[]>();
  for (const l of taskLabels) {
    let list = labelsOf.get(l.taskId);
    if (!list) labelsOf.set(l.taskId, (list = []));
    list.push({ id: String(l.id), name: l.name, color: l.color, __typename: 'Label' });
  }
  const countOf = new Map(counts.map((c) => [c.taskId, Number(c.n)]));
  return {
    board: {
      id: String(board.id),
      name: board.name,
      viewerRole: board.role,
      columns: columns.map((column) => {
        const edges = column.rows.map((t) => {
          const assignee = t.assigneeId === null ? undefined : assignees.get(t.assigneeId);
          return {
            cursor: cursor([t.position, t.id]),
            node: {
              id: String(t.id),
              title: t.title,
              status: t.status,
              version: t.version,
              dueDate: iso(t.dueDate),
              commentCount: countOf.get(t.id) ?? 0,
              assignee: assignee ? { id: String(assignee.id), name: assignee.name, __typename: 'User' } : null,
              labels: labelsOf.get(t.id) ?? [],
              __typename: 'Task',
            },
            __typename: 'TaskEdge',
          };
        });
        return {
          status: column.status,
          tasks: {
            totalCount: column.total,
            pageInfo: pageInfo(column.more, edges.at(-1)?.cursor ?? null),
            edges,
            __typename: 'TaskConnection',
          },
          __typename: 'Column',
        };
      }),
      members: members.map((m) => ({
        role: m.role,
        user: { id: String(m.id), name: m.name, email: m.email, __typename: 'User' },
        __typename: 'Member',
      })),
      __typename: 'Board',
      labels: labels.map((l) => ({ id: String(l.id), name: l.name, __typename: 'Label' })),
    },
  };
}

async function taskDetail(userId: number, vars: { taskId?: unknown; after?: unknown }) {
  if (vars.after) throw new Failure('BAD_USER_INPUT', 'the floor serves first pages only');
  const taskId = id(vars.taskId);
  const first = 20;
  const [task] = await pool.query<
    {
      id: number;
      boardId: number;
      title: string;
      description: string | null;
      dueDate: Date | null;
      version: number;
      status: string;
      assigneeId: number | null;
    }[]
  >(
    `SELECT t.id, t.boardId, t.title, t.description, t.dueDate, t.version, t.status, t.assigneeId
     FROM Task t JOIN Membership m ON m.boardId = t.boardId AND m.userId = ? WHERE t.id = ?`,
    [userId, taskId],
  );
  if (!task) throw new Failure('NOT_FOUND', 'Task not found.');
  const [labels, comments, [count]] = await Promise.all([
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
      cursor: cursor([c.createdAt.getTime(), c.id]),
      node: {
        id: String(c.id),
        body: c.body,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
        author: { id: String(author.id), name: author.name, __typename: 'User' },
        __typename: 'Comment',
      },
      __typename: 'CommentEdge',
    };
  });
  return {
    task: {
      id: String(task.id),
      boardId: String(task.boardId),
      title: task.title,
      description: task.description,
      dueDate: iso(task.dueDate),
      version: task.version,
      status: task.status,
      assignee: task.assigneeId === null ? null : { id: String(task.assigneeId), __typename: 'User' },
      labels: labels.map((l) => ({ id: String(l.id), __typename: 'Label' })),
      comments: {
        totalCount: Number(count?.n ?? 0),
        pageInfo: pageInfo(comments.length > first, edges.at(-1)?.cursor ?? null),
        edges,
        __typename: 'CommentConnection',
      },
      __typename: 'Task',
    },
  };
}

/** gateway-api's booleanModeQuery: every word a prefix term, no operators from the user */
function booleanModeQuery(text: string): string | null {
  const words = text.split(/[^\p{L}\p{M}\p{N}_]+/u).filter(Boolean);
  return words.length ? words.map((word) => `${word}*`).join(' ') : null;
}

async function searchTasks(
  userId: number,
  vars: {
    boardId?: unknown;
    query?: unknown;
    status?: unknown;
    assigneeId?: unknown;
    labelId?: unknown;
    after?: unknown;
  },
) {
  if (vars.after) throw new Failure('BAD_USER_INPUT', 'the floor serves first pages only');
  const boardId = id(vars.boardId, 'boardId');
  const first = 20;
  const against = booleanModeQuery(String(vars.query ?? ''));
  if (!against) throw new Failure('BAD_USER_INPUT', 'The input is not valid.');
  const conditions = ['t.boardId = ?', 'MATCH(t.title, t.description) AGAINST (? IN BOOLEAN MODE)'];
  const values: unknown[] = [boardId, against];
  if (vars.status) {
    conditions.push('t.status = ?');
    values.push(String(vars.status));
  }
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
    pool.query<{ id: number; title: string; status: string; assigneeId: number | null }[]>(
      `SELECT t.id, t.title, t.status, t.assigneeId, MATCH(t.title, t.description) AGAINST (? IN BOOLEAN MODE) AS relevance
       FROM Task t WHERE ${where} ORDER BY relevance DESC, t.id LIMIT ? OFFSET 0`,
      [against, ...values, first + 1],
    ),
    pool.query<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM Task t WHERE ${where}`, values),
  ]);
  if (!member.length) throw new Failure('NOT_FOUND', 'Board not found.');
  const page = rows.slice(0, first);
  const users = await usersById(uniq(page.flatMap((t) => (t.assigneeId === null ? [] : [t.assigneeId]))));
  const edges = page.map((t, i) => {
    const assignee = t.assigneeId === null ? undefined : users.get(t.assigneeId);
    return {
      cursor: cursor([i + 1]),
      node: {
        id: String(t.id),
        title: t.title,
        status: t.status,
        assignee: assignee ? { id: String(assignee.id), name: assignee.name, __typename: 'User' } : null,
        __typename: 'Task',
      },
      __typename: 'TaskEdge',
    };
  });
  return {
    searchTasks: {
      totalCount: Number(count?.n ?? 0),
      pageInfo: pageInfo(rows.length > first, edges.at(-1)?.cursor ?? null),
      edges,
      __typename: 'TaskConnection',
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

async function lockBoard(conn: PoolConnection, boardId: number) {
  const rows = await conn.query<unknown[]>('SELECT id FROM Board WHERE id = ? FOR UPDATE', [boardId]);
  if (!rows.length) throw new Failure('NOT_FOUND', 'Board not found.');
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

/** The board's first column of a status (the web client's operations still name columns by status). */
async function columnOf(
  conn: PoolConnection,
  boardId: number,
  status: string,
): Promise<{ id: number; status: string }> {
  const [column] = await conn.query<{ id: number; status: string }[]>(
    'SELECT id, status FROM BoardColumn WHERE boardId = ? ORDER BY status = ? DESC, position LIMIT 1',
    [boardId, status],
  );
  if (!column) throw new Failure('NOT_FOUND', 'Board not found.');
  return column;
}

async function createTask(userId: number, vars: { input?: Record<string, unknown> }) {
  const input = vars.input ?? {};
  if (input.assigneeId || (Array.isArray(input.labelIds) && input.labelIds.length) || input.dueDate) {
    throw new Failure('BAD_USER_INPUT', 'the floor creates tasks as the web client does: board, column, title');
  }
  const boardId = id(input.boardId, 'boardId');
  const title = String(input.title ?? '').trim();
  const status = String(input.status ?? 'TODO');
  const description = typeof input.description === 'string' && /\S/.test(input.description) ? input.description : null;
  if (!title || [...title].length > 191 || !STATUSES.includes(status as (typeof STATUSES)[number])) {
    throw new Failure('BAD_USER_INPUT', 'The input is not valid.');
  }
  const member = await pool.query<unknown[]>('SELECT role FROM Membership WHERE boardId = ? AND userId = ?', [
    boardId,
    userId,
  ]);
  if (!member.length) throw new Failure('NOT_FOUND', 'Board not found.');
  const taskId = await transaction(async (conn) => {
    await lockBoard(conn, boardId);
    const column = await columnOf(conn, boardId, status);
    const [last] = await conn.query<{ position: number }[]>(
      'SELECT position FROM Task WHERE columnId = ? ORDER BY position DESC, id DESC LIMIT 1',
      [column.id],
    );
    let position = last ? last.position + STEP : 0;
    if (position > INT_MAX) {
      const [{ n }] = (await conn.query<{ n: bigint }[]>('SELECT COUNT(*) AS n FROM Task WHERE columnId = ?', [
        column.id,
      ])) as [{ n: bigint }];
      await renumber(conn, column.id, Number(n), 0);
      position = Number(n) * STEP;
    }
    const result = await conn.query<{ insertId: bigint }>(
      `INSERT INTO Task (boardId, title, description, status, columnId, position, creatorId, version, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, NOW(3), NOW(3))`,
      [boardId, title, description, column.status, column.id, position, userId],
    );
    return Number(result.insertId);
  });
  return {
    createTask: {
      id: String(taskId),
      title,
      status,
      version: 1,
      dueDate: null,
      commentCount: 0,
      assignee: null,
      labels: [],
      __typename: 'Task',
      boardId: String(boardId),
      description,
    },
  };
}

const CONFLICT = 'This task was changed by someone else; reload it and try again.';

async function moveTask(userId: number, vars: { input?: Record<string, unknown> }) {
  const input = vars.input ?? {};
  const taskId = id(input.id);
  const status = String(input.status);
  const index = Number(input.index);
  const expectedVersion = Number(input.expectedVersion);
  if (!STATUSES.includes(status as (typeof STATUSES)[number]) || !Number.isInteger(index) || index < 0) {
    throw new Failure('BAD_USER_INPUT', 'The input is not valid.');
  }
  const [task] = await pool.query<{ boardId: number; version: number }[]>(
    `SELECT t.boardId, t.version FROM Task t JOIN Membership m ON m.boardId = t.boardId AND m.userId = ? WHERE t.id = ?`,
    [userId, taskId],
  );
  if (!task) throw new Failure('NOT_FOUND', 'Task not found.');
  if (task.version !== expectedVersion) throw new Failure('CONFLICT', CONFLICT, { currentVersion: task.version });
  const boardId = task.boardId;
  await transaction(async (conn) => {
    await lockBoard(conn, boardId);
    const column = await columnOf(conn, boardId, status);
    const [{ n }] = (await conn.query<{ n: bigint }[]>(
      'SELECT COUNT(*) AS n FROM Task WHERE columnId = ? AND id <> ?',
      [column.id, taskId],
    )) as [{ n: bigint }];
    const at = Math.min(index, Number(n));
    const rows = await conn.query<{ position: number }[]>(
      'SELECT position FROM Task WHERE columnId = ? AND id <> ? ORDER BY position, id LIMIT 2 OFFSET ?',
      [column.id, taskId, Math.max(at - 1, 0)],
    );
    const [before, after] = at === 0 ? [undefined, rows[0]] : [rows[0], rows[1]];
    let position: number | null = null;
    if (before && after) {
      if (after.position - before.position > 1) position = Math.floor((before.position + after.position) / 2);
    } else if (before) position = before.position + STEP;
    else if (after) position = after.position - STEP;
    else position = 0;
    if (position === null || position < INT_MIN || position > INT_MAX) {
      await renumber(conn, column.id, at, taskId);
      position = at * STEP;
    }
    const result = await conn.query<{ affectedRows: number }>(
      'UPDATE Task SET columnId = ?, status = ?, position = ?, version = version + 1, updatedAt = NOW(3) WHERE id = ? AND version = ?',
      [column.id, column.status, position, taskId, expectedVersion],
    );
    if (result.affectedRows === 0) throw new Failure('CONFLICT', CONFLICT);
  });
  return { moveTask: { id: String(taskId), status, version: expectedVersion + 1, __typename: 'Task' } };
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
    case 'BoardPage': {
      const perColumn = Number(/columns\(first: (\d+)\)/.exec(request.query ?? '')?.[1] ?? 20);
      return boardPage(userId, vars, perColumn);
    }
    case 'TaskDetail':
      return taskDetail(userId, vars);
    case 'SearchTasks':
      return searchTasks(userId, vars);
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
