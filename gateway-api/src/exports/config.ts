// `gateway-api/config`: the API's configuration loaders, for tools that must read the environment
// exactly as the API does (the chart's contract tests, the benchmark's comparison servers).
export { CONFIG_ENV, loadConfig, type Config } from '../config/config.js';
export {
  ConfigError,
  DATABASE_ENV,
  describeDatabase,
  loadDatabaseConfig,
  parseDatabaseUrl,
  type DatabaseConfig,
} from '../config/database.js';
/** The session cookie's name, which has a `__Host-` prefix in production. */
export { sessionCookieName } from '../modules/auth/session-token.js';
