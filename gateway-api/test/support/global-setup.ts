// Gives the integration tests a MySQL-compatible server: TEST_DATABASE_URL when set (its user must
// be allowed to create databases), otherwise a throwaway local server in a temporary directory.
// The development database in .data/ is never touched.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { MissingServerBinaryError, startLocalDatabase } from '../../dev/local-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of an account that may create and drop databases */
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('adminDatabaseUrl', given);
    return;
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'taskboard-test-db-'));
  let server;
  try {
    server = await startLocalDatabase({ dataDir, database: 'taskboard_test', grantAll: true, ephemeral: true });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    if (error instanceof MissingServerBinaryError) {
      throw new Error(
        `The integration tests need a MySQL-compatible server. ${error.message}\n` +
          'Or set TEST_DATABASE_URL to an account that may create databases.',
        { cause: error },
      );
    }
    throw error;
  }
  project.provide('adminDatabaseUrl', server.url);
  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
