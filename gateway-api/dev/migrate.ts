// `npm run db:migrate` in a checkout: the production migration CLI (src/db/migrate.ts), pointed at the
// local database that `npm start` is running when no database is configured.
import { isMainModule, runCli } from '../src/lib/cli.js';
import { main } from '../src/db/migrate.js';
import { cliDatabaseConfig } from './cli-database.js';

if (isMainModule(import.meta.url)) {
  runCli(async () => {
    const db = await cliDatabaseConfig();
    const url = `mysql://${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${db.database}`;
    await main(process.argv.slice(2), { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? url });
  });
}
