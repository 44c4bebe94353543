// The HTTP server (Fastify): health endpoints for Kubernetes probes and graceful shutdown. The
// GraphQL endpoint is mounted here by the API module.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { LIMITS } from '../graphql/limits.js';
import type { Logger } from '../lib/logger.js';

const PROBES = new Set(['/healthz', '/readyz']);

export interface ServerDeps {
  logger: Logger;
  /** resolves when the database answers; rejects otherwise */
  pingDatabase: () => Promise<void>;
  metrics: Registry;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // an access log line per request, except the probes Kubernetes sends every few seconds
    logController: new LogController({ disableRequestLogging: (request) => PROBES.has(request.url) }),
    // Kubernetes and the web client's proxy both pass a request id; keep it for log correlation.
    requestIdHeader: 'x-request-id',
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
      await withTimeout(deps.pingDatabase(), 2000);
      databaseSeen = true;
    } catch (error) {
      database = 'down';
      deps.logger.warn({ err: error }, 'readiness check: database unreachable');
    }
    if (!databaseSeen) return reply.code(503).send({ status: 'starting', database });
    return { status: 'ready', database };
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  app.addHook('onClose', async () => {
    draining = true;
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
