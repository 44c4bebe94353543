import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the service tests start real child processes
    testTimeout: 30_000,
  },
});
