// The HTTP server (Fastify): request ids, health endpoints for Kubernetes probes, metrics and
// graceful shutdown. app.ts mounts the GraphQL endpoint (/graphql) on it.
import { enableDraining, serverOptions } from '@taskboard/server-kit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { LIMITS } from '../graphql/limits.js';
import { tlsVerificationFailure } from '../db/errors.js';
import { withDeadline } from '../db/timeouts.js';
import type { Logger } from '../lib/logger.js';
import { inRequestScope } from '../lib/request-scope.js';

/** How long /readyz waits for the database before calling it down; a readiness probe's
 * timeoutSeconds (Kubernetes' default is 1 s) must be longer, or a slow database reads as a dead pod. */
const READINESS_PING_TIMEOUT_MS = 2_000;

export interface ServerDeps {
  logger: Logger;
  /** resolves when the database answers; rejects otherwise */
  pingDatabase: () => Promise<void>;
  metrics: Registry;
  /** how long all of one request's database work may take */
  requestTimeoutMs: number;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify(
    serverOptions({
      logger: deps.logger as FastifyBaseLogger,
      quietPaths: ['/healthz', '/readyz', '/metrics'],
      bodyLimit: LIMITS.bodyLimit,
    }),
  );
  // x-request-id on every answer (one id across the web client's proxy and us), and draining
  const { isDraining } = enableDraining(app);
  let databaseSeen = false;

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
    if (isDraining()) return reply.code(503).send({ status: 'shutting down' });
    let database: 'up' | 'down' = 'up';
    try {
      await withTimeout(deps.pingDatabase(), READINESS_PING_TIMEOUT_MS);
      databaseSeen = true;
    } catch (error) {
      database = 'down';
      const tls = tlsVerificationFailure(error);
      if (tls) deps.logger.error({ err: error }, `readiness check: ${tls}`);
      else deps.logger.warn({ err: error }, 'readiness check: database unreachable');
    }
    // Draining may have begun while we waited for the database.
    if (isDraining()) return reply.code(503).send({ status: 'shutting down' });
    if (!databaseSeen) return reply.code(503).send({ status: 'starting', database });
    return { status: 'ready', database };
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  return app;
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
