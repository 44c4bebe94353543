// The API goes down under a signed-in user: a reload keeps the app's frame and its navigation, says
// so in one short line instead of an error page, and the app comes back by itself when the API does,
// without the user doing anything. And when a page's code cannot be downloaded (a deployment replaced
// the chunk a tab still asks for), the frame stays and a reload brings the page back. The production
// web server and API builds, as the other e2e tests.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@taskboard/test-kit/ports';
import { startService, type Service } from '@taskboard/test-kit/processes';
import { createBoard, exact, newUser, signUp, visible } from './support/app.js';
import { checkA11y } from './support/axe.js';
import { screenshot } from './support/artifacts.js';
import { describe, expect, inject, test } from './support/fixtures.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const API_ENTRY = path.join(repo, 'gateway-api/dist/main.js');
const WEB_ENTRY = fileURLToPath(new URL('./dist/server/index.js', import.meta.url));
const LOG_DIR = fileURLToPath(new URL('./artifacts/logs/', import.meta.url));

describe('the API goes down', () => {
  test('a reload keeps the frame and the way back to the boards, says so in one line, and recovers by itself', async ({
    openSession,
  }) => {
    const sessionSecret = randomBytes(32).toString('hex');
    const services: Service[] = [];
    const apiPort = await freePort();
    const startApi = async (name: string) => {
      const service = await startService(name, API_ENTRY, {
        cwd: repo,
        logDir: LOG_DIR,
        ipc: true,
        timeoutMs: 90_000,
        readyUrl: `http://127.0.0.1:${apiPort}/readyz`,
        env: {
          ...process.env,
          DATABASE_URL: inject('databaseUrl'),
          SESSION_SECRET: sessionSecret,
          HOST: '127.0.0.1',
          PORT: String(apiPort),
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
        },
      });
      services.push(service);
      return service;
    };
    try {
      const api = await startApi('outage-api');
      const webPort = await freePort();
      const web = `http://127.0.0.1:${webPort}`;
      services.push(
        await startService('outage-web', WEB_ENTRY, {
          cwd: path.join(repo, 'web-client'),
          logDir: LOG_DIR,
          ipc: true,
          timeoutMs: 90_000,
          readyUrl: `${web}/readyz`,
          env: {
            ...process.env,
            HOST: '127.0.0.1',
            PORT: String(webPort),
            GATEWAY_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
            NODE_ENV: 'test',
            LOG_LEVEL: 'error',
          },
        }),
      );
      const session = await openSession({ baseURL: web });
      const { page } = session;
      // while the API is down, the browser logs the failed requests (502) and live-update sockets
      session.guard.allowConsoleError(
        /^HTTP 502 from \/graphql|502 \(Bad Gateway\)|Failed to load resource|WebSocket connection to '.*\/graphql' failed/,
      );
      await signUp(page, newUser('Outage'));
      // creating a board opens it: the page reloaded below is the board
      await createBoard(page, 'Still here');
      await visible(page.getByRole('heading', { level: 1, ...exact('Still here') }));

      const stopped = new Promise((resolve) => api.child.once('exit', resolve));
      api.child.kill('SIGKILL');
      await stopped;
      await page.reload();

      const alert = page.getByRole('alert');
      await visible(alert);
      expect(await alert.innerText()).toMatch(/^Taskboard is not answering right now\. Retrying…\s*Try again$/);
      await visible(page.getByRole('navigation', exact('Main')).getByRole('link', exact('Boards')));
      await screenshot(page, 'api-down');
      await checkA11y(page, 'the app while the API is down');

      // nothing to click: the app asks again every few seconds
      await startApi('outage-api-restarted');
      await expect
        .poll(() => page.getByRole('heading', { level: 1, ...exact('Still here') }).isVisible(), { timeout: 30_000 })
        .toBe(true);
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      for (const service of services.reverse()) await service.stop();
    }
  });
});

describe("a page's code cannot be downloaded", () => {
  test('(a deployment replaced it) the frame stays, the page says so, and a reload brings it back', async ({
    session,
  }) => {
    const { page, guard } = session;
    // the browser logs the missing file, and React the failed import its error boundary caught
    guard.allowConsoleError(/Failed to load resource|dynamically imported module/);
    await signUp(page, newUser('Deployed'));
    await createBoard(page, 'Before the deploy');
    const heading = page.getByRole('heading', { level: 1, ...exact('Before the deploy') });
    await visible(heading);

    // the board page's chunk, by the name this tab's build gave it, is no longer on the server
    const boardChunk = /\/assets\/BoardPage-[\w-]+\.js$/;
    await page.route(boardChunk, (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
    );
    await page.reload();
    const alert = page.getByRole('alert');
    await visible(alert);
    expect(await alert.innerText()).toMatch(/^This page could not be loaded: Taskboard may have been updated/);
    await visible(page.getByRole('navigation', exact('Main')).getByRole('link', exact('Boards')));
    await checkA11y(page, 'a page whose code could not be downloaded');
    await screenshot(page, 'page-code-missing');

    await page.unroute(boardChunk);
    await page.getByRole('button', exact('Reload the page')).click();
    await visible(heading);
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
