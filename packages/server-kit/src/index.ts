// @taskboard/server-kit: what the two Fastify services (gateway-api, web-client's server) share,
// written once: request ids that follow a request across the proxy and the API, the WebSocket origin check, quiet probes,
// draining so that a rolling update loses no request, configuration errors, and the process's start
// and graceful stop.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';

/** Ids we accept from the caller: they go into every log line, so keep them short and plain. */
export const REQUEST_ID_PATTERN = /^[\w.:@/+=-]{1,128}$/;

/**
 * The caller's `x-request-id` (ingress controllers and the web client's proxy set one), or a new
 * UUID: Fastify's own ids (req-1, req-2, ...) repeat across replicas and restarts.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

// Whether a WebSocket handshake comes from a page of this very origin: the check that stands in for
// CSRF protection on /graphql's WebSockets (SameSite=Lax does not stop a sibling subdomain), in the
// web client's proxy, in Vite's dev server and in the API.
/**
 * The Origin header's host (and port) against the Host the browser connected to (an ingress passes
 * Host on unchanged: Traefik's passHostHeader and ingress-nginx both do by default). No Origin: not
 * a browser (browsers send it with every WebSocket handshake), so no CSRF to fear: allowed.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  try {
    const page = new URL(origin);
    if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
    // Host carries no scheme: read it with the page's, so that default ports compare equal.
    const asked = new URL(`${page.protocol}//${host}`);
    return asked.host === page.host && asked.pathname === '/' && !asked.username;
  } catch {
    // "null" (a sandboxed frame, a file), or a Host that is no host at all
    return false;
  }
}

/** Every problem found in a service's environment, reported at once, and where the variables are documented. */
export class ConfigError extends Error {
  readonly issues: string[];

  constructor(issues: string[], documentedIn: string) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `  - ${issue}`).join('\n') +
        `\nSee ${documentedIn} for every variable and its default.`,
    );
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * The largest GraphQL request body, in bytes: the API refuses larger ones (413), and the web
 * client's proxy refuses them before calling the API.
 */
export const GRAPHQL_BODY_LIMIT = 100 * 1024;

export interface ServerBasics {
  logger: FastifyBaseLogger;
  /** polled every few seconds (probes, Prometheus): an access log line each would drown the rest */
  quietPaths: readonly string[];
  bodyLimit?: number;
  /** receiving one request, headers and body, may take this long; past it Node answers 408 */
  requestTimeoutMs?: number;
}

/** Fastify's options for either service. */
export function serverOptions(basics: ServerBasics): FastifyServerOptions & { loggerInstance: FastifyBaseLogger } {
  const quiet = new Set(basics.quietPaths);
  return {
    loggerInstance: basics.logger,
    logController: new LogController({ disableRequestLogging: (request) => quiet.has(request.url) }),
    genReqId: requestIdOf,
    // Stop accepting new keep-alive requests during shutdown.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ...(basics.bodyLimit === undefined ? {} : { bodyLimit: basics.bodyLimit }),
    ...(basics.requestTimeoutMs === undefined ? {} : { requestTimeout: basics.requestTimeoutMs }),
  };
}

/**
 * Names every response's request (`x-request-id`) and drains on close: from `startDraining()` or
 * `close()` on, `isDraining()` is true (readiness answers 503, so load balancers stop sending
 * traffic) and every answer closes its connection, since closing the server only ends the
 * connections that are idle at that moment: one whose request was in flight would otherwise stay
 * open (keep-alive) after its answer and hold the shutdown up.
 */
export function enableDraining(app: FastifyInstance): { isDraining: () => boolean } {
  let draining = false;
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) void reply.header('connection', 'close');
  });
  // An answer whose headers went out before draining began (a stream, a file) said keep-alive: once
  // it is done, its connection is idle but still open, and would hold the close up until the client
  // or the keep-alive timeout (72 s) ends it. Close it as it becomes idle.
  app.addHook('onResponse', async () => {
    if (draining) setImmediate(() => app.server.closeIdleConnections());
  });
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.decorate('startDraining', () => {
    draining = true;
  });
  return { isDraining: () => draining };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** marks the server not ready, so load balancers stop sending traffic before it closes */
    startDraining(): void;
  }
}

// A service process's life: read the configuration (a ConfigError is one clear message and exit 1),
// start, and stop cleanly on SIGTERM/SIGINT (Kubernetes sends SIGTERM, then SIGKILL after its grace
// period), or when the supervisor that started it over IPC (`npm start`) goes away.
export interface ServiceLogger {
  info(fields: Record<string, unknown>, message: string): void;
  info(message: string): void;
}

export interface StartedService {
  logger: ServiceLogger;
  /** how long in-flight requests may take after a stop signal before the process exits anyway */
  shutdownTimeoutSeconds: number;
  /** begins serving; called once the stop signals are handled */
  listen(): Promise<void>;
  /** stops accepting, finishes in-flight requests and releases what the service holds */
  stop(): Promise<void>;
}

/** Runs a service: `start` reads its configuration and builds it; nothing is served before `listen`. */
export function runService(name: string, start: () => Promise<StartedService>): void {
  void run(name, start).catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(`${name} cannot start. ${error.message}`);
    else console.error(`${name} failed to start:`, error);
    process.exit(1);
  });
}

async function run(name: string, start: () => Promise<StartedService>): Promise<void> {
  const service = await start();
  const { logger, shutdownTimeoutSeconds } = service;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Armed first, so that nothing below (even a log write to a closed pipe) can keep us alive.
    setTimeout(() => {
      console.error(`${name}: in-flight requests did not finish within ${shutdownTimeoutSeconds} s; exiting`);
      process.exit(1);
    }, shutdownTimeoutSeconds * 1000).unref();
    try {
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      await service.stop();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      console.error(`${name}: error during shutdown`, error);
      process.exit(1);
    }
  };
  // Logs go to stdout; if whoever reads it goes away, keep serving rather than crash on EPIPE.
  process.stdout.on('error', () => {});
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  if (process.send) process.on('disconnect', () => void shutdown('supervisor exited'));

  await service.listen();
}
