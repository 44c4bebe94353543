// The server's testkit: a built client in a temporary directory, the real server on a free port
// with its log lines captured, a stand-in API (a plain node:http server) that records exactly what
// reached it, and a stand-in API for WebSockets: a real graphql-ws server (graphql-transport-ws, as
// the API speaks it) with a tiny schema that has subscriptions.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import {
  createServer,
  STATUS_CODES,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import {
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  type GraphQLFieldConfig,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { buildServer, type ServerOptions } from '../app.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';

export const ASSET = '/assets/index-Ab12_-yZ.js';
export const ASSET_BODY = `console.log(${JSON.stringify('x'.repeat(2000))});\n`;
export const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Taskboard (test build)</title>
    <script type="module" crossorigin src="${ASSET}"></script></head>
  <body><div id="root"></div></body>
</html>
`;

/** A directory laid out as `vite build` leaves dist/public, with a gzipped copy of the asset. */
export async function createStaticDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'web-static-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(dir, ASSET), ASSET_BODY);
  await writeFile(path.join(dir, `${ASSET}.gz`), gzipSync(ASSET_BODY));
  await writeFile(path.join(dir, 'robots.txt'), 'User-agent: *\n');
  await writeFile(path.join(dir, '.env'), 'SECRET=1\n');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  [key: string]: unknown;
}

export interface Web {
  url: string;
  app: FastifyInstance;
  logs: LogLine[];
  close(): Promise<void>;
}

/** The real server (buildServer) on 127.0.0.1 and a free port; `env` as the process would get it. */
export async function startWeb(env: Record<string, string>, options: Omit<ServerOptions, 'logger'> = {}): Promise<Web> {
  const config = loadConfig({ LOG_LEVEL: 'info', ...env });
  const logs: LogLine[] = [];
  const logger = createLogger({
    level: config.logLevel,
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  });
  const app = await buildServer(config, { ...options, logger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, logs, close: () => app.close() };
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Upstream {
  /** the GraphQL endpoint, as GATEWAY_API_URL */
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A stand-in API: records each request, then lets `respond` answer it. */
export async function startUpstream(
  respond: (request: Received, response: ServerResponse, raw: IncomingMessage) => void,
): Promise<Upstream> {
  const received: Received[] = [];
  const server = createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const request = { method: raw.method!, url: raw.url!, headers: raw.headers, body: Buffer.concat(chunks) };
      received.push(request);
      respond(request, response, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- WebSockets ---------------------------------------------------------------------------------

export const SESSION_COOKIE = 'taskboard_session';

const subscription = <Args>(
  type: GraphQLFieldConfig<unknown, WsContext, Args>['type'],
  args: GraphQLFieldConfig<unknown, WsContext, Args>['args'],
  subscribe: (args: Args, context: WsContext) => AsyncGenerator<unknown>,
): GraphQLFieldConfig<unknown, WsContext, Args> => ({
  type,
  args,
  subscribe: (_root, fieldArgs, context) => subscribe(fieldArgs, context),
  resolve: (value) => value,
});

interface WsContext {
  /** the session cookie the connection was opened with, as the API would read it */
  session: string | null;
}

/** Query { hello }, Subscription { ticks(count, everyMs): 1, 2, ... count; session: the cookie } */
const WS_SCHEMA = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { hello: { type: GraphQLString, resolve: () => 'world' } } }),
  subscription: new GraphQLObjectType<unknown, WsContext>({
    name: 'Subscription',
    fields: {
      ticks: subscription<{ count: number; everyMs: number }>(
        new GraphQLNonNull(GraphQLInt),
        { count: { type: new GraphQLNonNull(GraphQLInt) }, everyMs: { type: GraphQLInt, defaultValue: 5 } },
        async function* ({ count, everyMs }) {
          for (let tick = 1; tick <= count; tick++) {
            await sleep(everyMs);
            yield tick;
          }
        },
      ),
      session: subscription<Record<string, never>>(GraphQLString, {}, async function* (_args, context) {
        yield context.session;
      }),
    },
  }),
});

export interface WsHandshake {
  url: string;
  headers: IncomingHttpHeaders;
}

export interface WsUpstream {
  /** the GraphQL endpoint, as GATEWAY_API_URL (http:, as the web server is configured) */
  url: string;
  /** every upgrade request that reached it, accepted or not */
  handshakes: WsHandshake[];
  /** its side of every connection it accepted, open or closed */
  sockets: WebSocket[];
  /** the close code and reason each of its sockets got, in the order they closed */
  closes: { code: number; reason: string }[];
  close(): Promise<void>;
}

export interface WsUpstreamOptions {
  /** answer every upgrade with this instead of a 101 */
  refuse?: { status: number; headers?: Record<string, string>; body?: string };
  /** false: never answer pings (a frozen process) */
  autoPong?: boolean;
}

/** A stand-in API for WebSockets: graphql-ws's own server (graphql-ws/use/ws) on `ws`, recording. */
export async function startWsUpstream(options: WsUpstreamOptions = {}): Promise<WsUpstream> {
  const handshakes: WsHandshake[] = [];
  const sockets: WebSocket[] = [];
  const closes: WsUpstream['closes'] = [];
  const server = createServer((_request, response) => {
    response.writeHead(404);
    response.end();
  });
  const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
  const graphqlWs = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      schema: WS_SCHEMA,
      context: (ctx): WsContext => {
        const cookie = ctx.extra.request.headers.cookie ?? '';
        const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]*)`).exec(cookie);
        return { session: match?.[1] ?? null };
      },
    },
    wss,
  );
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }));
  });
  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    handshakes.push({ url: request.url!, headers: request.headers });
    const { refuse } = options;
    if (refuse) {
      const body = refuse.body ?? '';
      const headers = { ...refuse.headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
      socket.end(`HTTP/1.1 ${refuse.status} ${STATUS_CODES[refuse.status]}\r\n${lines.join('\r\n')}\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    handshakes,
    sockets,
    closes,
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      await graphqlWs.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface Closed {
  code: number;
  reason: string;
}

/** A WebSocket opened as a browser would (with its Origin and cookie), and what happened to it. */
export interface BrowserSocket {
  ws: WebSocket;
  /** the answer to the handshake: 101, or the refusal */
  handshake: Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>;
  opened: Promise<void>;
  closed: Promise<Closed>;
  /** every message received, as text */
  messages: string[];
}

export function openSocket(
  url: string,
  options: { headers?: Record<string, string>; protocols?: string[]; autoPong?: boolean } = {},
): BrowserSocket {
  const ws = new WebSocket(url.replace(/^http/, 'ws'), options.protocols ?? ['graphql-transport-ws'], {
    headers: options.headers,
    autoPong: options.autoPong ?? true,
  });
  const messages: string[] = [];
  ws.on('message', (data) => messages.push(String(data)));
  ws.on('error', () => {}); // a refused handshake; its status is in `handshake`
  const handshake = new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve) => {
    ws.once('upgrade', (response) => resolve({ status: 101, headers: response.headers, body: '' }));
    ws.once('unexpected-response', (request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode!, headers: response.headers, body });
        request.destroy();
      });
    });
  });
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  const closed = new Promise<Closed>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { ws, handshake, opened, closed, messages };
}

/** The exact header value the brief asks for (helmet joins directives with ";"), for a page
 * loaded from `host`: WebSockets may go to that host only. */
export const expectedCsp = (host: string) =>
  "default-src 'self';script-src 'self';style-src 'self';style-src-attr 'unsafe-inline';img-src 'self' data:;" +
  `font-src 'self';connect-src 'self' ws://${host} wss://${host};worker-src 'self' blob:;frame-ancestors 'none';` +
  "base-uri 'self';form-action 'self';object-src 'none'";
