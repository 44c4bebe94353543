// A database outage while the API runs, on a throwaway database server of its own that the test
// stops and starts: the API stays alive, answers DATABASE_UNAVAILABLE within seconds, and recovers
// by itself once the database is back.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mariadb from 'mariadb';
import { pino } from 'pino';
import { freePort } from '@taskboard/test-kit/ports';
import { eventually } from '@taskboard/test-kit/waiting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { connectionOptions } from '../../src/db/connection.js';
import { startLocalDatabase, type LocalDatabase } from '../../dev/local-database.js';
import { migrate } from '../../src/db/migrator.js';
import { GraphQLClient, type GraphQLResponse } from '../support/api.js';
import { waitForBoardLockWait } from '../support/locks.js';

type LogLine = { level: number; msg: string; reqId?: string; [key: string]: unknown };

let dataDir: string;
let port: number;
let server: LocalDatabase | undefined;
let app: App | undefined;
let url: string;
let config: Config;
const logs: LogLine[] = [];

const startDatabase = async () => {
  server = await startLocalDatabase({ dataDir, database: 'outage', grantAll: true, ephemeral: true, port });
  return server;
};
const stopDatabase = async () => {
  await server?.stop();
  server = undefined;
};

const get = async (pathname: string) => {
  const response = await fetch(`${url}${pathname}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }';
const SIGN_IN = 'mutation SignIn($input: SignInInput!) { signIn(input: $input) { user { id } } }';
const BOARDS = 'query Boards { boards { totalCount } }';
const RENAME = 'mutation Rename($id: ID!) { renameBoard(input: { id: $id, name: "Renamed" }) { name } }';
const credentials = { email: 'outage@example.com', password: 'correct horse battery' };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'taskboard-outage-'));
  port = await freePort();
  // Started once to learn its URL and to migrate, then stopped: the API starts without it.
  const first = await startDatabase();
  await migrate({ connection: connectionOptions(loadConfig({ DATABASE_URL: first.url }).database) });
  const databaseUrl = first.url;
  await stopDatabase();

  config = loadConfig({
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: '0',
    // short, so that the frozen server below is given up on quickly
    DATABASE_STATEMENT_TIMEOUT_SECONDS: '2',
  });
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  app = await createApp(config, logger);
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await stopDatabase();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a database outage', () => {
  let client: GraphQLClient;
  let boardId: string;

  it('starts without the database: alive, but not ready until the database has answered once', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/readyz')).toEqual({ status: 503, body: { status: 'starting', database: 'down' } });

    await startDatabase();
    const ready = await eventually(30, async () => {
      const readyz = await get('/readyz');
      return readyz.status === 200 ? readyz : undefined;
    });
    expect(ready.body).toEqual({ status: 'ready', database: 'up' });

    client = new GraphQLClient(url);
    await client.data(SIGN_UP, { input: { ...credentials, name: 'Outage' } });
    const { createBoard } = await client.data<{ createBoard: { id: string } }>(
      'mutation { createBoard(input: { name: "B" }) { id } }',
    );
    boardId = createBoard.id;
    expect(await client.data(BOARDS)).toEqual({ boards: { totalCount: 1 } });
  });

  it('answers a request sent to a frozen database (SIGSTOP) while it is still frozen, and recovers after', async () => {
    expect(await client.data(BOARDS)).toEqual({ boards: { totalCount: 1 } });
    const pid = server!.pid;
    process.kill(pid, 'SIGSTOP');
    let frozen = true;
    try {
      const answered = client.request(BOARDS).then((response) => ({ response, whileFrozen: frozen }));
      const outcome = await Promise.race([
        answered,
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 30_000)),
      ]);
      // The pooled connection is open and the statement was sent: only the statement timeout can
      // end the wait (TCP would wait for minutes). Ordering, not a stopwatch, proves it.
      expect(outcome, 'no answer within 30 s of freezing the database').toBeDefined();
      expect(outcome!.whileFrozen).toBe(true);
      expect(outcome!.response.status).toBe(503);
      expect(outcome!.response.body.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
      expectNothingLeaked(outcome!.response);
    } finally {
      frozen = false;
      process.kill(pid, 'SIGCONT');
    }
    const boards = await eventually(30, async () => (await client.request(BOARDS)).body.data ?? undefined);
    expect(boards).toEqual({ boards: { totalCount: 1 } });
  });

  // Its UPDATE was sent: the API cannot know whether it ran before the server went away.
  it('fails a mutation that is waiting on the database when it goes away with OUTCOME_UNKNOWN', async () => {
    // Holds the board's row lock so that the rename is still waiting when the server shuts down.
    const admin = await mariadb.createConnection(connectionOptions(config.database));
    admin.on('error', () => {}); // the shutdown ends this connection too
    try {
      await admin.beginTransaction();
      await admin.query('SELECT id FROM Board WHERE id = ? FOR UPDATE', [Number(boardId)]);
      const rename = client.request(RENAME, { id: boardId });
      await waitForBoardLockWait(admin);
      await stopDatabase();
      const response = await rename;
      expect(response.body.errors?.map((e) => [e.message, e.extensions])).toEqual([
        [
          'The connection to the database was lost while this change was being saved, so it may or may not have ' +
            'been saved. Retry it with the same idempotencyKey, or reload and check before repeating it.',
          { code: 'OUTCOME_UNKNOWN' },
        ],
      ]);
      expectNothingLeaked(response);
    } finally {
      admin.destroy();
    }
  });

  it('answers DATABASE_UNAVAILABLE within seconds while the database is down, and stays alive', async () => {
    const started = Date.now();
    const signedIn = await client.request(BOARDS);
    // Not asserted (the machine may be busy): what matters is that an answer comes, not a hang.
    console.log(`DATABASE_UNAVAILABLE after ${Date.now() - started} ms (the pool's acquire timeout is 3 s)`);
    expect(signedIn.body.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
    // signed in, it fails in the session lookup, before any resolver: the same status as below
    expect(signedIn.status).toBe(503);
    expect(signedIn.headers.get('retry-after')).toBe('2');
    expectNothingLeaked(signedIn);

    // anonymous, so it fails in a resolver rather than in the session lookup before it
    const anonymous = await new GraphQLClient(url).request(SIGN_IN, { input: credentials });
    expect(anonymous.status).toBe(503);
    expect(anonymous.headers.get('retry-after')).toBe('2');
    expect(anonymous.body).toMatchObject({ data: null, errors: [{ path: ['signIn'] }] });
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
    expectNothingLeaked(anonymous);

    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    // The decision documented in server.ts: an outage every replica shares does not make a pod unready.
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready', database: 'down' } });

    // An outage is logged as a warning with the request's id, not as an unexpected error.
    for (const response of [signedIn, anonymous]) {
      const reqId = response.headers.get('x-request-id');
      const lines = logs.filter((line) => line.reqId === reqId && line.level >= 40);
      expect(lines.map((line) => [line.level, line.msg])).toEqual([[40, 'database unavailable']]);
    }
    expect(logs.filter((line) => line.level >= 50)).toEqual([]);

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^graphql_errors_total\{code="DATABASE_UNAVAILABLE"\} 3$/m);
    expect(metrics).toMatch(/^db_pool_connections_in_use 0$/m);
  });

  it('recovers by itself once the database is back, without restarting the API', async () => {
    await startDatabase();
    const started = Date.now();
    const boards = await eventually(60, async () => {
      const response = await client.request(BOARDS);
      return response.body.data ?? undefined;
    });
    console.log(`recovered ${Date.now() - started} ms after the database accepted connections again`);
    expect(boards).toEqual({ boards: { totalCount: 1 } });
    expect(await new GraphQLClient(url).data(SIGN_IN, { input: credentials })).toMatchObject({
      signIn: { user: { id: expect.any(String) } },
    });
    expect(await get('/readyz')).toEqual({ status: 200, body: { status: 'ready', database: 'up' } });
  });
});

/** An outage answer says nothing about where the database is or what the server runs. */
function expectNothingLeaked(response: GraphQLResponse) {
  const text = JSON.stringify(response.body);
  expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|socket|pool|prisma|sql|stack|mariadb|mysql/i);
  expect(text).not.toContain(String(port));
}
