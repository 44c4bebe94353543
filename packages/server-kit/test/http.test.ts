// serverOptions and enableDraining on a real Fastify server, over real sockets.
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableDraining, GRAPHQL_BODY_LIMIT, requestIdOf, serverOptions } from '@taskboard/server-kit';

const silent = pino({ level: 'silent' }) as FastifyBaseLogger;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function serve() {
  const app = Fastify(serverOptions({ logger: silent, quietPaths: ['/healthz'], bodyLimit: GRAPHQL_BODY_LIMIT }));
  const draining = enableDraining(app);
  app.get('/', async () => ({ draining: draining.isDraining() }));
  app.post('/', async (request) => ({ bytes: JSON.stringify(request.body).length }));
  // an answer whose headers go out at once and whose body ends when the test says
  const streams: PassThrough[] = [];
  app.get('/stream', async () => {
    const body = new PassThrough();
    body.write('first part;');
    streams.push(body);
    return body;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  closers.push(() => app.close());
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  closers.push(async () => agent.destroy());
  const { port } = app.server.address() as AddressInfo;
  const call = (
    options: {
      path?: string;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      onHeaders?: () => void;
    } = {},
  ) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: options.path ?? '/',
            agent,
            method: options.method ?? 'GET',
            headers: options.headers,
          },
          (response) => {
            options.onHeaders?.();
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
          },
        );
        req.on('error', reject);
        req.end(options.body);
      },
    );
  return { app, call, streams };
}

describe('requestIdOf', () => {
  const of = (value?: string) =>
    requestIdOf({ headers: value === undefined ? {} : { 'x-request-id': value } } as never);

  it("keeps the caller's plain id", () => {
    expect(of('ingress-7f3a:1')).toBe('ingress-7f3a:1');
  });

  it.each([['a'.repeat(129)], ['has space'], ['new\nline'], ['']])('replaces %j with a new UUID', (given) => {
    expect(of(given)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes a new UUID when none is given, a different one each time', () => {
    expect(of()).not.toBe(of());
  });
});

describe('enableDraining', () => {
  it("echoes the request's id on every answer", async () => {
    const { call } = await serve();
    const answer = await call({ headers: { 'x-request-id': 'trace-42' } });
    expect(answer.headers['x-request-id']).toBe('trace-42');
  });

  it('keeps connections open until draining starts, then closes each after its answer', async () => {
    const { app, call } = await serve();
    const before = await call();
    expect(JSON.parse(before.body)).toEqual({ draining: false });
    expect(before.headers.connection).toBe('keep-alive');

    app.startDraining();
    const during = await call();
    expect(JSON.parse(during.body)).toEqual({ draining: true });
    expect(during.headers.connection).toBe('close');
  });

  it('closes at once when an answer that began before draining ends after it, on a kept-alive connection', async () => {
    const { app, call, streams } = await serve();
    let closing: Promise<unknown> | undefined;
    const answer = call({ path: '/stream', onHeaders: () => (closing = app.close()) });
    await vi.waitFor(() => expect(closing).toBeDefined());
    streams[0]!.end('last part');
    expect((await answer).headers.connection).toBe('keep-alive');
    expect((await answer).body).toBe('first part;last part');
    // Without the onResponse hook the client's idle connection holds the close up for Fastify's
    // keep-alive timeout (72 s): this would time out.
    const closedIn = await Promise.race([
      closing!.then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still open after 5 s'), 5_000)),
    ]);
    expect(closedIn).toBe('closed');
  });
});

describe('serverOptions', () => {
  it(`refuses bodies over the GraphQL limit (${GRAPHQL_BODY_LIMIT} bytes) with 413`, async () => {
    const { call } = await serve();
    const body = (size: number) => JSON.stringify({ query: 'x'.repeat(size - 12) });
    expect(body(GRAPHQL_BODY_LIMIT)).toHaveLength(GRAPHQL_BODY_LIMIT);
    const headers = { 'content-type': 'application/json' };
    expect((await call({ method: 'POST', headers, body: body(GRAPHQL_BODY_LIMIT) })).status).toBe(200);
    expect((await call({ method: 'POST', headers, body: body(GRAPHQL_BODY_LIMIT + 1) })).status).toBe(413);
  });
});
