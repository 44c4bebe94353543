// A write whose connection dies after its COMMIT was sent: the API cannot know whether it was stored,
// and says so (OUTCOME_UNKNOWN, HTTP 200), never "nothing was changed" (DATABASE_UNAVAILABLE). A
// proxy between the API and the database lets the COMMIT through, then cuts the connection.
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/lib/logger.js';
import { GraphQLClient } from '../support/api.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
let proxy: TcpProxy;
let app: App;
let client: GraphQLClient;
let boardId: string;

const CREATE_TASK = 'mutation($input: CreateTaskInput!) { createTask(input: $input) { id title } }';
const tasksTitled = async (title: string) =>
  Number((await db.query<{ n: bigint }[]>('SELECT COUNT(*) AS n FROM Task WHERE title = ?', [title]))[0]!.n);

beforeAll(async () => {
  db = await createTestDatabase({ migrated: true });
  proxy = await startTcpProxy({ host: db.config.host, port: db.config.port });
  const proxied = new URL(db.url);
  proxied.port = String(proxy.port);
  const config = loadConfig({ DATABASE_URL: proxied.toString(), NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0' });
  app = await createApp(config, createLogger({ level: config.logLevel }));
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  client = new GraphQLClient(`http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`);
  await client.data('mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }', {
    input: { email: 'cut@example.com', name: 'Cut', password: 'correct horse battery' },
  });
  boardId = (
    await client.data<{ createBoard: { id: string } }>('mutation { createBoard(input: { name: "B" }) { id } }')
  ).createBoard.id;
});

afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await db?.drop();
});

describe('a connection lost after a write was sent', () => {
  it('is OUTCOME_UNKNOWN with HTTP 200, though the task was stored', async () => {
    proxy.armCut(/^\s*COMMIT/i);
    const response = await client.request(CREATE_TASK, { input: { boardId, title: 'Cut at commit' } });
    expect(proxy.cuts).toBe(1);
    expect(response.status).toBe(200);
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      {
        message: expect.stringMatching(/may or may not have been saved/),
        path: ['createTask'],
        locations: expect.any(Array),
        extensions: { code: 'OUTCOME_UNKNOWN' },
      },
    ]);
    expect(JSON.stringify(response.body)).not.toMatch(/socket|pool|prisma|mariadb|sql|127\.0\.0\.1/i);
    // what the API could not know: the COMMIT reached the server
    await expect.poll(() => tasksTitled('Cut at commit')).toBe(1);
  });

  it('with an idempotency key, a retry returns the task the cut request stored, and there is one', async () => {
    const input = { boardId, title: 'Cut, then retried', idempotencyKey: randomUUID().replaceAll('-', '') };
    proxy.armCut(/^\s*COMMIT/i);
    const cut = await client.request<{ createTask: { id: string } }>(CREATE_TASK, { input });
    expect(proxy.cuts).toBe(2);
    // The API looks the key up once the transaction failed: when the COMMIT has been applied by then,
    // it answers with the task; otherwise it cannot tell.
    if (cut.body.errors) expect(cut.body.errors.map((e) => e.extensions?.code)).toEqual(['OUTCOME_UNKNOWN']);
    await expect.poll(() => tasksTitled('Cut, then retried')).toBe(1);
    const retry = await client.data<{ createTask: { id: string } }>(CREATE_TASK, { input });
    if (cut.body.data) expect(retry).toEqual(cut.body.data);
    expect(await tasksTitled('Cut, then retried')).toBe(1);
  });

  it('a query whose connection dies is DATABASE_UNAVAILABLE, never an unknown outcome', async () => {
    const SEARCH = 'query($boardId: ID!) { searchTasks(boardId: $boardId, query: "cut") { totalCount } }';
    // a statement this test has not run yet, so its text goes out (prepared) and the proxy sees it
    proxy.armCut(/MATCH\s*\(/i);
    const response = await client.request(SEARCH, { boardId });
    expect(proxy.cuts).toBe(3);
    expect(response.status).not.toBe(200); // 503 from the DATABASE_UNAVAILABLE status plugin
    expect(response.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['searchTasks'], 'DATABASE_UNAVAILABLE'],
    ]);
    expect(await client.data(SEARCH, { boardId })).toEqual({ searchTasks: { totalCount: 2 } });
  });

  it('recovers: the next writes go through', async () => {
    proxy.disarm();
    await client.data(CREATE_TASK, { input: { boardId, title: 'After' } });
    expect(await tasksTitled('After')).toBe(1);
  });
});
