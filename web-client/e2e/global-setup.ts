// Brings the whole product up once for the e2e run, as it runs in production: a fresh migrated
// database, the built API (gateway-api/dist/main.js) and the built web server in front of it.
// Tests get the web server's URL through inject('webUrl').
//
// The web client is built into web-client/e2e/dist/{public,server}, not web-client/dist: other
// people's `vite build` empties web-client/dist/public at any moment on a shared machine, which
// took the server's files away mid-run. Same commands as its `build` script, checked below.
//   E2E_SKIP_BUILD=1   reuse the existing builds (they must exist) instead of rebuilding
import { access, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertChromiumInstalled } from '@taskboard/test-kit/browser';
import { freePort } from '@taskboard/test-kit/ports';
import { run, startService, type Service, type StartOptions } from '@taskboard/test-kit/processes';
import type { TestProject } from 'vitest/node';
import { createE2eDatabase } from './support/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the web server, e.g. http://127.0.0.1:41234 (no trailing slash) */
    webUrl: string;
    /** the stack's database (for tests that start more API replicas on it, and read its outbox) */
    databaseUrl: string;
  }
}

const repo = fileURLToPath(new URL('../../', import.meta.url));
const webClient = path.join(repo, 'web-client');
const artifactsDir = fileURLToPath(new URL('./artifacts/', import.meta.url));
const logDir = path.join(artifactsDir, 'logs');
const webBuild = fileURLToPath(new URL('./dist/', import.meta.url));
const API_ENTRY = path.join(repo, 'gateway-api/dist/main.js');
// dist/server next to dist/public: the server finds its static files by default, as in production.
const WEB_ENTRY = path.join(webBuild, 'server/index.js');
const WEB_BUILD_SCRIPT = 'vite build && tsc -p server/tsconfig.json';

const say = (message: string) => console.log(`[e2e] ${message}`);

/**
 * How the stack's services run: logs under e2e/artifacts/logs, and an IPC channel, so that the API and
 * the web server (which watch it) exit when this test run dies, however it dies.
 */
const SERVICE: Pick<StartOptions, 'logDir' | 'ipc' | 'timeoutMs'> = { logDir, ipc: true, timeoutMs: 90_000 };

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function timed(what: string, step: () => Promise<void>) {
  const started = Date.now();
  await step();
  say(`${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function build() {
  if (process.env.E2E_SKIP_BUILD === '1') {
    for (const entry of [API_ENTRY, WEB_ENTRY, path.join(webBuild, 'public/index.html')]) {
      if (!(await exists(entry))) {
        throw new Error(`E2E_SKIP_BUILD=1 but ${path.relative(repo, entry)} does not exist: run once without it.`);
      }
    }
    say('E2E_SKIP_BUILD=1: using the existing builds');
    return;
  }
  const { scripts } = JSON.parse(await readFile(path.join(webClient, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  if (scripts.build !== WEB_BUILD_SCRIPT) {
    throw new Error(
      `web-client's build script is now "${scripts.build}"; web-client/e2e/global-setup.ts repeats ` +
        `"${WEB_BUILD_SCRIPT}" with its own output folders: update it to match.`,
    );
  }
  // One after the other: two builds at once on 2 cores are slower than in turn.
  await timed('built gateway-api', () =>
    run('build-gateway-api', 'npm', ['run', 'build', '-w', 'gateway-api'], { cwd: repo, logDir }),
  );
  await timed('built the web client', async () => {
    const bin = (name: string) => path.join(repo, 'node_modules/.bin', name);
    const options = { cwd: webClient, logDir };
    await run('build-web-client', bin('vite'), ['build', '--outDir', `${webBuild}public`, '--emptyOutDir'], options);
    await run('build-web-server', bin('tsc'), ['-p', 'server/tsconfig.json', '--outDir', `${webBuild}server`], options);
  });
  if (!(await exists(WEB_ENTRY))) {
    throw new Error(
      `The web server build produced no ${path.relative(repo, WEB_ENTRY)}: is web-client/server/index.ts there?`,
    );
  }
}

export default async function setup(project: TestProject) {
  // Fail in a second, not after minutes of building, when the browser is not there.
  await assertChromiumInstalled();
  // Screenshots and logs of this run only: an old failure's screenshot would mislead.
  await rm(artifactsDir, { recursive: true, force: true });
  const started = Date.now();
  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error('[e2e] teardown step failed:', error);
      }
    }
  };

  try {
    // The database starts while the builds run; registered at once, so a failed build still stops it.
    const starting = createE2eDatabase();
    const settled = starting.catch(() => undefined); // handled now, so an early failure is not "unhandled"
    cleanups.push(async () => (await settled)?.drop());
    await build();
    const database = await starting;
    say(`database: ${database.describe}`);

    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const api: Service = await startService('gateway-api', API_ENTRY, {
      ...SERVICE,
      cwd: repo,
      readyUrl: `${apiUrl}/readyz`,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        // not production: session cookies without the Secure flag, over plain http://127.0.0.1
        NODE_ENV: 'test',
        // as in production: the app may run only the documents it is built with (trusted-documents.test.ts)
        GRAPHQL_TRUSTED_DOCUMENTS_ONLY: 'true',
        LOG_LEVEL: 'warn',
      },
    });
    cleanups.push(() => api.stop());

    const webPort = await freePort();
    const webUrl = `http://127.0.0.1:${webPort}`;
    const web: Service = await startService('web-client', WEB_ENTRY, {
      ...SERVICE,
      cwd: webClient,
      readyUrl: `${webUrl}/readyz`,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(webPort),
        GATEWAY_API_URL: `${apiUrl}/graphql`,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
      },
    });
    cleanups.push(() => web.stop());

    say(`stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: web ${webUrl}, API ${apiUrl}`);
    project.provide('webUrl', webUrl);
    project.provide('databaseUrl', database.url);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
