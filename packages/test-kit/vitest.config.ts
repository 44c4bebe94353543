import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the process tests start real Node processes: generous for a busy machine, never a measure of speed
    testTimeout: 60_000,
    pool: 'forks',
  },
});
