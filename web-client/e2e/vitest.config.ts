// The 'e2e' project: the built API and web server over a throwaway database, driven through
// Debian's Chromium. One file at a time: the machine has 2 cores and the stack is shared.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'e2e',
    // Paths below are relative to web-client/, wherever vitest is started from.
    root: fileURLToPath(new URL('..', import.meta.url)),
    environment: 'node',
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    // A browser waits for a real server on a busy machine: generous, and never a measure of speed.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 120_000,
    pool: 'forks',
  },
});
