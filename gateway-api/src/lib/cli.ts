// Small helpers shared by the command-line entry points (migrate, seed).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDatabaseConfig, type DatabaseConfig } from '../config/database.js';
import { runningLocalDatabaseUrl } from '../db/local-database.js';

/** true when the module at `importMetaUrl` is the script node was asked to run */
export function isMainModule(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(importMetaUrl));
  } catch {
    return false;
  }
}

/** Runs a CLI body: prints an error's message (no stack for expected errors) and sets the exit code. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => {
      process.exitCode ??= 0;
    },
    (error: unknown) => {
      const expected = error instanceof Error && ['ConfigError', 'MigrationError', 'UsageError'].includes(error.name);
      console.error(expected ? `error: ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The repository root, when running from a checkout (src/lib or dist/lib of gateway-api). */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The database for a command-line tool: DATABASE_URL / MYSQL_ADDON_* when set; otherwise, in a
 * checkout, the local server that `npm start` is running (found through its data directory).
 */
export async function cliDatabaseConfig(env: NodeJS.ProcessEnv = process.env): Promise<DatabaseConfig> {
  const configured = ['DATABASE_URL', 'MYSQL_ADDON_HOST', 'MYSQL_ADDON_URI'].some((name) => env[name]?.trim());
  if (!configured) {
    const dataDir = path.resolve(REPO_ROOT, env.TASKBOARD_DATA_DIR ?? '.data');
    const url = await runningLocalDatabaseUrl(dataDir);
    if (url) {
      console.log(
        `using the local database that npm start is running (${path.relative(process.cwd(), dataDir) || dataDir})`,
      );
      return loadDatabaseConfig({ ...env, DATABASE_URL: url });
    }
  }
  return loadDatabaseConfig(env);
}
