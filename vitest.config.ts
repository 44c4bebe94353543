// Tests of the repository-level scripts (npm start, npm run dev) and of the Helm chart. Each workspace
// has its own tests and config.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // npm run test:cluster (its own config): a Kubernetes control plane, built separately
    exclude: ['test/cluster/**', '**/node_modules/**'],
    globalSetup: ['gateway-api/test/support/global-setup.ts'],
    // npm start/dev end to end: builds, a database server, Chromium. Sized for a machine three times
    // slower than a slow day here (the longest hook, npm run dev's start in a copy, takes ~15 s).
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
