// Vite's dev server (`npm run dev`), configured by vite.config.ts, in front of a graphql-ws API: the
// /graphql WebSocket is proxied with the browser's cookie and Origin, the API's close codes reach the
// browser, and a handshake from another origin is refused, as by the production server.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@taskboard/test-kit/ports';
import { eventually } from '@taskboard/test-kit/waiting';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSocket, SESSION_COOKIE, startWsUpstream, type WsUpstream } from './support.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

let api: WsUpstream;
let vite: ViteDevServer;
let cacheDir: string;
let base: string;

beforeAll(async () => {
  api = await startWsUpstream();
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'vite-cache-'));
  const port = await freePort();
  // vite.config.ts reads GATEWAY_API_URL when it is loaded, as under `npm run dev`.
  const previous = process.env.GATEWAY_API_URL;
  process.env.GATEWAY_API_URL = api.url;
  try {
    vite = await createServer({
      configFile: path.join(PACKAGE_DIR, 'vite.config.ts'),
      root: PACKAGE_DIR,
      // its own cache, so as not to touch the one `npm run dev` uses; nothing is bundled here
      cacheDir,
      optimizeDeps: { noDiscovery: true },
      server: { host: '127.0.0.1', port, strictPort: true },
      logLevel: 'silent',
    });
  } finally {
    if (previous === undefined) delete process.env.GATEWAY_API_URL;
    else process.env.GATEWAY_API_URL = previous;
  }
  await vite.listen();
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await vite?.close();
  await api?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe('the Vite dev server’s /graphql WebSocket', () => {
  it('reaches the API with the browser’s cookie and Origin, and carries a subscription', async () => {
    const before = api.handshakes.length;
    const socket = openSocket(`${base}/graphql`, { headers: { origin: base, cookie: `${SESSION_COOKIE}=dev-s3cr3t` } });
    await socket.opened;
    socket.ws.send('{"type":"connection_init"}');
    await eventually(10, () => socket.messages.includes('{"type":"connection_ack"}'), { intervalMs: 10 });
    socket.ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { session }' } }));
    await eventually(10, () => socket.messages.some((m) => m.includes('"type":"complete"')), { intervalMs: 10 });
    expect(socket.messages).toEqual([
      '{"type":"connection_ack"}',
      '{"id":"1","type":"next","payload":{"data":{"session":"dev-s3cr3t"}}}',
      '{"id":"1","type":"complete"}',
    ]);
    expect(api.handshakes[before]!.headers).toMatchObject({
      cookie: `${SESSION_COOKIE}=dev-s3cr3t`,
      origin: base,
      host: new URL(base).host,
      'sec-websocket-protocol': 'graphql-transport-ws',
    });
    socket.ws.close();
  });

  it('passes the API’s close code to the browser', async () => {
    const count = api.sockets.length;
    const socket = openSocket(`${base}/graphql`, { headers: { origin: base } });
    await socket.opened;
    const apiSide = await eventually(5, () => api.sockets.length > count && api.sockets.at(-1)!, { intervalMs: 5 });
    apiSide.close(4403, 'Forbidden');
    expect(await socket.closed).toEqual({ code: 4403, reason: 'Forbidden' });
  });

  it('refuses a handshake from another origin without calling the API', async () => {
    const before = api.handshakes.length;
    const socket = openSocket(`${base}/graphql`, { headers: { origin: 'https://evil.example' } });
    expect((await socket.handshake).status).toBe(404);
    expect(api.handshakes.length).toBe(before);
  });
});
