// `node dist/db/migrate.js` (the image's migration Job; `npm run db:migrate` in a checkout, through
// dev/migrate.ts): applies pending migrations to the configured database.
//   --rolled-back NAME   mark a failed migration as rolled back (it will be applied again)
//   --applied NAME       mark a migration as applied by hand
//   --lock-timeout S     seconds to wait for another runner (default 300)
//   --migrations-dir D   another Prisma migrations folder (default: prisma/migrations of this package)
import { parseArgs } from 'node:util';
import { describeDatabase, loadDatabaseConfig } from '../config/database.js';
import { isMainModule, runCli, UsageError } from '../lib/cli.js';
import { connectionOptions } from './connection.js';
import { DatabaseTlsError, tlsVerificationFailure } from './errors.js';
import { migrate, resolveMigration } from './migrator.js';

export async function main(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env) {
  try {
    await run(argv, env);
  } catch (error) {
    const tls = tlsVerificationFailure(error);
    throw tls ? new DatabaseTlsError(tls, { cause: error }) : error;
  }
}

async function run(argv: string[], env: NodeJS.ProcessEnv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'rolled-back': { type: 'string' },
        applied: { type: 'string' },
        'lock-timeout': { type: 'string', default: '300' },
        'migrations-dir': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message}\nusage: db:migrate [--rolled-back NAME | --applied NAME] [--lock-timeout SECONDS]`,
    );
  }
  const lockTimeoutSeconds = Number(values['lock-timeout']);
  if (!Number.isFinite(lockTimeoutSeconds) || lockTimeoutSeconds <= 0) {
    throw new UsageError(`--lock-timeout must be a positive number of seconds (got ${values['lock-timeout']})`);
  }
  const db = loadDatabaseConfig(env);
  const common = {
    connection: connectionOptions(db),
    lockTimeoutSeconds,
    migrationsDir: values['migrations-dir'],
    log: (m: string) => console.log(m),
  };
  const name = values['rolled-back'] ?? values.applied;
  if (name) {
    const as = values['rolled-back'] ? 'rolled-back' : 'applied';
    await resolveMigration({ ...common, name, as });
    console.log(`marked ${name} as ${as} in ${describeDatabase(db)}`);
    return;
  }
  console.log(`migrating ${describeDatabase(db)} (from ${db.source})`);
  const result = await migrate(common);
  console.log(
    result.applied.length
      ? `applied ${result.applied.length} migration(s): ${result.applied.join(', ')}`
      : `already up to date (${result.upToDate.length} migration(s) applied)`,
  );
}

if (isMainModule(import.meta.url)) runCli(() => main());
