// The fault suite (npm run test:faults): one long run against the production build, kept out of
// `npm test`'s integration tests (vitest.config.ts) and run on its own by .ci/run.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // vitest would otherwise load graphql twice (ESM and CJS) and type-graphql's schema fails to build
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/faults/**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
    // The run itself takes about a minute and a half here; sized for a machine three times slower,
    // and never more than the 5 minutes the suite is allowed.
    testTimeout: 300_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
