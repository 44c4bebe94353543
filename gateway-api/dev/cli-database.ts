// The database for the development command-line tools (npm run db:migrate, db:seed): the configured
// one, or else the local server that `npm start` is running in this checkout.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDatabaseConfig, type DatabaseConfig } from '../src/config/database.js';
import { runningLocalDatabaseUrl } from './local-database.js';

/** The repository root (this file is gateway-api/dev/). */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The environment for a command-line tool: as it is when a database is configured (DATABASE_URL,
 * MYSQL_ADDON_*); otherwise, in a checkout, with DATABASE_URL pointing at the local server that
 * `npm start` is running (found through its data directory).
 */
export async function cliEnv(env: NodeJS.ProcessEnv = process.env): Promise<NodeJS.ProcessEnv> {
  const configured = ['DATABASE_URL', 'MYSQL_ADDON_HOST', 'MYSQL_ADDON_URI'].some((name) => env[name]?.trim());
  if (configured) return env;
  const dataDir = path.resolve(REPO_ROOT, env.TASKBOARD_DATA_DIR ?? '.data');
  const url = await runningLocalDatabaseUrl(dataDir);
  if (!url) return env;
  console.log(
    `using the local database that npm start is running (${path.relative(process.cwd(), dataDir) || dataDir})`,
  );
  return { ...env, DATABASE_URL: url };
}

/** The database for a command-line tool, from cliEnv. */
export async function cliDatabaseConfig(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseConfig> {
  return loadDatabaseConfig(await cliEnv(env));
}
