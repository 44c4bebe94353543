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
    // Armed first, so that nothing below (even a log write to a closed pipe) can keep us alive.
    setTimeout(() => process.exit(1), 25_000).unref();
    try {
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      app.startDraining();
      await app.close();
      await prisma.$disconnect();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      console.error('error during shutdown', error);
      process.exit(1);
    }
  };
  // Logs go to stdout; if whoever reads it goes away, keep serving rather than crash on EPIPE.
  process.stdout.on('error', () => {});
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Started by `npm start` over an IPC channel: if that supervisor dies, do not outlive it.
  if (process.send) process.on('disconnect', () => void shutdown('supervisor exited'));

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
