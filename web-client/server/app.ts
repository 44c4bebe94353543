// The production web server (Fastify): security headers, the built client, /graphql proxied to
// the API (HTTP and WebSockets), health endpoints for Kubernetes probes, and draining for a graceful
// shutdown. Used by index.ts and by the tests, which start the real thing on a free port.
import { access, constants } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import path from 'node:path';
import { enableDraining, serverOptions } from '@taskboard/server-kit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { BODY_LIMIT, CONNECT_TIMEOUT_MS, registerGraphqlProxy } from './proxy.js';
import { registerSecurityHeaders } from './security.js';
import { registerStaticFiles } from './static.js';
import { isWebSocketUpgrade, registerGraphqlWebSocketProxy } from './websocket.js';

/** Receiving one request, headers and body, may take this long; past it Node answers 408. Behind
 * an ingress this never happens; it stops a client that trickles bytes from holding a socket. */
const REQUEST_RECEIVE_TIMEOUT_MS = 60_000;

/** Every open WebSocket's two sides are pinged this often; a side silent for a whole round is cut off. */
const WEBSOCKET_HEARTBEAT_MS = 30_000;

export interface ServerOptions {
  /** defaults to JSON lines on stdout at config.logLevel */
  logger?: Logger;
  /** defaults to WEBSOCKET_HEARTBEAT_MS; the tests shorten it */
  webSocketHeartbeatMs?: number;
}

export async function buildServer(config: Config, options: ServerOptions = {}): Promise<FastifyInstance> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const app = Fastify({
    ...serverOptions({
      logger: logger as FastifyBaseLogger,
      quietPaths: ['/healthz', '/readyz'],
      requestTimeoutMs: REQUEST_RECEIVE_TIMEOUT_MS,
    }),
    // Only WebSocket upgrades reach the 'upgrade' listener (websocket.ts); any other Upgrade header
    // (h2c from curl --http2) is served as the plain HTTP/1.1 request it also is, as before.
    http: { shouldUpgradeCallback: isWebSocketUpgrade },
  });
  // x-request-id on every answer (the same id the API logs), and draining
  const { isDraining } = enableDraining(app);

  // 5xx details (a path on disk, a socket error) are for the logs, not for the browser.
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      message: status >= 500 ? 'Internal server error' : error.message,
    });
  });

  await registerSecurityHeaders(app, { production: config.nodeEnv === 'production' });

  /** liveness: the process is up and its event loop turns; never depends on the API */
  app.get('/healthz', async () => ({ status: 'ok' }));

  /**
   * readiness: the client's files can be read and we are not draining. The API's health is NOT
   * part of it: every replica shares the one API, so an API outage would take all of them out of
   * the Service at once, and browsers would get the ingress's bare 503 instead of the app, which
   * stays usable enough to say "the API is unreachable, retry" (our 502) and recovers by itself.
   * The API has its own probes; the same reasoning keeps the database out of its readiness.
   */
  const indexFile = path.join(config.staticDir, 'index.html');
  app.get('/readyz', async (_request, reply) => {
    if (isDraining()) return reply.code(503).send({ status: 'shutting down' });
    try {
      await access(indexFile, constants.R_OK);
    } catch (error) {
      app.log.error({ err: error }, 'readiness check: the client build cannot be read');
      return reply.code(503).send({ status: 'static files unreadable' });
    }
    return { status: 'ready' };
  });

  // Before the HTTP proxy: its hook must be in place when that plugin's scope is made.
  registerGraphqlWebSocketProxy(app, {
    upstream: config.gatewayApiUrl,
    connectTimeoutMs: Math.min(CONNECT_TIMEOUT_MS, config.proxyTimeoutSeconds * 1000),
    // what a POST body may hold, for a message on the socket too
    maxMessageBytes: BODY_LIMIT,
    heartbeatMs: options.webSocketHeartbeatMs ?? WEBSOCKET_HEARTBEAT_MS,
    // closing every socket at shutdown takes at most this: half of SHUTDOWN_TIMEOUT_SECONDS, 5 s at most
    closeTimeoutMs: Math.min(5_000, config.shutdownTimeoutSeconds * 500),
    isDraining,
  });
  await registerGraphqlProxy(app, { upstream: config.gatewayApiUrl, timeoutMs: config.proxyTimeoutSeconds * 1000 });
  await registerStaticFiles(app, config.staticDir);
  return app;
}
