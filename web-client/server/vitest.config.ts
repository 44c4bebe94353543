// The 'server' test project: the production server over real HTTP, against a stand-in API (a plain
// node:http server) and against the real gateway-api, which needs a MySQL-compatible server: the
// API's own global setup provides one, as in gateway-api/vitest.config.ts.
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // vitest would otherwise load graphql twice (ESM and CJS) and type-graphql's schema fails to build
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    name: 'server',
    // paths here (include, globalSetup) are relative to web-client/, as in the other projects
    root: fileURLToPath(new URL('..', import.meta.url)),
    environment: 'node',
    include: ['server/**/*.test.ts'],
    globalSetup: ['../gateway-api/test/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
