// gateway-api's entry point: read the configuration, assemble the app and serve HTTP; the process's
// start and graceful stop are server-kit's runService (shared with web-client's server).
import 'reflect-metadata';
import { runService } from '@taskboard/server-kit';
import { createApp } from './app.js';
import { loadConfig } from './config/config.js';
import { describeDatabase } from './config/database.js';
import { createLogger } from './lib/logger.js';

runService('gateway-api', async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const app = await createApp(config, logger);
  return {
    logger,
    shutdownTimeoutSeconds: config.shutdownTimeoutSeconds,
    stop: () => app.close(),
    listen: async () => {
      await app.http.listen({ host: config.host, port: config.port });
      const where = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
      logger.info(
        { database: describeDatabase(config.database), source: config.database.source, env: config.nodeEnv },
        `gateway-api listening on ${where} (GraphQL: ${where}/graphql)`,
      );
    },
  };
});
