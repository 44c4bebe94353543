// `npm run db:migrate` in a checkout: the production migration CLI (src/db/migrate.ts), pointed at the
// local database that `npm start` is running when no database is configured.
import { isMainModule, runCli } from '../src/lib/cli.js';
import { main } from '../src/db/migrate.js';
import { cliEnv } from './cli-database.js';

if (isMainModule(import.meta.url)) {
  runCli(async () => main(process.argv.slice(2), await cliEnv()));
}
