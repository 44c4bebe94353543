// The server's testkit: a built client in a temporary directory, the real server on a free port
// with its log lines captured, and a stand-in API (a plain node:http server) that records exactly
// what reached it.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../app.js';
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
export async function startWeb(env: Record<string, string>): Promise<Web> {
  const config = loadConfig({ LOG_LEVEL: 'info', ...env });
  const logs: LogLine[] = [];
  const logger = createLogger({
    level: config.logLevel,
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  });
  const app = await buildServer(config, { logger });
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

/** The exact header value the brief asks for (helmet joins directives with ";"). */
export const EXPECTED_CSP =
  "default-src 'self';script-src 'self';style-src 'self';style-src-attr 'unsafe-inline';img-src 'self' data:;" +
  "font-src 'self';connect-src 'self';worker-src 'self' blob:;frame-ancestors 'none';base-uri 'self';" +
  "form-action 'self';object-src 'none'";
