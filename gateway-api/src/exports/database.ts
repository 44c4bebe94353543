// `gateway-api/database`: connecting to the API's database and migrating it, as the API and its
// migration Job do (npm start, the end-to-end tests, the benchmark, the image checks).
export { connectionOptions, poolOptions } from '../db/connection.js';
export { main as runMigrationCli } from '../db/migrate.js';
export { migrate, MigrationError } from '../db/migrator.js';
export { createDatabase, createPrismaClient, type PrismaClient } from '../db/prisma.js';
