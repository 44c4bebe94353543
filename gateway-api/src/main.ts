// gateway-api's entry point: read the configuration, connect to the database, serve HTTP, and shut
// down cleanly on SIGTERM/SIGINT (Kubernetes sends SIGTERM before killing a pod).
import { ConfigError, loadConfig } from './config/config.js';
import { describeDatabase } from './config/database.js';
import { createPrismaClient } from './db/prisma.js';
import { buildServer } from './http/server.js';
import { createLogger } from './lib/logger.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`gateway-api cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const prisma = createPrismaClient(config.database, { logger });
  const app = await buildServer({
    logger,
    pingDatabase: async () => {
      await prisma.$queryRaw`SELECT 1`;
    },
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    app.startDraining();
    const force = setTimeout(() => {
      logger.error('in-flight requests did not finish within 25 s; exiting anyway');
      process.exit(1);
    }, 25_000);
    force.unref();
    try {
      await app.close();
      await prisma.$disconnect();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  logger.info(
    { database: describeDatabase(config.database), source: config.database.source, env: config.nodeEnv },
    `gateway-api listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );
}

main().catch((error: unknown) => {
  console.error('gateway-api failed to start:', error);
  process.exit(1);
});
