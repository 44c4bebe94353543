// /graphql WebSockets in real Chromium, under the page's real Content-Security-Policy: a subscription
// from the page with the session cookie the browser holds, the close codes the page sees (the API's,
// and this server's at shutdown), and a socket to any other host blocked by the policy.
import { launchBrowser } from '@taskboard/test-kit/browser';
import { eventually } from '@taskboard/test-kit/waiting';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createStaticDir,
  expectedCsp,
  SESSION_COOKIE,
  startWeb,
  startWsUpstream,
  type Web,
  type WsUpstream,
} from './support.js';

let staticDir: Awaited<ReturnType<typeof createStaticDir>>;
let api: WsUpstream;
let web: Web;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  staticDir = await createStaticDir();
  api = await startWsUpstream();
  web = await startWeb({ STATIC_DIR: staticDir.dir, GATEWAY_API_URL: api.url });
  browser = await launchBrowser();
});
afterEach(async () => context?.close());
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await api?.close();
  await staticDir?.remove();
});

/** The app's page, loaded from `server`, with the session cookie in the browser's jar. */
async function openPage(server: Web): Promise<Page> {
  context = await browser.newContext();
  await context.addCookies([
    { name: SESSION_COOKIE, value: 'browser-s3cr3t', url: server.url, httpOnly: true, sameSite: 'Lax' },
  ]);
  const page = await context.newPage();
  const response = await page.goto(`${server.url}/`);
  expect(response!.headers()['content-security-policy']).toBe(expectedCsp(new URL(server.url).host));
  return page;
}

// Page code is passed as text: the test runner's transform would otherwise add helpers the page lacks.

/** graphql-transport-ws by hand in the page: init, one subscription, its results until complete. */
const SUBSCRIBE_IN_PAGE = `(query) => new Promise((resolve, reject) => {
  const ws = new WebSocket('ws://' + location.host + '/graphql', 'graphql-transport-ws');
  const results = [];
  ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init' }));
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    if (message.type === 'next') results.push(message.payload);
    if (message.type === 'complete') { ws.close(1000); resolve({ protocol: ws.protocol, results }); }
  };
  ws.onclose = (event) => reject(new Error('closed ' + event.code));
})`;

/** Opens a socket from the page and keeps its close event in window.closedWith. */
const OPEN_IN_PAGE = `() => new Promise((resolve) => {
  const ws = new WebSocket('ws://' + location.host + '/graphql', 'graphql-transport-ws');
  ws.onopen = () => resolve(ws.protocol);
  ws.onclose = (event) => (window.closedWith = { code: event.code, reason: event.reason, wasClean: event.wasClean });
})`;

const closedInPage = (page: Page) =>
  eventually(10, () => page.evaluate('window.closedWith') as Promise<unknown>, { intervalMs: 20 });

describe('WebSockets in Chromium', () => {
  it('subscribe from the page with the browser’s session cookie, under the production CSP', async () => {
    const page = await openPage(web);
    const before = api.handshakes.length;
    const session = await page.evaluate(`(${SUBSCRIBE_IN_PAGE})('subscription { session }')`);
    expect(session).toEqual({ protocol: 'graphql-transport-ws', results: [{ data: { session: 'browser-s3cr3t' } }] });
    const ticks = await page.evaluate(`(${SUBSCRIBE_IN_PAGE})('subscription { ticks(count: 3) }')`);
    expect(ticks).toEqual({
      protocol: 'graphql-transport-ws',
      results: [1, 2, 3].map((n) => ({ data: { ticks: n } })),
    });

    const handshake = api.handshakes[before]!;
    expect(handshake.headers.cookie).toBe(`${SESSION_COOKIE}=browser-s3cr3t`);
    expect(handshake.headers.origin).toBe(web.url);
    expect(handshake.headers['user-agent']).toMatch(/Chrome\//);
    const id = handshake.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(web.logs.some((line) => line.reqId === id && line.msg === 'websocket opened')).toBe(true);
  });

  it('show the page the API’s close code and reason', async () => {
    const page = await openPage(web);
    const count = api.sockets.length;
    expect(await page.evaluate(`(${OPEN_IN_PAGE})()`)).toBe('graphql-transport-ws');
    const apiSide = await eventually(5, () => api.sockets.length > count && api.sockets.at(-1)!);
    apiSide.close(4403, 'Forbidden');
    expect(await closedInPage(page)).toEqual({ code: 4403, reason: 'Forbidden', wasClean: true });
  });

  it('show the page 1012 when this server shuts down', async () => {
    const leaving = await startWeb({ STATIC_DIR: staticDir.dir, GATEWAY_API_URL: api.url, LOG_LEVEL: 'warn' });
    const page = await openPage(leaving);
    await page.evaluate(`(${OPEN_IN_PAGE})()`);
    await leaving.close();
    expect(await closedInPage(page)).toEqual({ code: 1012, reason: 'Server restarting', wasClean: true });
  });

  it('are blocked by the CSP to any other host, before a connection is made', async () => {
    const page = await openPage(web);
    const before = api.handshakes.length;
    const violation = await page.evaluate(`new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) =>
        resolve({ directive: event.effectiveDirective, blocked: event.blockedURI }));
      new WebSocket('ws://localhost:' + location.port + '/graphql', 'graphql-transport-ws');
    })`);
    expect(violation).toEqual({
      directive: 'connect-src',
      blocked: `ws://localhost:${new URL(web.url).port}/graphql`,
    });
    expect(api.handshakes.length).toBe(before);
  });
});
