// Network faults between the API and its database, made by a TCP proxy in between (support/tcp-proxy):
// connections cut right after logging in, and a partition that forwards nothing. The API runs as a
// process of its own, from its sources, so that a fault that would end the process shows as an exit.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@taskboard/test-kit/ports';
import { eventually } from '@taskboard/test-kit/waiting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLClient } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const BOARDS = 'query Boards { boards { totalCount } }';

let db: TestDatabase;
let proxy: TcpProxy;
let api: ChildProcess;
let url: string;
let output = '';

const running = () => api.exitCode === null && api.signalCode === null;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readyz(): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: await response.json() };
}

/** eventually(), while the API runs: a failed attempt (say, a refused connection) is "not yet"; an
 * exit of the API fails at once, with its output. */
const whileRunning = <T>(seconds: number, attempt: () => Promise<T | undefined>): Promise<T> =>
  eventually(
    seconds,
    async () => {
      if (!running()) throw new Error(`the API exited:\n${output}`);
      return attempt().catch(() => undefined);
    },
    { context: () => output.slice(-3000) },
  );

beforeAll(async () => {
  db = await createTestDatabase({ migrated: true });
  proxy = await startTcpProxy({ host: db.config.host, port: db.config.port }, 'cut');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const proxied = new URL(db.url);
  proxied.port = String(proxy.port);
  api = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PACKAGE_DIR,
    env: {
      PATH: process.env.PATH,
      TSX_TSCONFIG_PATH: path.join(PACKAGE_DIR, 'tsconfig.json'),
      NODE_ENV: 'test',
      DATABASE_URL: proxied.toString(),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      // short, so that the partition below is detected quickly
      DATABASE_STATEMENT_TIMEOUT_SECONDS: '2',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  api.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  await whileRunning(60, async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined));
});

afterAll(async () => {
  api?.kill('SIGKILL');
  await proxy?.close();
  await db?.drop();
});

describe('network faults between the API and the database', () => {
  it('survives connections cut right after login (the driver’s session statements), and recovers', async () => {
    // Each readiness check makes the pool try to connect; every attempt is cut at its first command.
    for (let i = 0; i < 5; i++) {
      expect((await readyz()).status).toBe(503);
      await sleep(300);
    }
    expect(proxy.cuts).toBeGreaterThan(0);
    // A cut connection is a rejected promise inside the driver; unhandled, Node would have exited.
    await sleep(1000);
    expect(running(), output).toBe(true);
    expect(output).not.toMatch(/unhandled|triggerUncaughtException/i);

    proxy.mode = 'pass';
    const ready = await whileRunning(30, async () => {
      const answer = await readyz();
      return answer.status === 200 ? answer : undefined;
    });
    expect(ready.body).toEqual({ status: 'ready', database: 'up' });
  });

  it('answers a request caught by a network partition while the partition lasts, then recovers', async () => {
    const client = new GraphQLClient(url);
    await client.data('mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }', {
      input: { email: 'partition@example.com', name: 'Partition', password: 'correct horse battery' },
    });
    expect(await client.data(BOARDS)).toEqual({ boards: { totalCount: 0 } });

    // Pooled connections stay open but nothing gets through, either way: no error, only silence.
    proxy.mode = 'blackhole';
    let partitionOver = false;
    const answered = client.request(BOARDS).then((response) => ({ response, duringPartition: !partitionOver }));
    const outcome = await Promise.race([answered, sleep(30_000).then(() => undefined)]);
    partitionOver = true;
    // Answered while nothing could reach the database: the statement timeout, not TCP's minutes.
    expect(outcome, 'no answer within 30 s of a partition').toBeDefined();
    expect(outcome!.duringPartition).toBe(true);
    expect(outcome!.response.status).toBe(503);
    expect(outcome!.response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(outcome!.response.body.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
    expect(running()).toBe(true);

    proxy.mode = 'pass';
    proxy.dropAll();
    const boards = await whileRunning(30, async () => (await client.request(BOARDS)).body.data ?? undefined);
    expect(boards).toEqual({ boards: { totalCount: 0 } });
  });
});
