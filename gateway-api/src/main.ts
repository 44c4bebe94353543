// gateway-api's entry point: read the configuration, assemble the app, serve HTTP, and shut down
// cleanly on SIGTERM/SIGINT (Kubernetes sends SIGTERM, then SIGKILL after its grace period).
import 'reflect-metadata';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { describeDatabase } from './config/database.js';
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
  const app = await createApp(config, logger);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Armed first, so that nothing below (even a log write to a closed pipe) can keep us alive.
    setTimeout(() => {
      console.error(`in-flight requests did not finish within ${config.shutdownTimeoutSeconds} s; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000).unref();
    try {
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      await app.close();
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

  await app.http.listen({ host: config.host, port: config.port });
  const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.info(
    { database: describeDatabase(config.database), source: config.database.source, env: config.nodeEnv },
    `gateway-api listening on ${where} (GraphQL: ${where}/graphql)`,
  );
}

main().catch((error: unknown) => {
  console.error('gateway-api failed to start:', error);
  process.exit(1);
});
