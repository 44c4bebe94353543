// The error model over real HTTP: genuine database failures reach the client as a generic
// INTERNAL_SERVER_ERROR with nothing about the server in it, and are logged in full with the
// request id; expected failures keep their codes and are not logged as errors.
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import mariadb from 'mariadb';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { connectionOptions } from '../../src/db/connection.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import { AppError } from '../../src/lib/errors.js';
import { isDatabaseUnavailable, isUniqueViolation } from '../../src/db/errors.js';
import { GraphQLClient, type GraphQLResponse } from '../support/api.js';
import { createTestDatabase } from '../support/database.js';
import { waitForBoardLockWait } from '../support/locks.js';

type LogLine = { level: number; msg: string; reqId?: string; err?: { message?: string; stack?: string } };
const ERROR = 50;

/** The real app on a fresh database, like the testkit's, but with its JSON log lines kept in `logs`. */
async function startLoggedApi() {
  const db = await createTestDatabase({ migrated: true });
  const config = loadConfig({ DATABASE_URL: db.url, NODE_ENV: 'test', PORT: '0' });
  const logs: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const app = await createApp(config, logger);
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  const user = async (name: string) => {
    const client = new GraphQLClient(url);
    const email = `${name.toLowerCase()}@example.com`;
    const { signUp } = await client.data<{ signUp: { user: { id: string } } }>(
      'mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }',
      { input: { email, name, password: 'correct horse battery' } },
    );
    return { id: signUp.user.id, email, client };
  };
  return {
    url,
    db,
    config,
    logs,
    user,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

let api: Awaited<ReturnType<typeof startLoggedApi>>;
let owner: Awaited<ReturnType<typeof api.user>>;
let member: Awaited<ReturnType<typeof api.user>>;
let boardId: string;

beforeAll(async () => {
  api = await startLoggedApi();
  [owner, member] = await Promise.all([api.user('Owner'), api.user('Member')]);
  boardId = (
    await owner.client.data<{ createBoard: { id: string } }>(
      'mutation { createBoard(input: { name: "Plans" }) { id } }',
    )
  ).createBoard.id;
  await owner.client.data('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
    input: { boardId, email: member.email },
  });
});
afterAll(async () => api?.close());

const BOARD = 'query Board($id: ID!) { board(id: $id) { id name } }';
const RENAME = 'mutation Rename($id: ID!, $name: String!) { renameBoard(input: { id: $id, name: $name }) { name } }';

/** Runs `body` with the database schema broken by `breakIt`, and repairs it afterwards whatever happens. */
async function withBrokenSchema(breakIt: string, repair: string, body: () => Promise<void>) {
  await api.db.query(breakIt);
  try {
    await body();
  } finally {
    await api.db.query(repair);
  }
}

/** The response must say only that something went wrong: nothing about SQL, schema, ORM or server. */
function expectMasked(response: GraphQLResponse) {
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors!;
  expect(error!.message).toBe('Something went wrong on our side. It has been logged; please retry later.');
  expect(error!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  const text = JSON.stringify(response.body);
  const { host, port, database, user } = api.config.database;
  for (const secret of [host, String(port), database, user]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/prisma|select|update|unknown column|doesn't exist|field list|sql|stack|\.ts\b|at \w/i);
  expect(text).not.toMatch(/\bBoard\b|\bSession\b|\btitle\b|\bname\b.*column|P20\d\d|\b1054\b|\b1146\b/);
}

/** The one error-level line the request logged: the full error, with the request's id. */
function loggedError(response: GraphQLResponse) {
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  const lines = api.logs.filter((line) => line.level >= ERROR && line.reqId === requestId);
  expect(lines.map((line) => line.msg)).toEqual(['unexpected error in a GraphQL request']);
  return lines[0]!.err!;
}

describe('unexpected errors', () => {
  it('masks a database error in a query resolver, and logs it in full with the request id', async () => {
    await withBrokenSchema(
      'ALTER TABLE Board RENAME COLUMN name TO title',
      'ALTER TABLE Board RENAME COLUMN title TO name',
      async () => {
        const response = await member.client.request(BOARD, { id: boardId });
        expect(response.status).toBe(200);
        expect(response.body.data).toBeNull();
        expectMasked(response);
        expect(response.body.errors![0]!.path).toEqual(['board']);
        const logged = loggedError(response);
        expect(logged.message).toMatch(/Unknown column .*name/);
        expect(logged.stack).toMatch(/board\.service/);
      },
    );
    // and the same request works again once the schema is repaired
    expect(await member.client.data(BOARD, { id: boardId })).toEqual({ board: { id: boardId, name: 'Plans' } });
  });

  it('masks a database error in a mutation', async () => {
    await withBrokenSchema(
      'ALTER TABLE Board RENAME COLUMN updatedAt TO changedAt',
      'ALTER TABLE Board RENAME COLUMN changedAt TO updatedAt',
      async () => {
        const response = await owner.client.request(RENAME, { id: boardId, name: 'Renamed' });
        expectMasked(response);
        expect(loggedError(response).message).toMatch(/updatedAt/);
      },
    );
  });

  it('masks a database error raised before any resolver runs (the session lookup)', async () => {
    await withBrokenSchema('RENAME TABLE Session TO SessionGone', 'RENAME TABLE SessionGone TO Session', async () => {
      const response = await owner.client.request(BOARD, { id: boardId });
      expectMasked(response);
      expect(loggedError(response).message).toMatch(/Session/);
    });
  });

  // Its UPDATE was sent: the API cannot know whether it ran before the connection was killed.
  it('reports a mutation whose connection the database killed mid-request as OUTCOME_UNKNOWN, and recovers', async () => {
    // Holds the board's row lock so that the rename waits inside the database, then kills the
    // API's connection as an operator (or a failover) would.
    const admin = await mariadb.createConnection(connectionOptions(api.db.config));
    try {
      await admin.beginTransaction();
      await admin.query('SELECT id FROM Board WHERE id = ? FOR UPDATE', [Number(boardId)]);
      const rename = owner.client.request(RENAME, { id: boardId, name: 'Killed' });
      const threadId = await waitForBoardLockWait(admin);
      await admin.query(`KILL CONNECTION ${threadId}`);
      const response = await rename;
      expect(response.body.errors?.map((e) => [e.message, e.extensions])).toEqual([
        [
          'The connection to the database was lost while this change was being saved, so it may or may not have ' +
            'been saved. Retry it with the same idempotencyKey, or reload and check before repeating it.',
          { code: 'OUTCOME_UNKNOWN' },
        ],
      ]);
      await admin.rollback();
    } finally {
      await admin.end();
    }
    expect(await owner.client.data(RENAME, { id: boardId, name: 'Plans' })).toEqual({ renameBoard: { name: 'Plans' } });
  });
});

describe('a task write on the pool (db/transaction.ts sqlTransaction)', () => {
  // The same guarantee as above for the writes that run their transactions on the driver's pool: the
  // connection is killed while the move waits for the board's lock, inside its transaction.
  it('reports its killed connection as OUTCOME_UNKNOWN, changes nothing, and the next write works', async () => {
    const CREATE = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id version } }';
    const MOVE = 'mutation($input: MoveTaskInput!) { moveTask(input: $input) { id status version } }';
    const task = (
      await owner.client.data<{ createTask: { id: string; version: number } }>(CREATE, {
        input: { boardId, title: 'Killed move' },
      })
    ).createTask;
    const input = { id: task.id, expectedVersion: task.version, status: 'DONE', index: 0 };
    const admin = await mariadb.createConnection(connectionOptions(api.db.config));
    try {
      await admin.beginTransaction();
      await admin.query('SELECT id FROM Board WHERE id = ? FOR UPDATE', [Number(boardId)]);
      const move = owner.client.request(MOVE, { input });
      const threadId = await waitForBoardLockWait(admin);
      await admin.query(`KILL CONNECTION ${threadId}`);
      const response = await move;
      expect(response.body.errors?.map((e) => e.extensions?.code)).toEqual(['OUTCOME_UNKNOWN']);
      await admin.rollback();
    } finally {
      await admin.end();
    }
    const TASK = 'query($id: ID!) { task(id: $id) { status version } }';
    expect(await owner.client.data(TASK, { id: task.id })).toEqual({ task: { status: 'TODO', version: task.version } });
    expect(await owner.client.data(MOVE, { input })).toEqual({
      moveTask: { id: task.id, status: 'DONE', version: task.version + 1 },
    });
  });
});

describe('expected errors', () => {
  it('keep their codes and messages, and are not logged as errors', async () => {
    const before = api.logs.length;
    const outsider = await api.user('Outsider');
    const cases: [GraphQLClient, string, Record<string, unknown>, Record<string, unknown>][] = [
      [outsider.client, BOARD, { id: boardId }, { code: 'NOT_FOUND' }],
      [owner.client, BOARD, { id: '999999' }, { code: 'NOT_FOUND' }],
      [new GraphQLClient(api.url), BOARD, { id: boardId }, { code: 'UNAUTHENTICATED' }],
      [member.client, RENAME, { id: boardId, name: 'Mine' }, { code: 'FORBIDDEN' }],
      [
        owner.client,
        RENAME,
        { id: boardId, name: '' },
        { code: 'BAD_USER_INPUT', fields: { name: expect.any(Array) } },
      ],
      [owner.client, BOARD, { id: 'not-an-id' }, { code: 'BAD_USER_INPUT' }],
      [owner.client, '{ board(id: "1") { nope } }', {}, { code: 'GRAPHQL_VALIDATION_FAILED' }],
      [owner.client, '{ board(', {}, { code: 'GRAPHQL_PARSE_FAILED' }],
    ];
    for (const [client, query, variables, extensions] of cases) {
      const error = await client.error(query, variables);
      expect(error.extensions, `${query} ${JSON.stringify(variables)}`).toMatchObject(extensions);
      expect(error.message).not.toMatch(/went wrong|temporarily unavailable/);
    }
    expect(api.logs.slice(before).filter((line) => line.level >= ERROR)).toEqual([]);
  });

  it('reports a duplicate member as BAD_USER_INPUT, though the database raised a unique violation', async () => {
    const before = api.logs.length;
    const error = await owner.client.error('mutation($input: AddMemberInput!) { addMember(input: $input) { role } }', {
      input: { boardId, email: member.email },
    });
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { email: ['is already a member of this board'] },
    });
    expect(api.logs.slice(before).filter((line) => line.level >= ERROR)).toEqual([]);
  });
});

describe('isDatabaseUnavailable', () => {
  /** A Prisma error as the mariadb driver adapter produces it (the shape logged in the tests above). */
  const prismaError = (cause: Record<string, unknown>, code = 'P2039') =>
    new Prisma.PrismaClientKnownRequestError('Invalid `prisma.board.update()` invocation', {
      code,
      clientVersion: Prisma.prismaVersion.client,
      meta: { modelName: 'Board', driverAdapterError: { name: 'DriverAdapterError', cause } },
    });
  const driver = (errno: number, message: string) => ({
    originalCode: String(errno),
    originalMessage: message,
    kind: 'mysql',
    code: errno,
    message,
    state: 'HY000',
  });

  // Outages the tests above cannot stage on demand: a restart or failover caught mid-query, or a
  // server out of connections. A wrong "yes" here would hide a bug behind "please retry", so
  // ordinary SQL errors are checked too.
  it.each([
    ['server shutting down', prismaError(driver(1053, 'Server shutdown in progress'))],
    ['connection killed', prismaError(driver(1927, 'Connection was killed'))],
    ['too many connections', prismaError({ kind: 'TooManyConnections', cause: 'Too many connections' }, 'P2037')],
    ['pool timeout', prismaError(driver(45028, 'pool timeout: failed to retrieve a connection from pool'))],
    [
      'a driver error itself',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' }),
    ],
    [
      'one wrapped by GraphQL',
      new GraphQLError('Unexpected error.', { originalError: prismaError(driver(45009, 'socket closed')) }),
    ],
  ])('says yes for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['an unknown column', prismaError(driver(1054, "Unknown column 'b.name' in 'field list'"))],
    ['a missing table', prismaError({ kind: 'TableDoesNotExist', table: 'Session' }, 'P2021')],
    ['a unique violation', prismaError({ kind: 'UniqueConstraintViolation' }, 'P2002')],
    ['a lock wait timeout', prismaError(driver(1205, 'Lock wait timeout exceeded; try restarting transaction'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['an expected failure', new AppError('NOT_FOUND', 'Board not found.')],
  ])('says no for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('isUniqueViolation', () => {
  const raw = (cause: Record<string, unknown>, code: string) =>
    new Prisma.PrismaClientKnownRequestError('Raw query failed', {
      code,
      clientVersion: Prisma.prismaVersion.client,
      meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
    });
  const driverError = (errno: number, code: string) => Object.assign(new Error(code), { errno, code });

  it.each([
    ["Prisma's model API (P2002)", raw({ kind: 'UniqueConstraintViolation' }, 'P2002')],
    ['a raw statement through Prisma (P2010)', raw({ kind: 'UniqueConstraintViolation' }, 'P2010')],
    ["the driver's own error (a statement on the pool)", driverError(1062, 'ER_DUP_ENTRY')],
  ])('says yes for %s', (_what, error) => {
    expect(isUniqueViolation(error)).toBe(true);
  });

  it.each([
    ['a foreign key', driverError(1452, 'ER_NO_REFERENCED_ROW_2')],
    ['a deadlock', driverError(1213, 'ER_LOCK_DEADLOCK')],
    ['a raw statement that failed otherwise', raw({ kind: 'ForeignKeyConstraintViolation' }, 'P2010')],
  ])('says no for %s', (_what, error) => {
    expect(isUniqueViolation(error)).toBe(false);
  });
});
