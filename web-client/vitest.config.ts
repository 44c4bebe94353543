// The web client's tests, in three projects with their own settings:
//   src/      component tests (happy-dom, Testing Library, mocked GraphQL from the generated types)
//   server/   the production server against real HTTP upstreams
//   e2e/      the whole stack (database, API, web server) in real Chromium
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['./src/vitest.config.ts', './server/vitest.config.ts', './e2e/vitest.config.ts'],
  },
});
