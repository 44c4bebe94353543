// The HTTP server (Fastify): request ids, health endpoints for Kubernetes probes, metrics and
// graceful shutdown. app.ts mounts the GraphQL endpoint (/graphql) on it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { LIMITS } from '../graphql/limits.js';
import { withDeadline } from '../db/timeouts.js';
import type { Logger } from '../lib/logger.js';
import { inRequestScope } from '../lib/request-scope.js';

/** Polled every few seconds (probes, Prometheus): an access log line each would drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** How long /readyz waits for the database before calling it down; a readiness probe's
 * timeoutSeconds (Kubernetes' default is 1 s) must be longer, or a slow database reads as a dead pod. */
const READINESS_PING_TIMEOUT_MS = 2_000;

/** Ids we accept from the caller: they go into every log line, so keep them short and plain. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export interface ServerDeps {
  logger: Logger;
  /** resolves when the database answers; rejects otherwise */
  pingDatabase: () => Promise<void>;
  metrics: Registry;
  /** how long all of one request's database work may take */
  requestTimeoutMs: number;
}

/** The caller's `x-request-id` (the web client's proxy and ingress controllers set one), or a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: (request) => QUIET_PATHS.has(request.url) }),
    // Fastify's own ids (req-1, req-2, ...) repeat across replicas and restarts; UUIDs do not.
    genReqId: requestIdOf,
    // Stop accepting new keep-alive requests during shutdown.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    bodyLimit: LIMITS.bodyLimit,
  });
  let draining = false;
  let databaseSeen = false;

  // Every response names its request, for log correlation across the web client's proxy and us.
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Entered after the body is parsed (stream events run outside any scope), so that the handler
  // and everything it awaits see the request's logger, and its deadline for database work.
  app.addHook('preHandler', (request, _reply, done) =>
    inRequestScope(request.log as Logger, () => withDeadline(Date.now() + deps.requestTimeoutMs, done)),
  );

  /** liveness: the process is up and its event loop turns; never depends on the database */
  app.get('/healthz', async () => ({ status: 'ok' }));

  /**
   * readiness: 503 while starting (until the database has answered once) and while draining. A
   * database outage later does NOT make the pod unready: every replica shares the database, so
   * taking them all out of the Service would turn clear DATABASE_UNAVAILABLE answers into
   * connection errors at the proxy. The body says whether the database answers right now.
   */
  app.get('/readyz', async (_request, reply) => {
    if (draining) return reply.code(503).send({ status: 'shutting down' });
    let database: 'up' | 'down' = 'up';
    try {
      await withTimeout(deps.pingDatabase(), READINESS_PING_TIMEOUT_MS);
      databaseSeen = true;
    } catch (error) {
      database = 'down';
      deps.logger.warn({ err: error }, 'readiness check: database unreachable');
    }
    // Draining may have begun while we waited for the database.
    if (draining) return reply.code(503).send({ status: 'shutting down' });
    if (!databaseSeen) return reply.code(503).send({ status: 'starting', database });
    return { status: 'ready', database };
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  app.addHook('preClose', async () => {
    draining = true;
  });
  // Closing the server only ends connections that are idle at that moment: one whose request was
  // in flight would otherwise stay open (keep-alive) after its answer and hold the shutdown up.
  app.addHook('onSend', async (_request, reply) => {
    if (draining) void reply.header('connection', 'close');
  });
  app.decorate('startDraining', () => {
    draining = true;
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** marks the server not ready, so load balancers stop sending traffic before it closes */
    startDraining(): void;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
