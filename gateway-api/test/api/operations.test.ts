// What operators rely on, over real HTTP: the probes, Prometheus metrics, and request ids in the
// JSON logs and response headers.
import type { AddressInfo } from 'node:net';
import mariadb from 'mariadb';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { connectionOptions } from '../../src/db/connection.js';
import { GraphQLClient } from '../support/api.js';
import { createTestDatabase } from '../support/database.js';
import { waitForBoardLockWait } from '../support/locks.js';

type LogLine = { level: number; msg: string; reqId?: string; [key: string]: unknown };

/** The real app on a fresh database, like the testkit's, but with its JSON log lines kept in `logs`. */
async function startLoggedApi() {
  const db = await createTestDatabase({ migrated: true });
  const config = loadConfig({ DATABASE_URL: db.url, NODE_ENV: 'test', PORT: '0', DATABASE_POOL_SIZE: '4' });
  const logs: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const sql: string[] = [];
  const app: App = await createApp(config, logger, {
    onQuery: (statement) => sql.push(statement),
    housekeeping: false,
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    db,
    config,
    logs,
    sql,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

let api: Awaited<ReturnType<typeof startLoggedApi>>;
let client: GraphQLClient;
let boardId: string;

beforeAll(async () => {
  api = await startLoggedApi();
  client = new GraphQLClient(api.url);
  await client.data('mutation SignUp($input: SignUpInput!) { signUp(input: $input) { user { id } } }', {
    input: { email: 'ops@example.com', name: 'Ops', password: 'correct horse battery' },
  });
  boardId = (
    await client.data<{ createBoard: { id: string } }>('mutation { createBoard(input: { name: "Ops" }) { id } }')
  ).createBoard.id;
});
afterAll(async () => api?.close());

const get = async (pathname: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${api.url}${pathname}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

describe('probes', () => {
  it('/healthz answers 200 without touching the database', async () => {
    api.sql.length = 0;
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ status: 'ok' });
    expect(api.sql).toEqual([]);
  });

  it('/readyz answers 200 once the database has answered', async () => {
    const response = await get('/readyz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ status: 'ready', database: 'up' });
  });
});

describe('request ids', () => {
  const ME = 'query Me { me { name } }';

  it('keeps the caller’s x-request-id, echoes it, and logs every line of the request with it', async () => {
    const id = 'edge-7f3a2c-01';
    const response = await new GraphQLClient(api.url).request(ME, {}, { 'x-request-id': id });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(id);
    const lines = api.logs.filter((line) => line.reqId === id);
    expect(lines.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
    expect(lines[1]).toMatchObject({ res: { statusCode: 200 }, responseTime: expect.any(Number) });
  });

  it('generates a unique one when none (or a malformed one) is given', async () => {
    const ids = [];
    const cases: Record<string, string>[] = [{}, {}, { 'x-request-id': 'x'.repeat(500) }, { 'x-request-id': 'a b' }];
    for (const headers of cases) {
      const response = await new GraphQLClient(api.url).request(ME, {}, headers);
      ids.push(response.headers.get('x-request-id'));
    }
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(api.logs.filter((line) => line.reqId === id).map((line) => line.msg)).toContain('request completed');
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names the probes’ responses too, without an access log line for them', async () => {
    const before = api.logs.length;
    const response = await get('/healthz', { 'x-request-id': 'probe-1' });
    expect(response.headers.get('x-request-id')).toBe('probe-1');
    expect(api.logs.slice(before)).toEqual([]);
  });
});

describe('/metrics', () => {
  type Samples = Map<string, number>;

  /** Prometheus text format -> `name{a="1",b="2"}` (labels sorted) -> value */
  function parse(text: string): Samples {
    const samples: Samples = new Map();
    for (const line of text.split('\n')) {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) continue;
      const labels = [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}="${v}"`);
      samples.set(`${match[1]}{${labels.sort().join(',')}}`, Number(match[3]));
    }
    return samples;
  }
  const key = (name: string, labels: Record<string, string> = {}) =>
    `${name}{${Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .sort()
      .join(',')}}`;
  const scrape = async () => {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return { text: response.text, samples: parse(response.text) };
  };
  const delta = (before: Samples, after: Samples, name: string, labels: Record<string, string> = {}) =>
    (after.get(key(name, labels)) ?? 0) - (before.get(key(name, labels)) ?? 0);

  it('counts requests by operation name and type, and errors by code', async () => {
    const before = (await scrape()).samples;
    const BOARD = 'query BoardPage($id: ID!) { board(id: $id) { name } }';
    for (let i = 0; i < 3; i++) await client.data(BOARD, { id: boardId });
    expect((await client.error(BOARD, { id: '999999' })).extensions?.code).toBe('NOT_FOUND');
    await client.data('mutation RenameBoard($id: ID!) { renameBoard(input: { id: $id, name: "Ops 2" }) { name } }', {
      id: boardId,
    });
    await client.data('{ me { name } }');
    const anonymous = new GraphQLClient(api.url);
    expect((await anonymous.error('query Boards { boards { totalCount } }')).extensions?.code).toBe('UNAUTHENTICATED');
    expect((await anonymous.error('query Broken { board(')).extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await anonymous.error('query Unknown { nope }')).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = (await scrape()).samples;

    const count = (operation: string, type: string) =>
      delta(before, after, 'graphql_request_duration_seconds_count', { operation, type });
    expect(count('BoardPage', 'query')).toBe(4);
    expect(count('RenameBoard', 'mutation')).toBe(1);
    expect(count('(anonymous)', 'query')).toBe(1);
    expect(count('Boards', 'query')).toBe(1);
    // Requests that do not parse or validate ran nothing: one label for all of them, whatever they say.
    expect(count('(invalid)', 'unknown')).toBe(2);
    expect(count('Broken', 'unknown') + count('Unknown', 'unknown')).toBe(0);
    // every request lands in the +Inf bucket, and its duration in the sum
    expect(
      delta(before, after, 'graphql_request_duration_seconds_bucket', {
        operation: 'BoardPage',
        type: 'query',
        le: '+Inf',
      }),
    ).toBe(4);
    expect(
      delta(before, after, 'graphql_request_duration_seconds_sum', { operation: 'BoardPage', type: 'query' }),
    ).toBeGreaterThan(0);

    const errors = (code: string) => delta(before, after, 'graphql_errors_total', { code });
    expect(errors('NOT_FOUND')).toBe(1);
    expect(errors('UNAUTHENTICATED')).toBe(1);
    expect(errors('GRAPHQL_PARSE_FAILED')).toBe(1);
    expect(errors('GRAPHQL_VALIDATION_FAILED')).toBe(1);
    expect(errors('INTERNAL_SERVER_ERROR')).toBe(0);
  });

  it('shows the database pool: a connection in use while a request waits on a row lock, idle ones after', async () => {
    // The admin connection holds the board's row lock, so the rename waits inside the database,
    // holding one of the API's connections.
    const admin = await mariadb.createConnection(connectionOptions(api.db.config));
    try {
      await admin.beginTransaction();
      await admin.query('SELECT id FROM Board WHERE id = ? FOR UPDATE', [Number(boardId)]);
      const rename = client.data(
        'mutation RenameBoard($id: ID!) { renameBoard(input: { id: $id, name: "Locked" }) { name } }',
        { id: boardId },
      );
      await waitForBoardLockWait(admin);
      const during = (await scrape()).samples;
      expect(during.get('db_pool_connections_in_use{}')).toBeGreaterThanOrEqual(1);
      await admin.rollback();
      expect(await rename).toEqual({ renameBoard: { name: 'Locked' } });
    } finally {
      await admin.end();
    }
    const after = (await scrape()).samples;
    expect(after.get('db_pool_connections_in_use{}')).toBe(0);
    expect(after.get('db_pool_connections_idle{}')).toBeGreaterThanOrEqual(1);
    expect(after.get('db_pool_connections_idle{}')).toBeLessThanOrEqual(api.config.database.poolSize);
    expect(after.get('db_pool_requests_waiting{}')).toBe(0);
  });

  it('is Prometheus text with help and type lines, and reads no table', async () => {
    api.sql.length = 0;
    const { text } = await scrape();
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(text).toContain('# TYPE graphql_errors_total counter');
    expect(text).toContain('# TYPE db_pool_connections_in_use gauge');
    expect(text).toContain('# HELP db_pool_connections_idle ');
    expect(text).toContain('process_cpu_seconds_total');
    expect(api.sql).toEqual([]);
  });
});

describe('draining', () => {
  // Last in this file: the server stops being ready for good.
  it('/readyz answers 503 as soon as draining begins, while liveness still answers', async () => {
    api.app.http.startDraining();
    const response = await get('/readyz');
    expect(response.status).toBe(503);
    expect(JSON.parse(response.text)).toEqual({ status: 'shutting down' });
    expect((await get('/healthz')).status).toBe(200);
  });
});
