// The e2e test API: `test` with a browser per file and a fresh, guarded browser context per user
// per test. Everything a test opens is closed after it, and it fails if any page logged an error
// or violated the CSP. On failure each open page is screenshotted to e2e/artifacts/.
import { inject, test as base } from 'vitest';
import { launchBrowser } from '@taskboard/test-kit/browser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { trackGraphqlRequests } from './app.js';
import { artifactName, screenshot } from './artifacts.js';
import { guardContext, type PageGuard } from './page-guard.js';

export interface Session {
  page: Page;
  context: BrowserContext;
  guard: PageGuard;
}

export interface E2eFixtures {
  browser: Browser;
  /**
   * Opens one more user's browser: its own context, so its own cookies. `baseURL` points it at
   * another web server than the stack's (one a test started itself).
   */
  openSession: (options?: { baseURL?: string }) => Promise<Session>;
  /** The first user's session, opened for every test that asks for it. */
  session: Session;
  page: Page;
}

export const test = base.extend<E2eFixtures>({
  browser: [
    // eslint-disable-next-line no-empty-pattern -- vitest reads fixture dependencies from this pattern
    async ({}, use) => {
      const browser = await launchBrowser();
      await use(browser);
      await browser.close();
    },
    { scope: 'file' },
  ],

  openSession: async ({ browser, task }, use) => {
    const sessions: Session[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({
        baseURL: options.baseURL ?? inject('webUrl'),
        viewport: { width: 1280, height: 900 },
        locale: 'en-US',
        timezoneId: 'UTC',
      });
      // Auto-waiting, not sleeps: generous because the machine is shared and has 2 cores.
      context.setDefaultTimeout(30_000);
      context.setDefaultNavigationTimeout(60_000);
      const guard = await guardContext(context);
      const page = await context.newPage();
      trackGraphqlRequests(page);
      const session = { page, context, guard };
      sessions.push(session);
      return session;
    });

    if (task.result?.state === 'fail') {
      await Promise.all(
        sessions.flatMap((s, i) =>
          s.context
            .pages()
            .map((p, j) => screenshot(p, `failed-${artifactName(task.name)}-${i + 1}-${j + 1}`).catch(() => {})),
        ),
      );
    }
    const problems = sessions.flatMap((s) => s.guard.problems());
    await Promise.all(sessions.map((s) => s.context.close()));
    if (problems.length) {
      throw new Error(
        `The browser reported ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}`,
      );
    }
  },

  session: async ({ openSession }, use) => {
    await use(await openSession());
  },

  page: async ({ session }, use) => {
    await use(session.page);
  },
});

export { expect, describe, inject } from 'vitest';
