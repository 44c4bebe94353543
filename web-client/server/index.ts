// The web server's entry point (node dist/server/index.js): read the configuration, serve HTTP,
// and shut down cleanly on SIGTERM/SIGINT (Kubernetes sends SIGTERM, then SIGKILL after its grace
// period).
import { buildServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`web-client cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const app = await buildServer(config, { logger });

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
      app.startDraining();
      await app.close(); // resolves once in-flight requests are done
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
  const { port } = app.server.address() as { port: number };
  const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info(
    { api: config.gatewayApiUrl.href, staticDir: config.staticDir, env: config.nodeEnv },
    `web-client listening on ${where} (GraphQL proxied to ${config.gatewayApiUrl.href})`,
  );
}

main().catch((error: unknown) => {
  console.error('web-client failed to start:', error);
  process.exit(1);
});
