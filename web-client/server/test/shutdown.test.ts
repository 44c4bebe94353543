// Graceful shutdown of the built server, run as Kubernetes runs it: a real `node
// dist/server/index.js` process that gets SIGTERM while a /graphql request is still waiting on the API,
// or while WebSockets are open (live boards).
import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@taskboard/test-kit/ports';
import { eventually } from '@taskboard/test-kit/waiting';
import { createClient } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  createStaticDir,
  openSocket,
  sleep,
  startUpstream,
  startWsUpstream,
  type Upstream,
  type WsUpstream,
} from './support.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

let staticDir: Awaited<ReturnType<typeof createStaticDir>>;
let api: Upstream;
/** the API's WebSocket side: graphql-ws, as the API serves it */
let wsApi: WsUpstream;
/** answers the API is holding back, released by the test */
const held: (() => void)[] = [];
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  // The test runs what ships: the compiled output of the current sources.
  await promisify(execFile)('npx', ['tsc', '-p', 'server/tsconfig.json'], { cwd: PACKAGE_DIR }).catch(
    (error: { stdout?: string }) => {
      throw new Error(`compiling the server failed:\n${error.stdout ?? String(error)}`);
    },
  );
  staticDir = await createStaticDir();
  wsApi = await startWsUpstream();
  api = await startUpstream((_request, response) => {
    held.push(() => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"data":{"slow":true}}');
    });
  });
});
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});
afterAll(async () => {
  await wsApi?.close();
  await api?.close();
  await staticDir?.remove();
});

interface Server {
  url: string;
  stdout: { msg?: string; reqId?: string }[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running: () => boolean;
  kill: (signal: NodeJS.Signals) => void;
  /** from spawn to the first 200 from /readyz */
  startedInMs: number;
}

/** Starts `node dist/server/index.js` as production would, and waits until it is ready. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['dist/server/index.js'], {
    cwd: PACKAGE_DIR,
    // Only what the server is meant to read: nothing from the test runner's environment leaks in.
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      STATIC_DIR: staticDir.dir,
      GATEWAY_API_URL: api.url,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Server['stdout'] = [];
  let stderr = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) stdout.push(JSON.parse(line) as Server['stdout'][number]);
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  cleanup.push(() => running() && child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    30,
    async () => {
      if (!running()) throw new Error(`the server exited during start-up:\n${stderr}`);
      return (await probe(`${url}/readyz`)) === 200;
    },
    { intervalMs: 10, context: () => `the server was not ready:\n${stderr}` },
  );
  const startedInMs = Math.round(performance.now() - spawnedAt);
  return { url, stdout, stderr: () => stderr, exited, running, kill: (s) => void child.kill(s), startedInMs };
}

const slowQuery = (url: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'in-flight-1' },
    body: '{"query":"{ slow }"}',
  });

describe('graceful shutdown', () => {
  it('on SIGTERM turns unready, refuses new requests, finishes the one in flight, and exits 0', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: '20' });
    console.log(`cold start: spawn to 200 from /readyz in ${server.startedInMs} ms`);
    const before = api.received.length;
    const inFlight = slowQuery(server.url);
    await eventually(10, () => api.received.length > before, { intervalMs: 25 });

    server.kill('SIGTERM');
    await eventually(
      10,
      () => server.stdout.some((line) => line.msg === 'shutting down: finishing in-flight requests'),
      { intervalMs: 25 },
    );
    // The listener is closed (refused) or, on a connection that is still open, Fastify answers 503.
    expect([503, 'refused']).toContain(await probe(`${server.url}/readyz`));
    expect([503, 'refused']).toContain(await probe(`${server.url}/`));
    // The request still waits on the API, and keeps the process alive.
    await sleep(300);
    expect(server.running()).toBe(true);

    held.shift()!();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({ data: { slow: true } });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const messages = server.stdout.map((line) => line.msg);
    expect(messages).toContain('stopped');
    expect(server.stdout.some((line) => line.reqId === 'in-flight-1' && line.msg === 'request completed')).toBe(true);
    expect(server.stderr()).toBe('');
  });

  it('exits 1 when the request in flight outlasts SHUTDOWN_TIMEOUT_SECONDS', async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: '1' });
    const before = api.received.length;
    const inFlight = slowQuery(server.url).then(
      () => 'answered',
      () => 'dropped',
    );
    await eventually(10, () => api.received.length > before, { intervalMs: 25 });
    server.kill('SIGTERM');
    const exit = await Promise.race([server.exited, sleep(20_000).then(() => 'still running')]);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(server.stderr()).toContain('in-flight requests did not finish within 1 s');
    expect(await inFlight).toBe('dropped');
    held.shift()?.();
  });

  it('refuses to start, listing every problem, when the configuration is wrong', async () => {
    const child = spawn(process.execPath, ['dist/server/index.js'], {
      cwd: PACKAGE_DIR,
      env: { PATH: process.env.PATH, PORT: 'eighty', GATEWAY_API_URL: 'gateway-api:4000', STATIC_DIR: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('web-client cannot start. Invalid configuration (3 problems)');
    expect(stderr).toMatch(/PORT: must be a TCP port/);
    expect(stderr).toMatch(/GATEWAY_API_URL: must be an http:\/\/ or https:\/\/ URL/);
    expect(stderr).toMatch(/STATIC_DIR: \/nonexistent must be a directory holding the built client's index\.html/);
  });
});

describe('graceful shutdown with WebSockets open', () => {
  const subscribe = (id: string) =>
    JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { ticks(count: 100000, everyMs: 20) }' } });

  it('on SIGTERM closes every WebSocket at once, 1012 to the browser, 1001 to the API, and exits 0', async () => {
    const server = await startServer({ GATEWAY_API_URL: wsApi.url, SHUTDOWN_TIMEOUT_SECONDS: '20' });
    const socket = openSocket(`${server.url}/graphql`, { headers: { origin: server.url, 'x-request-id': 'live-1' } });
    await socket.opened;
    socket.ws.send('{"type":"connection_init"}');
    await eventually(10, () => socket.messages.includes('{"type":"connection_ack"}'), { intervalMs: 10 });
    socket.ws.send(subscribe('1'));
    await eventually(10, () => socket.messages.filter((m) => m.includes('"ticks"')).length >= 3, { intervalMs: 10 });
    const apiCloses = wsApi.closes.length;

    const signalled = performance.now();
    server.kill('SIGTERM');
    expect(await socket.closed).toEqual({ code: 1012, reason: 'Server restarting' });
    const closedAfter = performance.now() - signalled;
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const exitedAfter = performance.now() - signalled;
    console.log(
      `SIGTERM -> 1012 at the browser in ${Math.round(closedAfter)} ms; exit 0 in ${Math.round(exitedAfter)} ms`,
    );
    // The API is told too, so that it ends the subscriptions at once.
    await eventually(5, () => wsApi.closes.length > apiCloses, { intervalMs: 10 });
    expect(wsApi.closes.slice(apiCloses)).toEqual([{ code: 1001, reason: 'going away' }]);
    const messages = server.stdout.map((line) => line.msg);
    expect(messages).toContain('closing websockets: 1012 service restart');
    // logged with the first close code back: the browser's (1012) or the API's (1001)
    const closedLine = server.stdout.find((line) => line.reqId === 'live-1' && line.msg === 'websocket closed');
    expect([1012, 1001]).toContain((closedLine as { code?: number } | undefined)?.code);
    // 'stopped' ends the shutdown; a socket's own "websocket closed" line may land on either side of it
    expect(messages.filter((message) => message !== 'websocket closed').at(-1)).toBe('stopped');
    expect(server.stderr()).toBe('');
  });

  it("is a reconnect graphql-ws's own client makes by itself, to another replica, where the subscription goes on", async () => {
    const replicas = [
      await startServer({ GATEWAY_API_URL: wsApi.url }),
      await startServer({ GATEWAY_API_URL: wsApi.url }),
    ];
    // Each connection goes through "the ingress" to the next replica, with the page's Origin.
    let next = 0;
    class BrowserWebSocket extends WebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols, { headers: { origin: new URL(address).origin.replace(/^ws/, 'http') } });
      }
    }
    const events: { at: number; what: string }[] = [];
    const client = createClient({
      url: () => `${replicas[next++ % 2]!.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: BrowserWebSocket,
      // graphql-ws's defaults otherwise: its randomised back-off, 5 attempts
      on: {
        connected: () => events.push({ at: performance.now(), what: 'connected' }),
        closed: (event) => events.push({ at: performance.now(), what: `closed ${(event as { code: number }).code}` }),
      },
    });
    const ticks: number[] = [];
    const done = new Promise<void>((resolve, reject) =>
      client.subscribe<{ ticks: number }>(
        { query: 'subscription { ticks(count: 100000, everyMs: 20) }' },
        { next: (result) => void ticks.push(result.data!.ticks), error: reject, complete: resolve },
      ),
    );
    void done.catch(() => {});
    try {
      await eventually(10, () => ticks.length >= 3, { intervalMs: 10 });
      replicas[0]!.kill('SIGTERM');
      expect(await replicas[0]!.exited).toEqual({ code: 0, signal: null });
      const restarted = ticks.length;
      await eventually(15, () => ticks.length > restarted + 3, { intervalMs: 10 });
      expect(events.map((event) => event.what)).toEqual(['connected', 'closed 1012', 'connected']);
      const gap = Math.round(events[2]!.at - events[1]!.at);
      console.log(`graphql-ws reconnected to the other replica ${gap} ms after the 1012 (its default back-off)`);
      // the subscription was made again by the client itself: the API counts from 1 again
      expect(ticks.slice(restarted, restarted + 3)).toEqual([1, 2, 3]);
    } finally {
      await client.dispose();
    }
  });

  it('cuts a browser that never completes the close handshake, and still exits 0 within SHUTDOWN_TIMEOUT_SECONDS', async () => {
    const server = await startServer({ GATEWAY_API_URL: wsApi.url, SHUTDOWN_TIMEOUT_SECONDS: '4' });
    // A handshake by hand, then silence: the close frame is never answered.
    const { port } = new URL(server.url);
    const raw = connect(Number(port), '127.0.0.1');
    let answer = '';
    raw.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    const cut = new Promise<void>((resolve) => raw.once('close', () => resolve()));
    raw.write(
      'GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:' +
        port +
        '\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
    await eventually(10, () => answer.startsWith('HTTP/1.1 101 Switching Protocols'), { intervalMs: 10 });

    const signalled = performance.now();
    server.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const exitedAfter = Math.round(performance.now() - signalled);
    await cut;
    // the close frame it was sent: 0x88, length, 1012
    expect(answer).toContain('\x88\x13\x03\xf4Server restarting');
    console.log(
      `a silent browser held the shutdown ${exitedAfter} ms (close timeout 2 s of SHUTDOWN_TIMEOUT_SECONDS=4)`,
    );
    expect(exitedAfter).toBeGreaterThanOrEqual(1_900);
  });
});

/** The HTTP status of a request, or 'refused' when no connection could be made or it was cut. */
async function probe(url: string, init: RequestInit = {}): Promise<number | 'refused'> {
  try {
    const response = await fetch(url, init);
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 'refused';
  }
}
