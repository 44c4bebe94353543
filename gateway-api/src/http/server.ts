// The HTTP server (Fastify): health endpoints for Kubernetes probes and graceful shutdown. The
// GraphQL endpoint is mounted here by the API module.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../lib/logger.js';

const PROBES = new Set(['/healthz', '/readyz']);

export interface ServerDeps {
  logger: Logger;
  /** resolves when the database answers; rejects otherwise */
  pingDatabase: () => Promise<void>;
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
  });
  let draining = false;

  /** liveness: the process is up and its event loop turns; never depends on the database */
  app.get('/healthz', async () => ({ status: 'ok' }));

  /** readiness: able to serve requests (database reachable, not shutting down) */
  app.get('/readyz', async (_request, reply) => {
    if (draining) return reply.code(503).send({ status: 'shutting down' });
    try {
      await withTimeout(deps.pingDatabase(), 2000);
      return { status: 'ready' };
    } catch (error) {
      deps.logger.warn({ err: error }, 'readiness check failed: database unreachable');
      return reply.code(503).send({ status: 'database unavailable' });
    }
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
