// What the three comparison servers share: the same configuration as gateway-api (its own loader,
// so the same DATABASE_URL, DATABASE_POOL_SIZE, SESSION_SECRET and NODE_ENV), a plain node:http
// server with /readyz, the session cookie, and a clean SIGTERM.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { loadConfig, sessionCookieName, type Config } from 'gateway-api/config';

export function config(): Config {
  return loadConfig();
}

const BODY_LIMIT = 100 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The session token from the request's cookie header (the same cookie name gateway-api sets). */
export function sessionToken(req: IncomingMessage, production: boolean): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const name = `${sessionCookieName(production)}=`;
  for (const part of header.split(';')) {
    const trimmed = part.trim();
    if (trimmed.startsWith(name)) return decodeURIComponent(trimmed.slice(name.length));
  }
  return undefined;
}

export function sessionCookie(res: ServerResponse, production: boolean) {
  return {
    set(token: string, expiresAt: Date) {
      res.setHeader(
        'set-cookie',
        `${sessionCookieName(production)}=${token}; Path=/; Expires=${expiresAt.toUTCString()}; HttpOnly; SameSite=Lax${production ? '; Secure' : ''}`,
      );
    },
    clear() {
      res.setHeader('set-cookie', `${sessionCookieName(production)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
    },
  };
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * node:http with /healthz, /readyz (200 once the database has answered) and `graphql` on /graphql.
 * Stops on SIGTERM/SIGINT: closes the server, then `close`.
 */
export async function serve(options: {
  config: Config;
  ping: () => Promise<unknown>;
  graphql: Handler;
  close: () => Promise<void>;
}): Promise<void> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const fail = (error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"errors":[{"message":"internal error"}]}');
    };
    if (path === '/graphql') {
      options.graphql(req, res).catch(fail);
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/readyz') {
      options.ping().then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}'),
        () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"starting"}'),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  // Like Node's default for Fastify and Apollo's standalone server: keep-alive connections from the load generator.
  server.keepAliveTimeout = 72_000;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      options.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await new Promise<void>((resolve) => server.listen(options.config.port, options.config.host, resolve));
}

/** Apollo Server behind node:http, as @apollo/server/standalone does it (without CORS). */
export function apolloHandler<C extends BaseContext>(
  apollo: ApolloServer<C>,
  context: (req: IncomingMessage, res: ServerResponse) => Promise<C>,
): Handler {
  return async (req, res) => {
    const text = req.method === 'POST' ? await readBody(req) : '';
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"invalid JSON"}]}');
      return;
    }
    const url = req.url ?? '/';
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
        body,
      },
      context: () => context(req, res),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
