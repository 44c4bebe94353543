// The built client over real HTTP: caching rules, the single-page app's fallback, misses, security
// headers on every kind of response, and the health endpoints.
import { rename } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { freePort } from '@taskboard/test-kit/ports';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security.js';
import { ASSET, ASSET_BODY, createStaticDir, expectedCsp, INDEX_HTML, startWeb, type Web } from './support.js';

const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let staticDir: Awaited<ReturnType<typeof createStaticDir>>;
let web: Web;

beforeAll(async () => {
  staticDir = await createStaticDir();
  // Nothing here calls the API: it need not exist.
  web = await startWeb({
    STATIC_DIR: staticDir.dir,
    GATEWAY_API_URL: `http://127.0.0.1:${await freePort()}/graphql`,
  });
});
afterAll(async () => {
  await web?.close();
  await staticDir?.remove();
});

const get = (pathname: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${web.url}${pathname}`, { method, headers });

/** The CSP sent for a GET with this exact Host header (fetch() sets its own Host). */
const rawGet = (pathname: string, host: string) =>
  new Promise<string>((resolve, reject) => {
    const request = httpRequest(`${web.url}${pathname}`, { headers: { host } }, (response) => {
      response.resume();
      resolve(String(response.headers['content-security-policy']));
    });
    request.on('error', reject);
    request.end();
  });

describe('static files', () => {
  it('serves index.html at / with no-cache, so a deploy is picked up on the next load', async () => {
    const response = await get('/', { accept: NAVIGATION });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe(INDEX_HTML);
    expect((await get('/index.html')).headers.get('cache-control')).toBe('no-cache');
  });

  it('lets the browser revalidate index.html with its ETag', async () => {
    const etag = (await get('/')).headers.get('etag');
    expect(etag).toBeTruthy();
    // (fetch() would add `cache-control: no-cache` to a conditional request, which forces a 200)
    const again = await get('/', { 'if-none-match': etag!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
  });

  it('caches hashed assets for a year, immutable', async () => {
    const response = await get(ASSET, { 'accept-encoding': 'identity' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toBe(ASSET_BODY);
  });

  it('sends a pre-compressed sibling to browsers that accept it', async () => {
    const response = await get(ASSET, { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe(ASSET_BODY); // fetch decodes it
  });

  it('revalidates files without a content hash', async () => {
    const response = await get('/robots.txt');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it("answers the app's own routes with index.html when a browser navigates to them", async () => {
    for (const pathname of ['/boards/12', '/boards/12/tasks/3?tab=comments', '/playground', '/a.b/c']) {
      const response = await get(pathname, { accept: NAVIGATION });
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get('cache-control'), pathname).toBe('no-cache');
      expect(await response.text(), pathname).toBe(INDEX_HTML);
    }
    const head = await get('/boards/12', { accept: NAVIGATION }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('answers 404, never index.html, for missing assets and non-page requests', async () => {
    const misses: [string, Record<string, string>, string?][] = [
      ['/assets/missing.js', { accept: '*/*' }],
      ['/assets/missing.js', { accept: NAVIGATION }],
      ['/assets/', { accept: NAVIGATION }],
      ['/favicon.ico', { accept: 'image/avif,image/webp,image/*,*/*;q=0.8' }],
      ['/boards/12', { accept: '*/*' }], // fetch() or curl: not a navigation
      ['/boards/12', { accept: 'text/html;q=0' }],
      ['/boards/12', { accept: NAVIGATION }, 'POST'],
      ['/graphql/extra', { accept: NAVIGATION }],
      ['/healthz/extra', { accept: NAVIGATION }],
      ['/readyz/x', { accept: NAVIGATION }],
    ];
    for (const [pathname, headers, method] of misses) {
      const response = await get(pathname, headers, method);
      const what = `${method ?? 'GET'} ${pathname} ${JSON.stringify(headers)}`;
      expect(response.status, what).toBe(404);
      expect(response.headers.get('content-type'), what).toMatch(/^application\/json/);
      // never cached: during a rolling deploy the asset may exist on the next replica asked
      expect(response.headers.get('cache-control'), what).toBe('no-store');
      expect(await response.text(), what).not.toContain('<html');
    }
  });

  it('does not serve dotfiles or anything outside the build', async () => {
    expect((await get('/.env')).status).toBe(404);
    expect((await get('/.env', { accept: NAVIGATION })).status).toBe(200); // the app's page, not the file
    expect(await (await get('/.env', { accept: NAVIGATION })).text()).toBe(INDEX_HTML);
    for (const pathname of ['/..%2fpackage.json', '/assets/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await get(pathname);
      expect([400, 403, 404], pathname).toContain(response.status);
      expect(await response.text(), pathname).not.toMatch(/"name"|root:/);
    }
  });
});

describe('security headers', () => {
  const expectSecurityHeaders = (headers: Headers, what: string, host = new URL(web.url).host) => {
    expect(headers.get('content-security-policy'), what).toBe(expectedCsp(host));
    expect(headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
    expect(headers.get('x-frame-options'), what).toBe('DENY');
    expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  };

  it('are on every kind of response', async () => {
    for (const [pathname, accept] of [
      ['/', NAVIGATION],
      ['/boards/1', NAVIGATION],
      [ASSET, '*/*'],
      ['/assets/missing.js', '*/*'],
      ['/healthz', '*/*'],
      ['/readyz', '*/*'],
      ['/graphql', 'application/json'], // the API is down: our 502
    ] as const) {
      expectSecurityHeaders((await get(pathname, { accept })).headers, pathname);
    }
  });

  it('build the policy from the one exported constant', () => {
    // its one per-request part, WebSockets to the page's own host, given the Host of a request
    const request = { headers: { host: 'board.example.org' } } as unknown as IncomingMessage;
    const fromConstant = Object.entries(CONTENT_SECURITY_POLICY)
      .map(([name, values]) => `${name} ${values.map((v) => (typeof v === 'function' ? v(request) : v)).join(' ')}`)
      .join(';');
    expect(fromConstant).toBe(expectedCsp('board.example.org'));
  });

  it('name the page’s own host for WebSockets, whatever the Host, and never anything it could inject', async () => {
    for (const host of ['taskboard.example.com', 'localhost:8080', '[::1]:8080']) {
      expect(await rawGet('/', host), host).toBe(expectedCsp(host));
    }
    // A Host no browser sends (a client's own request only): no extra source at all.
    const odd = await rawGet('/', "evil.example 'unsafe-inline'");
    expect(odd).toContain("connect-src 'self' 'self';");
    expect(odd).not.toContain('unsafe-inline;');
  });

  it('send HSTS in production only', async () => {
    expect((await get('/')).headers.get('strict-transport-security')).toBeNull();
    const production = await startWeb({ STATIC_DIR: staticDir.dir, NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    try {
      const response = await fetch(`${production.url}/`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expectSecurityHeaders(response.headers, 'production /', new URL(production.url).host);
    } finally {
      await production.close();
    }
  });
});

describe('health', () => {
  it('/healthz: the process is up', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz: ready while the build can be read, whatever the API does (it is down here)', async () => {
    const response = await get('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });

    const index = path.join(staticDir.dir, 'index.html');
    await rename(index, `${index}.away`);
    try {
      const unready = await get('/readyz');
      expect(unready.status).toBe(503);
      expect(await unready.json()).toEqual({ status: 'static files unreadable' });
      expect((await get('/healthz')).status).toBe(200);
    } finally {
      await rename(`${index}.away`, index);
    }
    expect((await get('/readyz')).status).toBe(200);
  });

  it('does not log the probes, but logs every other request with its id', async () => {
    web.logs.length = 0;
    await get('/healthz');
    await get('/readyz');
    const response = await get('/', { 'x-request-id': 'static-test-1' });
    expect(response.headers.get('x-request-id')).toBe('static-test-1');
    expect(web.logs.map((line) => line.req && (line.req as { url: string }).url).filter(Boolean)).toEqual(['/']);
    expect(web.logs.filter((line) => line.reqId === 'static-test-1').map((line) => line.msg)).toEqual([
      'incoming request',
      'request completed',
    ]);
  });
});
