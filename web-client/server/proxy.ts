// /graphql over HTTP, proxied to the API (its WebSockets: websocket.ts). Responses stream through;
// the browser's cookies, the request id and the headers Apollo's CSRF prevention looks at
// (content-type, apollo-require-preflight, x-apollo-operation-name) reach the API unchanged, and
// every Set-Cookie comes back.
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import fastifyHttpProxy from '@fastify/http-proxy';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawServerBase,
  RouteGenericInterface,
} from 'fastify';
import { SECURITY_HEADERS } from './security.js';
import { GRAPHQL_BODY_LIMIT } from '@taskboard/server-kit';

/** Request bodies, bytes: the API's own limit (server-kit's GRAPHQL_BODY_LIMIT), enforced here
 * first so that an oversized body never ties up a connection to the API. */
export const BODY_LIMIT = GRAPHQL_BODY_LIMIT;

/** Reaching the API inside the cluster takes milliseconds; this long means it is not there. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** Headers that describe one connection, not the request: RFC 9110 7.6.1, plus `expect`, which
 * Node has already answered (100-continue) and the upstream client cannot send. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
];

const UNREACHABLE = 'The API is unreachable. Please retry in a moment.';
const TIMED_OUT = 'The API did not answer in time. Please retry in a moment.';
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

export interface ProxyOptions {
  /** the API's GraphQL endpoint */
  upstream: URL;
  /** the longest a request may take, from its last byte received to the last byte of the answer */
  timeoutMs: number;
}

// The proxy's hooks are typed for any kind of server (HTTP/2 too); so are the helpers they call.
type AnyRequest = FastifyRequest<RouteGenericInterface, RawServerBase>;
type AnyReply = FastifyReply<RouteGenericInterface, RawServerBase>;

/** An error in the shape GraphQL clients read (Apollo Client shows `errors[0].message`). */
export function graphqlError(reply: AnyReply, status: number, code: string, message: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code } }] });
}

export async function registerGraphqlProxy(app: FastifyInstance, options: ProxyOptions) {
  const { upstream, timeoutMs } = options;
  // Requests whose deadline passed before the API answered; their late answer is dropped.
  const expired = new WeakSet<AnyRequest>();

  await app.register(async (scope) => {
    // Bodies are read whole (at most BODY_LIMIT) before the API is called: Fastify then answers
    // 413 without the API seeing anything, and a slow client never holds an API connection. The
    // bytes go on untouched (a stream: given a Buffer, the proxy would re-encode JSON bodies and
    // rewrite Content-Type, which Apollo's CSRF prevention reads).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
      done(null, (body as Buffer).length ? Readable.from([body]) : undefined);
    });

    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return graphqlError(
          reply,
          413,
          'PAYLOAD_TOO_LARGE',
          `The request body is larger than ${BODY_LIMIT / 1024} kB.`,
        );
      }
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'proxying /graphql failed');
      return graphqlError(
        reply,
        status,
        status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST',
        status === 500 ? 'Internal server error.' : error.message,
      );
    });

    // The overall deadline. The upstream client's own timeouts bound each phase (connect, wait for
    // the headers, each pause in the body); this bounds their sum.
    scope.addHook('preHandler', async (request, reply) => {
      const timer = setTimeout(() => {
        if (reply.raw.writableEnded) return;
        request.log.warn({ timeoutMs }, 'the API did not answer within PROXY_TIMEOUT_SECONDS');
        if (!reply.raw.headersSent) {
          expired.add(request);
          void graphqlError(reply, 504, 'GATEWAY_TIMEOUT', TIMED_OUT);
        } else {
          // Half an answer is already on its way: only cutting the connection tells the client.
          reply.raw.destroy();
        }
      }, timeoutMs);
      reply.raw.once('close', () => clearTimeout(timer));
    });

    await scope.register(fastifyHttpProxy, {
      upstream: upstream.href,
      prefix: '/graphql',
      // exactly /graphql (not /graphql/...), to the upstream's path (its URL's pathname)
      routes: [''],
      httpMethods: ['GET', 'POST', 'OPTIONS'],
      proxyPayloads: false,
      // Fastify's request log lines (with reqId) cover each request; the proxy's own add nothing.
      disableRequestLogging: true,
      undici: {
        connect: { timeout: Math.min(CONNECT_TIMEOUT_MS, timeoutMs), rejectUnauthorized: true },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      replyOptions: {
        // No retries: the browser's client decides whether to retry, and a retried request would
        // leave the first answer unread.
        retryDelay: () => null,
        rewriteRequestHeaders: (request, headers) => forwardedRequestHeaders(request, headers as IncomingHttpHeaders),
        rewriteHeaders: (headers) => returnedResponseHeaders(headers as IncomingHttpHeaders),
        onResponse: (request, reply, response) => {
          if (expired.has(request)) {
            response.stream.destroy();
            return;
          }
          void reply.send(response.stream);
        },
        onError: (reply, { error }) => {
          if (reply.raw.headersSent) return;
          const cause = (error as Error & { cause?: { code?: string } }).cause;
          const timedOut = (error as FastifyError).statusCode === 504 || TIMEOUT_CODES.has(cause?.code ?? '');
          reply.log.warn(
            { upstream: upstream.origin, code: cause?.code ?? (error as FastifyError).code },
            timedOut ? 'the API did not answer in time: 504' : 'the API is unreachable: 502',
          );
          void (timedOut
            ? graphqlError(reply, 504, 'GATEWAY_TIMEOUT', TIMED_OUT)
            : graphqlError(reply, 502, 'BAD_GATEWAY', UNREACHABLE));
        },
      },
    });
  });
}

/** What the API gets: the client's headers without the hop-by-hop ones, plus where it came from.
 * WebSocket upgrades (websocket.ts) forward the same. */
export function forwardedRequestHeaders(request: AnyRequest, headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const forwarded: IncomingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete forwarded[name];
  const client = request.raw.headers;
  // The id this server logs the request under (the client's, when it sent a usable one).
  forwarded['x-request-id'] = request.id;
  // Appended, as each proxy in a chain does (the ingress in front of us started the list).
  forwarded['x-forwarded-for'] = [client['x-forwarded-for'], request.ip].filter(Boolean).join(', ');
  // TLS ends at the ingress: its word on the scheme is the one that counts.
  forwarded['x-forwarded-proto'] = client['x-forwarded-proto'] ?? request.protocol;
  forwarded['x-forwarded-host'] = client['x-forwarded-host'] ?? client.host;
  return forwarded;
}

/** What the browser gets: the API's headers without the hop-by-hop ones, or the ones this server owns. */
function returnedResponseHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const returned: IncomingHttpHeaders = { ...headers };
  const listed = typeof headers.connection === 'string' ? headers.connection.split(',') : [];
  for (const name of [...HOP_BY_HOP, ...listed.map((n) => n.trim().toLowerCase()), ...SECURITY_HEADERS]) {
    delete returned[name];
  }
  delete returned['x-request-id'];
  return returned;
}
