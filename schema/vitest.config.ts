import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end checks spawn `check:schema` (tsx, git, graphql-codegen) on fixture repositories:
    // up to ~4.5 s each on a slow day here. Budgets sized for a machine three times slower than that,
    // never a measure of speed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
