import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // vitest would otherwise load graphql twice (ESM and CJS) and type-graphql's schema fails to build
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // the fault suite runs on its own: npm run test:faults (vitest.faults.config.ts)
    exclude: ['test/faults/**', '**/node_modules/**'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    // Integration tests share one database server; each file makes its own databases. Budgets are
    // sized for a machine three times slower than a slow day here (a hook that builds the API and
    // migrates a database takes up to ~40 s then), never a measure of speed.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
