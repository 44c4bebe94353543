// Assembles the API: database, services, GraphQL schema and HTTP server. Used by main.ts and by
// the integration tests, which start the real thing on a free port.
import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { GRAPHQL_BODY_LIMIT } from '@taskboard/server-kit';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './config/config.js';
import { tryConnect } from './db/connection.js';
import { tlsVerificationFailure } from './db/errors.js';
import { createDatabase, type Database, type PrismaOptions } from './db/prisma.js';
import { createApollo } from './graphql/apollo.js';
import { findTrustedDocuments, readTrustedDocuments, type TrustedDocuments } from './graphql/trusted-documents.js';
import type { Context } from './modules/context.js';
import { mutationErrorsPlugin } from './graphql/errors.js';
import { createLoaders } from './modules/loaders.js';
import { getSchema } from './graphql/schema.js';
import { sessionOf } from './graphql/session.js';
import { createSubscriptions } from './graphql/subscriptions.js';
import { createFormatError } from './graphql/errors.js';
import { createMetrics } from './http/metrics.js';
import { buildServer } from './http/server.js';
import type { Logger } from './lib/logger.js';
import { every } from './lib/periodic.js';
import { createServices, type Services } from './modules/services.js';

/** How often each replica deletes expired sessions, idempotency keys and board events. */
const HOUSEKEEPING_INTERVAL_MS = 15 * 60_000;

export interface App extends Database {
  http: FastifyInstance;
  services: Services;
  /** stop accepting, finish in-flight requests, close the pool */
  close(): Promise<void>;
}

export interface AppOptions extends Pick<PrismaOptions, 'onQuery'> {
  /**
   * false: no housekeeping (the start's repair and the periodic purges). For tests that count the
   * statements requests run: the first purge comes after a random part of its interval, so it could land
   * in any test; tests of the purges and the repair call the services themselves.
   */
  housekeeping?: boolean;
}

export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const { housekeeping = true, ...databaseOptions } = options;
  const database = createDatabase(config.database, { logger, ...databaseOptions });
  const { prisma, pool } = database;
  const services = createServices(database, config);
  // Tasks the previous release wrote while a rollout or a rollback ran it beside this one (it knows
  // no columns): put in their columns at start, and with the housekeeping below.
  const repairLegacyTasks = async () => {
    const tasks = await services.columns.repairLegacyTasks();
    if (tasks) logger.info({ tasks }, 'put tasks written by the previous release into their columns');
  };
  if (housekeeping) {
    void repairLegacyTasks().catch((error: unknown) =>
      logger.warn(
        { err: error },
        'putting tasks of the previous release into columns failed; housekeeping tries again',
      ),
    );
  }
  // Expired sessions and idempotency keys, and live update events past their retention, which nobody
  // reads again; every replica does it, each deleting what is left.
  const purge = async () => {
    const sessions = await services.auth.purgeExpiredSessions();
    const idempotencyKeys = await services.idempotency.purgeExpired();
    const boardEvents = await services.live.purgeExpired();
    if (sessions || idempotencyKeys || boardEvents)
      logger.info({ sessions, idempotencyKeys, boardEvents }, 'housekeeping: purged expired rows');
    await repairLegacyTasks();
  };
  const stopHousekeeping = housekeeping
    ? every(HOUSEKEEPING_INTERVAL_MS, purge, (error) =>
        logger.warn({ err: error }, 'housekeeping failed; it runs again later'),
      )
    : () => {};
  // A certificate the pool cannot verify would only ever read as "database unreachable": say why,
  // once, at start (other failures are the readiness check's to report).
  void tryConnect(config.database).catch((error: unknown) => {
    const tls = tlsVerificationFailure(error);
    if (tls) logger.error({ err: error }, tls);
  });
  const metrics = createMetrics(pool);
  const http = await buildServer({
    logger,
    pingDatabase: database.ping,
    metrics: metrics.registry,
    requestTimeoutMs: config.requestTimeoutSeconds * 1000,
  });
  await http.register(fastifyCookie);
  await http.register(fastifyWebsocket, { options: { maxPayload: GRAPHQL_BODY_LIMIT } });

  const schema = await getSchema();
  const apollo = createApollo({
    schema,
    config,
    logger,
    trustedDocuments: loadTrustedDocuments(config, logger),
    // mutationErrorsPlugin: formatError tells unknown outcomes of mutations from DATABASE_UNAVAILABLE
    plugins: [metrics.plugin, mutationErrorsPlugin],
  });
  await apollo.start();

  const session = sessionOf(config);
  const context = async (request: FastifyRequest, reply: FastifyReply): Promise<Context> => ({
    requestId: request.id,
    ...session(request, reply),
    services,
    loaders: createLoaders(database.sql),
  });
  const subscriptions = createSubscriptions({
    schema,
    services,
    sql: database.sql,
    logger,
    isProduction: config.isProduction,
    formatError: createFormatError(logger),
    observe: metrics.live,
  });
  metrics.live.watch({
    connections: () => subscriptions.connections,
    subscriptions: () => services.live.feed.size,
  });
  const graphql = fastifyApolloHandler(apollo, { context });
  http.route({ url: '/graphql', method: ['POST', 'OPTIONS'], handler: graphql });
  // GET: queries in the URL, or a WebSocket upgrade for subscriptions (graphql/subscriptions.ts)
  http.route({ url: '/graphql', method: 'GET', handler: graphql, wsHandler: subscriptions.handler });

  return {
    ...database,
    http,
    services,
    close: async () => {
      stopHousekeeping();
      http.startDraining();
      subscriptions.close(http);
      await services.live.feed.close();
      await http.close(); // resolves once in-flight requests are done
      await apollo.stop();
      await prisma.$disconnect();
    },
  };
}

/**
 * The web client's documents (schema/trusted-documents.json). Required when the web client may run
 * nothing else (production); without the file elsewhere, its requests send their text once instead.
 */
function loadTrustedDocuments(config: Config, logger: Logger): TrustedDocuments {
  const file = findTrustedDocuments();
  if (file) return readTrustedDocuments(file);
  if (config.trustedDocumentsOnly) {
    throw new Error(
      'schema/trusted-documents.json was not found in any folder above the app, and GRAPHQL_TRUSTED_DOCUMENTS_ONLY ' +
        'is on (production): the image must include it (gateway-api/Dockerfile), or set GRAPHQL_TRUSTED_DOCUMENTS_ONLY=false',
    );
  }
  logger.warn('schema/trusted-documents.json not found: the web client sends its documents as text');
  return new Map();
}
