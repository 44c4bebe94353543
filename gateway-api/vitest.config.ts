import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // vitest would otherwise load graphql twice (ESM and CJS) and type-graphql's schema fails to build
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    // Integration tests share one database server; each file makes its own databases.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
