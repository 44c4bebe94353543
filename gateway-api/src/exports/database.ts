// `gateway-api/database`: connecting to the API's database and migrating it, as the API and its
// migration Job do (npm start, the end-to-end tests, the benchmark, the image checks), and an idempotency
// key's row as the API fills it (the benchmark's raw-SQL floor writes the same rows).
export { connectionOptions, poolOptions } from '../db/connection.js';
export { main as runMigrationCli } from '../db/migrate.js';
export { migrate, MigrationError } from '../db/migrator.js';
export { createDatabase, createPrismaClient, type PrismaClient } from '../db/prisma.js';
export {
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_KEY_TTL_MS,
  KEY_REUSED_MESSAGE,
  requestHash,
} from '../modules/idempotency/idempotency-key.js';
