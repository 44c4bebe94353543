// The component tests: React components and mutation hooks against a mocked GraphQL link, in
// happy-dom. Mocked responses are typed by the generated operation types.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // src/, whether run as a project of web-client/vitest.config.ts or with --config
  root: fileURLToPath(new URL('.', import.meta.url)),
  // where it would be for web-client/ (a root of src/ would put it in src/node_modules/)
  cacheDir: fileURLToPath(new URL('../node_modules/.vite', import.meta.url)),
  resolve: {
    // one graphql-js module: the ESM and CJS builds side by side would be two realms (as in
    // gateway-api's config); a regular expression so that graphql/* subpaths are left alone
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    name: 'components',
    environment: 'happy-dom',
    // components (.tsx) and the pure logic behind them (.ts)
    include: ['**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // A file's first render pays for module loading and happy-dom start-up (seconds on a busy 2-core
    // machine): budgets sized for a machine three times slower, never a measure of speed. Testing
    // Library's waits get theirs in test/setup.ts.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
