// /graphql WebSockets through the real web server, against a real graphql-ws server (the protocol the
// API speaks, graphql-transport-ws): a subscription end to end with what reaches the API, the Origin
// check, the message size limit, close codes both ways, an API that is down or refuses, dead peers.
import { request as httpRequest } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { freePort } from '@taskboard/test-kit/ports';
import { eventually } from '@taskboard/test-kit/waiting';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BODY_LIMIT } from '../proxy.js';
import {
  createStaticDir,
  INDEX_HTML,
  openSocket,
  SESSION_COOKIE,
  sleep,
  startWeb,
  startWsUpstream,
  type Web,
  type WsUpstream,
  type WsUpstreamOptions,
} from './support.js';

let staticDir: Awaited<ReturnType<typeof createStaticDir>>;
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  staticDir = await createStaticDir();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
afterAll(async () => staticDir?.remove());

/** A graphql-ws server standing in for the API, and the web server in front of it. */
async function setup(
  upstream: WsUpstreamOptions = {},
  env: Record<string, string> = {},
  webSocketHeartbeatMs?: number,
): Promise<{ web: Web; api: WsUpstream; endpoint: string; origin: string }> {
  const api = await startWsUpstream(upstream);
  cleanup.push(() => api.close());
  const web = await startWeb(
    { STATIC_DIR: staticDir.dir, GATEWAY_API_URL: api.url, ...env },
    webSocketHeartbeatMs ? { webSocketHeartbeatMs } : {},
  );
  cleanup.push(() => web.close());
  return { web, api, endpoint: `${web.url}/graphql`, origin: web.url };
}

/** graphql-ws's own client, as Apollo's GraphQLWsLink runs it in the browser, sending a browser's headers. */
function graphqlWsClient(endpoint: string, headers: Record<string, string>): Client {
  class BrowserWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url: endpoint.replace(/^http/, 'ws'),
    webSocketImpl: BrowserWebSocket,
    retryAttempts: 0,
  });
  cleanup.push(() => client.dispose());
  return client;
}

async function results(client: Client, query: string): Promise<FormattedExecutionResult<unknown, unknown>[]> {
  const all: FormattedExecutionResult<unknown, unknown>[] = [];
  for await (const result of client.iterate({ query })) all.push(result);
  return all;
}

/** An open socket (same origin) and the API's side of it. */
async function connected(endpoint: string, origin: string, api: WsUpstream, options: { autoPong?: boolean } = {}) {
  const before = api.sockets.length;
  const browser = openSocket(endpoint, { headers: { origin }, ...options });
  await browser.opened;
  const apiSide = await eventually(5, () => api.sockets.length > before && api.sockets.at(-1)!, { intervalMs: 5 });
  return { browser, apiSide };
}

describe('a subscription through the proxy', () => {
  it('works end to end, with the cookie, the request id and the origin reaching the API', async () => {
    const { web, api, endpoint, origin } = await setup();
    const client = graphqlWsClient(endpoint, {
      origin,
      cookie: `${SESSION_COOKIE}=s3cr3t.sig; theme=dark`,
      'x-request-id': 'ws-live-1',
    });
    const [ticks, session] = await Promise.all([
      results(client, 'subscription { ticks(count: 3) }'),
      results(client, 'subscription { session }'),
    ]);
    expect(ticks).toEqual([1, 2, 3].map((tick) => ({ data: { ticks: tick } })));
    // the API's own reading of the cookie: the socket is authenticated as the HTTP requests are
    expect(session).toEqual([{ data: { session: 's3cr3t.sig' } }]);

    expect(api.handshakes.length).toBeGreaterThan(0);
    for (const { url, headers } of api.handshakes) {
      expect(url).toBe('/graphql');
      expect(headers).toMatchObject({
        cookie: `${SESSION_COOKIE}=s3cr3t.sig; theme=dark`,
        'x-request-id': 'ws-live-1',
        origin,
        host: new URL(api.url).host,
        'sec-websocket-protocol': 'graphql-transport-ws',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-proto': 'http',
        'x-forwarded-host': new URL(web.url).host,
      });
    }
    await client.dispose();
    await eventually(5, () => web.logs.some((line) => line.reqId === 'ws-live-1' && line.msg === 'websocket closed'));
    const lines = web.logs.filter((line) => line.reqId === 'ws-live-1');
    expect(lines.map((line) => line.msg).slice(0, 2)).toEqual(['incoming request', 'websocket opened']);
    expect(lines.find((line) => line.msg === 'websocket closed')).toMatchObject({ closedBy: 'browser', code: 1000 });
    // Session cookies never reach the logs.
    expect(JSON.stringify(web.logs)).not.toContain('s3cr3t');
  });

  it('answers the handshake with the API’s protocol and the request id; replaces a bad id, makes one when none', async () => {
    const { api, endpoint, origin } = await setup();
    const given = openSocket(endpoint, { headers: { origin, 'x-request-id': 'ingress-7f3a.42' } });
    const answer = await given.handshake;
    expect(answer.status).toBe(101);
    expect(answer.headers['x-request-id']).toBe('ingress-7f3a.42');
    expect(answer.headers['sec-websocket-protocol']).toBe('graphql-transport-ws');
    given.ws.close();

    for (const headers of [{ 'x-request-id': 'has spaces in it' }, {}] as Record<string, string>[]) {
      const socket = openSocket(endpoint, { headers: { origin, ...headers } });
      const id = (await socket.handshake).headers['x-request-id'];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(api.handshakes.at(-1)!.headers['x-request-id']).toBe(id);
      socket.ws.close();
    }
  });

  it('relays messages both ways unchanged, text and binary', async () => {
    const { api, endpoint, origin } = await setup();
    const { browser, apiSide } = await connected(endpoint, origin, api);
    const atApi: { data: string; binary: boolean }[] = [];
    apiSide.removeAllListeners('message'); // graphql-ws would answer; here the bytes themselves are looked at
    apiSide.on('message', (data, binary) => atApi.push({ data: String(data), binary }));
    browser.ws.send('{"type":"ping","payload":{"é":"ü"}}');
    browser.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await eventually(5, () => atApi.length === 2, { intervalMs: 5 });
    expect(atApi).toEqual([
      { data: '{"type":"ping","payload":{"é":"ü"}}', binary: false },
      { data: '\u0001\u0002\u0003', binary: true },
    ]);
    apiSide.send('{"type":"pong"}');
    await eventually(5, () => browser.messages.includes('{"type":"pong"}'), { intervalMs: 5 });
    browser.ws.close();
  });
});

describe('the Origin check (cross-site WebSocket hijacking)', () => {
  it('refuses an upgrade from another origin with 403, before calling the API', async () => {
    const { web, api, endpoint, origin } = await setup();
    const { port } = new URL(web.url);
    for (const other of [
      'https://evil.example',
      'null',
      `http://localhost:${port}`, // same machine, another origin
      `http://127.0.0.1:${Number(port) + 1}`,
      `http://127.0.0.1.evil.example:${port}`,
      'not a url',
    ]) {
      const socket = openSocket(endpoint, { headers: { origin: other, cookie: `${SESSION_COOKIE}=victim` } });
      const answer = await socket.handshake;
      expect(answer.status, other).toBe(403);
      expect(JSON.parse(answer.body), other).toEqual({
        errors: [{ message: 'Cross-origin WebSocket connections are refused.', extensions: { code: 'FORBIDDEN' } }],
      });
    }
    expect(api.handshakes).toHaveLength(0);
    expect(web.logs.filter((line) => line.msg === 'websocket refused: cross-origin')).toHaveLength(6);

    // The page's own origin, with or without the default port written out, and no Origin (not a browser).
    for (const headers of [{ origin }, { origin: `${origin}/` }, {}] as Record<string, string>[]) {
      const socket = openSocket(endpoint, { headers });
      expect((await socket.handshake).status, JSON.stringify(headers)).toBe(101);
      socket.ws.close();
    }
    expect(api.handshakes).toHaveLength(3);
  });
});

describe('limits', () => {
  const connectionInit = (bytes: number) => {
    const shell = JSON.stringify({ type: 'connection_init', payload: { padding: '' } });
    return JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(bytes - shell.length) } });
  };

  it(`passes a message of ${BODY_LIMIT / 1024} kB, and closes with 1009 on a larger one, which the API never sees`, async () => {
    const { api, endpoint, origin } = await setup();
    const { browser } = await connected(endpoint, origin, api);
    expect(connectionInit(BODY_LIMIT)).toHaveLength(BODY_LIMIT);
    browser.ws.send(connectionInit(BODY_LIMIT));
    await eventually(5, () => browser.messages.includes('{"type":"connection_ack"}'), { intervalMs: 5 });
    // A second connection_init would make graphql-ws close with 4429: it must not get there.
    browser.ws.send(connectionInit(BODY_LIMIT + 1));
    expect(await browser.closed).toEqual({ code: 1009, reason: '' });
    await eventually(5, () => api.closes.length === 1, { intervalMs: 5 });
    expect(api.closes[0]!.code).toBe(1009);
  });

  it('refuses malformed handshakes and upgrades anywhere but /graphql, without calling the API', async () => {
    const { web, api, origin } = await setup();
    const handshake = {
      origin,
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    };
    for (const bad of [
      { 'sec-websocket-key': 'too short' },
      { 'sec-websocket-version': '12' },
      { 'sec-websocket-protocol': 'graphql-transport-ws, graphql-transport-ws' },
      { 'sec-websocket-protocol': 'graphql transport ws' },
    ] as Record<string, string>[]) {
      expect((await rawGet(web.url, '/graphql', { ...handshake, ...bad })).status, JSON.stringify(bad)).toBe(400);
    }
    for (const path of ['/', '/graphql/', '/healthz']) {
      const elsewhere = openSocket(`${web.url}${path}`, { headers: { origin } });
      expect((await elsewhere.handshake).status, path).toBe(404);
    }
    expect(api.handshakes).toHaveLength(0);
    // Only WebSocket upgrades are taken as such: another Upgrade (h2c) is a plain HTTP request.
    const page = await fetch(`${web.url}/`, { headers: { accept: 'text/html' } });
    const h2c = await rawGet(web.url, '/', {
      connection: 'Upgrade, HTTP2-Settings',
      upgrade: 'h2c',
      accept: 'text/html',
    });
    expect(h2c).toEqual({ status: 200, body: await page.text() });
    expect(h2c.body).toBe(INDEX_HTML);
  });
});

describe('draining', () => {
  it('refuses new upgrades with 503 once the server drains (SIGTERM, before the listener closes)', async () => {
    const { web, api, endpoint, origin } = await setup();
    web.app.startDraining();
    const answer = await openSocket(endpoint, { headers: { origin } }).handshake;
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [{ message: 'This server is shutting down. Please reconnect.', extensions: { code: 'SHUTTING_DOWN' } }],
    });
    expect(api.handshakes).toHaveLength(0);
  });
});

describe('close codes', () => {
  it('passes the API’s close code and reason to the browser; none as none, a lost connection as 1014', async () => {
    const { api, endpoint, origin } = await setup();
    for (const [code, reason] of [
      [4403, 'Forbidden'],
      [4401, 'Unauthorized'],
      [1000, 'board deleted'],
      [1012, 'Service Restart'],
      [1001, 'Going away'],
      [4500, 'Internal server error'],
    ] as const) {
      const { browser, apiSide } = await connected(endpoint, origin, api);
      apiSide.close(code, reason);
      expect(await browser.closed).toEqual({ code, reason });
    }
    const silent = await connected(endpoint, origin, api);
    silent.apiSide.close();
    expect(await silent.browser.closed).toEqual({ code: 1005, reason: '' });
    // The API's process gone without a close frame (kill -9): the browser gets a code it reconnects on.
    const lost = await connected(endpoint, origin, api);
    lost.apiSide.terminate();
    expect(await lost.browser.closed).toEqual({ code: 1014, reason: 'connection lost' });
  });

  it('passes the browser’s close code to the API; a browser that vanishes as 1001', async () => {
    const { api, endpoint, origin } = await setup();
    const closedAtApi = async () => {
      const count = api.closes.length;
      return eventually(5, () => api.closes.length > count && api.closes.at(-1)!, { intervalMs: 5 });
    };
    const first = await connected(endpoint, origin, api);
    first.browser.ws.close(4000, 'tab closed');
    expect(await closedAtApi()).toEqual({ code: 4000, reason: 'tab closed' });
    const second = await connected(endpoint, origin, api);
    second.browser.ws.close();
    expect(await closedAtApi()).toEqual({ code: 1005, reason: '' });
    const third = await connected(endpoint, origin, api);
    third.browser.ws.terminate();
    expect(await closedAtApi()).toEqual({ code: 1001, reason: 'connection lost' });
  });
});

describe('an API that is not there, or says no', () => {
  it('answers 502 when nothing listens, 504 when the API does not answer the upgrade in time', async () => {
    const web = await startWeb({
      STATIC_DIR: staticDir.dir,
      GATEWAY_API_URL: `http://127.0.0.1:${await freePort()}/graphql`,
    });
    cleanup.push(() => web.close());
    const down = openSocket(`${web.url}/graphql`, { headers: { origin: web.url } });
    const answer = await down.handshake;
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [{ message: 'The API is unreachable. Please retry in a moment.', extensions: { code: 'BAD_GATEWAY' } }],
    });
    expect(web.logs.some((line) => line.msg === 'websocket: the API is unreachable: 502' && line.reqId)).toBe(true);

    // accepts the connection, never answers
    const held: Socket[] = [];
    const silent = createTcpServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => {
      for (const socket of held) socket.destroy();
      return new Promise((resolve) => silent.close(resolve));
    });
    const { port } = silent.address() as { port: number };
    const slow = await startWeb({
      STATIC_DIR: staticDir.dir,
      GATEWAY_API_URL: `http://127.0.0.1:${port}/graphql`,
      PROXY_TIMEOUT_SECONDS: '1',
    });
    cleanup.push(() => slow.close());
    const started = Date.now();
    const timedOut = await openSocket(`${slow.url}/graphql`, { headers: { origin: slow.url } }).handshake;
    expect(timedOut.status).toBe(504);
    expect(JSON.parse(timedOut.body).errors[0].extensions.code).toBe('GATEWAY_TIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('passes on the API’s refusal of the upgrade: its status, body and the headers that matter', async () => {
    const body = '{"errors":[{"message":"Not signed in","extensions":{"code":"UNAUTHENTICATED"}}]}';
    const { endpoint, origin } = await setup({
      refuse: {
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '2', 'x-internal': 'not for browsers' },
        body,
      },
    });
    const answer = await openSocket(endpoint, { headers: { origin } }).handshake;
    expect(answer.status).toBe(503);
    expect(answer.body).toBe(body);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json', 'retry-after': '2' });
    expect(answer.headers['x-internal']).toBeUndefined();
  });
});

describe('dead peers', () => {
  it('cuts off an API that stops answering pings (the browser gets 1014), and a browser that does (the API gets 1001)', async () => {
    const frozen = await setup({ autoPong: false }, {}, 100);
    const toFrozenApi = await connected(frozen.endpoint, frozen.origin, frozen.api);
    const started = Date.now();
    expect(await toFrozenApi.browser.closed).toEqual({ code: 1014, reason: 'connection lost' });
    console.log(`silent API cut off after ${Date.now() - started} ms (heartbeat every 100 ms)`);

    const { api, endpoint, origin } = await setup({}, {}, 100);
    // Answers every ping: left alone, though nothing else is said for ten rounds.
    const healthy = await connected(endpoint, origin, api);
    const gone = await connected(endpoint, origin, api, { autoPong: false });
    const count = api.closes.length;
    await eventually(5, () => api.closes.length > count, { intervalMs: 10 });
    expect(api.closes.at(-1)).toEqual({ code: 1001, reason: 'connection lost' });
    await sleep(1_000);
    expect(healthy.browser.ws.readyState).toBe(WebSocket.OPEN);
    expect(gone.browser.ws.readyState).toBe(WebSocket.CLOSED);
    healthy.browser.ws.close();
  });
});

/** A GET with headers fetch() would not send (connection, upgrade); a 101 would not settle it. */
function rawGet(base: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
