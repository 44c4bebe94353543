// The web server's entry point (node dist/server/index.js): read the configuration and serve HTTP;
// the process's start and graceful stop are server-kit's runService (shared with gateway-api).
import { runService } from '@taskboard/server-kit';
import { buildServer } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

runService('web-client', async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const app = await buildServer(config, { logger });
  return {
    logger,
    shutdownTimeoutSeconds: config.shutdownTimeoutSeconds,
    stop: () => app.close(), // resolves once in-flight requests are done
    listen: async () => {
      await app.listen({ host: config.host, port: config.port });
      const { port } = app.server.address() as { port: number };
      const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
      logger.info(
        { api: config.gatewayApiUrl.href, staticDir: config.staticDir, env: config.nodeEnv },
        `web-client listening on ${where} (GraphQL proxied to ${config.gatewayApiUrl.href})`,
      );
    },
  };
});
