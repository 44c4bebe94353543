// /graphql through the proxy, against a stand-in API that records exactly what reached it: headers,
// cookies and bodies both ways, request ids, streaming, limits, timeouts and an API that is down.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { freePort } from '@taskboard/test-kit/ports';
import { eventually } from '@taskboard/test-kit/waiting';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../proxy.js';
import {
  createStaticDir,
  expectedCsp,
  sleep,
  startUpstream,
  startWeb,
  type Received,
  type Upstream,
  type Web,
} from './support.js';

let staticDir: Awaited<ReturnType<typeof createStaticDir>>;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  staticDir = await createStaticDir();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
afterAll(async () => staticDir?.remove());

type Respond = Parameters<typeof startUpstream>[0];

/** A stand-in API and the web server in front of it. */
async function setup(respond: Respond, env: Record<string, string> = {}): Promise<{ web: Web; api: Upstream }> {
  const api = await startUpstream(respond);
  cleanup.push(() => api.close());
  const web = await startWeb({ STATIC_DIR: staticDir.dir, GATEWAY_API_URL: api.url, ...env });
  cleanup.push(() => web.close());
  return { web, api };
}

const ok: Respond = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  response.end('{"data":{"me":null}}');
};

/** A raw HTTP/1.1 request, for the headers fetch() refuses to send (connection, keep-alive, ...). */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer[] },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    const { body } = options;
    if (Array.isArray(body)) for (const chunk of body) request.write(chunk);
    else if (body !== undefined) request.write(body);
    request.end();
  });
}

describe('the /graphql proxy', () => {
  it('passes method, body bytes, cookies and the headers CSRF prevention reads, unchanged', async () => {
    const { web, api } = await setup(ok);
    // Odd spacing on purpose: the bytes must arrive as sent, not re-encoded.
    const body = '{ "query" : "query Me { me { id } }",\n "operationName":"Me" }';
    const response = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        cookie: 'taskboard_session=abc.def; theme=dark',
        'apollo-require-preflight': 'true',
        'x-apollo-operation-name': 'Me',
        accept: 'application/graphql-response+json, application/json',
        origin: 'https://board.example.com',
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: null } });
    expect(api.received).toHaveLength(1);
    const [received] = api.received as [Received];
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/graphql');
    expect(received.body.toString()).toBe(body);
    expect(received.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      cookie: 'taskboard_session=abc.def; theme=dark',
      'apollo-require-preflight': 'true',
      'x-apollo-operation-name': 'Me',
      accept: 'application/graphql-response+json, application/json',
      origin: 'https://board.example.com',
      host: new URL(api.url).host,
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': new URL(web.url).host,
    });
  });

  it('keeps a simple (CSRF-prone) request simple: a text/plain body reaches the API as text/plain', async () => {
    const { web, api } = await setup((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        '{"errors":[{"message":"This operation has been blocked as a potential Cross-Site Request Forgery (CSRF)."}]}',
      );
    });
    const response = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"query":"mutation { signOut }"}',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
    expect(api.received[0]!.headers['content-type']).toBe('text/plain');
    expect(api.received[0]!.headers['apollo-require-preflight']).toBeUndefined();
    expect(api.received[0]!.body.toString()).toBe('{"query":"mutation { signOut }"}');
  });

  it('passes GET queries (with their query string) and OPTIONS preflights', async () => {
    const { web, api } = await setup((request, response) => {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, { 'access-control-allow-methods': 'GET,POST', vary: 'Origin' });
        return void response.end();
      }
      ok(request, response, undefined as never);
    });
    const search = new URLSearchParams({ query: '{ me { id } }', variables: '{"a":"b c&d"}' });
    const get = await fetch(`${web.url}/graphql?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    const options = await fetch(`${web.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-methods')).toBe('GET,POST');

    const [getReceived, optionsReceived] = api.received as [Received, Received];
    expect(getReceived.method).toBe('GET');
    const url = new URL(getReceived.url, 'http://x');
    expect(url.pathname).toBe('/graphql');
    expect(Object.fromEntries(url.searchParams)).toEqual(Object.fromEntries(search));
    expect(getReceived.headers['apollo-require-preflight']).toBe('true');
    expect(optionsReceived.method).toBe('OPTIONS');
    expect(optionsReceived.headers['access-control-request-method']).toBe('POST');
  });

  it('returns every Set-Cookie, and the API status and body as they are', async () => {
    const { web } = await setup((_request, response) => {
      response.writeHead(201, [
        ['content-type', 'application/json'],
        ['set-cookie', 'taskboard_session=s1; Path=/; HttpOnly; SameSite=Lax'],
        ['set-cookie', 'theme=dark; Path=/'],
        ['set-cookie', 'old=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
        ['x-api-version', '7'],
      ]);
      response.end('{"data":{"signIn":{"user":{"id":"1"}}}}');
    });
    const response = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"mutation { signIn }"}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual([
      'taskboard_session=s1; Path=/; HttpOnly; SameSite=Lax',
      'theme=dark; Path=/',
      'old=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ]);
    expect(response.headers.get('x-api-version')).toBe('7');
    expect(await response.json()).toEqual({ data: { signIn: { user: { id: '1' } } } });
  });

  it('passes a sane x-request-id both ways, replaces a bad one, and makes one when there is none', async () => {
    const { web, api } = await setup((_request, response) => {
      // The API echoes the id it got; the browser must see the one this server logged.
      response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'from-the-api' });
      response.end('{"data":{}}');
    });
    const send = (headers: Record<string, string>) =>
      fetch(`${web.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"query":"{ __typename }"}',
      });

    const given = await send({ 'x-request-id': 'ingress-7f3a.42' });
    expect(given.headers.get('x-request-id')).toBe('ingress-7f3a.42');
    expect(api.received[0]!.headers['x-request-id']).toBe('ingress-7f3a.42');
    const lines = web.logs.filter((line) => line.reqId === 'ingress-7f3a.42').map((line) => line.msg);
    expect(lines).toEqual(['incoming request', 'request completed']);

    for (const bad of ['has spaces in it', 'x'.repeat(129), '<script>']) {
      const replaced = await send({ 'x-request-id': bad });
      const id = replaced.headers.get('x-request-id')!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(api.received.at(-1)!.headers['x-request-id']).toBe(id);
    }
    const generated = await send({});
    const id = generated.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(api.received.at(-1)!.headers['x-request-id']).toBe(id);
    expect(web.logs.some((line) => line.reqId === id && line.msg === 'request completed')).toBe(true);
  });

  it('drops hop-by-hop headers both ways and keeps its own security headers', async () => {
    const { web, api } = await setup((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        connection: 'keep-alive, x-upstream-hop',
        'keep-alive': 'timeout=1',
        'x-upstream-hop': 'private to the hop',
        'content-security-policy': "default-src *; script-src 'unsafe-eval'",
        'x-frame-options': 'ALLOWALL',
      });
      response.end('{"data":{}}');
    });
    const response = await rawRequest(`${web.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        connection: 'keep-alive, x-client-hop',
        'keep-alive': 'timeout=5',
        'x-client-hop': 'private to the hop',
        'proxy-authorization': 'Basic c2VjcmV0',
        te: 'trailers',
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-proto': 'https',
      },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(200);
    const received = api.received[0]!.headers;
    for (const name of ['x-client-hop', 'keep-alive', 'proxy-authorization', 'te']) {
      expect(received[name], name).toBeUndefined();
    }
    // the ingress's word on the client and the scheme, with this hop appended
    expect(received['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(received['x-forwarded-proto']).toBe('https');

    expect(response.headers['x-upstream-hop']).toBeUndefined();
    expect(response.headers['keep-alive']).not.toBe('timeout=1');
    expect(response.headers['content-security-policy']).toBe(expectedCsp(new URL(web.url).host));
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('streams the answer: the browser gets the first bytes before the API has finished', async () => {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const { web } = await setup((_request, response) => {
      response.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"; deferSpec=20220824' });
      response.write('first part\r\n');
      void finished.then(() => response.end('last part\r\n'));
    });
    const response = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first part\r\n');
    finish();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += new TextDecoder().decode(chunk.value);
    }
    expect(rest).toBe('last part\r\n');
  });
});

describe('limits and failures', () => {
  const padded = (bytes: number) => {
    const shell = JSON.stringify({ query: '{ __typename }', variables: { padding: '' } });
    return JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(bytes - shell.length) } });
  };

  it(`answers 413 to bodies over ${BODY_LIMIT / 1024} kB without calling the API`, async () => {
    const { web, api } = await setup(ok);
    expect(padded(BODY_LIMIT + 1)).toHaveLength(BODY_LIMIT + 1);
    const tooLarge = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: padded(BODY_LIMIT + 1),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await tooLarge.json()).toEqual({
      errors: [{ message: 'The request body is larger than 100 kB.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    // Without a Content-Length (chunked), the limit is counted as the bytes arrive.
    const chunked = await rawRequest(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: Array.from({ length: 11 }, () => Buffer.alloc(10 * 1024, 0x20)),
    });
    expect(chunked.status).toBe(413);
    expect(api.received).toHaveLength(0);

    const atLimit = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: padded(BODY_LIMIT),
    });
    expect(atLimit.status).toBe(200);
    expect(api.received[0]!.body.length).toBe(BODY_LIMIT);
  });

  it('answers 502 with a GraphQL error when nothing listens at GATEWAY_API_URL', async () => {
    const web = await startWeb({
      STATIC_DIR: staticDir.dir,
      GATEWAY_API_URL: `http://127.0.0.1:${await freePort()}/graphql`,
    });
    cleanup.push(() => web.close());
    for (const init of [
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' },
      { method: 'GET' },
    ]) {
      const response = await fetch(`${web.url}/graphql?query=%7B__typename%7D`, init);
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      expect(await response.json()).toEqual({
        errors: [{ message: 'The API is unreachable. Please retry in a moment.', extensions: { code: 'BAD_GATEWAY' } }],
      });
    }
    expect(web.logs.some((line) => line.msg === 'the API is unreachable: 502' && line.reqId)).toBe(true);
  });

  it('answers 502 when the API drops the connection without answering', async () => {
    const { web } = await setup((_request, response) => response.socket?.destroy());
    const response = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'BAD_GATEWAY',
    );
  });

  it('answers 504 when the API does not answer within PROXY_TIMEOUT_SECONDS', async () => {
    const { web, api } = await setup(() => {}, { PROXY_TIMEOUT_SECONDS: '1' });
    const started = Date.now();
    const response = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ slow }"}',
    });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The API did not answer in time. Please retry in a moment.',
          extensions: { code: 'GATEWAY_TIMEOUT' },
        },
      ],
    });
    expect(api.received).toHaveLength(1);
    // not before the deadline (no upper bound: this machine is shared)
    expect(elapsed).toBeGreaterThanOrEqual(950);
    console.log(`504 after ${elapsed} ms with PROXY_TIMEOUT_SECONDS=1`);
  });

  it('cuts an answer that stalls halfway once PROXY_TIMEOUT_SECONDS is up', async () => {
    const { web } = await setup(
      (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"data":');
      },
      { PROXY_TIMEOUT_SECONDS: '1' },
    );
    const response = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ slow }"}',
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    // the server itself is fine
    await eventually(5, async () => (await fetch(`${web.url}/healthz`)).status === 200, { intervalMs: 25 });
  });

  it('lets a slow answer through when it comes within the deadline', async () => {
    const { web } = await setup(
      (request, response) => {
        void sleep(300).then(() => ok(request, response, undefined as never));
      },
      { PROXY_TIMEOUT_SECONDS: '5' },
    );
    const response = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ me { id } }"}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { me: null } });
  });
});
