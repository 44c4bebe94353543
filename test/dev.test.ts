// `npm run dev` end to end, as a contributor uses it: in a temporary copy of the repository, the real
// command starts its own database, the API from its sources (restarting on change) and Vite's dev
// server; Chromium opens the app and the playground; one edit on each side takes effect; stopping
// it stops everything and leaves no process behind.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Debian's Chromium with the flags that work here, or an error naming the install script
import { launchBrowser } from '@taskboard/test-kit/browser';
import { freePort } from '@taskboard/test-kit/ports';
import { cleanEnv, npmRun, type NpmRun } from './support/npm-run.js';

const root = path.resolve(import.meta.dirname, '..');
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
});

/**
 * A copy of the working tree (tracked and new files, as git sees them) with node_modules hard-linked:
 * seconds instead of a 900 MB copy, and edits to the copy's sources never reach this checkout.
 */
async function copyRepository(): Promise<string> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'dev-loop-'));
  cleanup.push(async () => {
    // after a failure: whatever still runs from the copy (its database server runs in a session of
    // its own, so killing npm's process group does not reach it)
    for (const entry of await processesUnder(copy)) process.kill(Number(entry.split(':')[0]), 'SIGKILL');
    await rm(copy, { recursive: true, force: true });
  });
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    await mkdir(path.dirname(path.join(copy, file)), { recursive: true });
    await cp(path.join(root, file), path.join(copy, file), { preserveTimestamps: true }).catch((error: unknown) => {
      // a file deleted in the working tree but not yet in the index
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }
  const workspaces = [
    'gateway-api',
    'web-client',
    'schema',
    ...(await readdir(path.join(root, 'packages'))).map((p) => `packages/${p}`),
  ];
  for (const dir of ['node_modules', ...workspaces.map((w) => `${w}/node_modules`)]) {
    const from = path.join(root, dir);
    if (!(await readdir(from).catch(() => null))) continue;
    // `cp -al` keeps the workspaces' relative symlinks (node_modules/web-client -> ../web-client),
    // so they point into the copy. Vite's cache is left out: the copy starts as a fresh clone does.
    execFileSync('cp', ['-al', from, path.join(copy, dir)]);
    await rm(path.join(copy, dir, '.vite'), { recursive: true, force: true });
  }
  return copy;
}

/** Every process whose command line or working directory is inside dir (this test's own excepted). */
async function processesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => '');
    if (cmdline.includes(dir) || cwd.startsWith(dir)) found.push(`${pid}: ${cmdline.replaceAll('\0', ' ').trim()}`);
  }
  return found;
}

/** Replaces `from` with `to` in a file of the copy; fails if `from` is not there (the test is stale). */
async function edit(file: string, from: string | RegExp, to: string) {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file} no longer contains ${String(from)}: update this test`);
  await writeFile(file, next);
}

describe('npm run dev', () => {
  let copy: string;
  let dev: NpmRun;
  let browser: Browser;
  let page: Page;
  let web: string;
  const problems: string[] = [];

  beforeAll(async () => {
    copy = await copyRepository();
    const port = await freePort();
    const webPort = await freePort();
    web = `http://localhost:${webPort}`;
    dev = npmRun(['run', 'dev'], {
      cwd: copy,
      env: {
        ...cleanEnv(),
        PORT: String(port),
        WEB_PORT: String(webPort),
        TASKBOARD_DATA_DIR: path.join(copy, '.data'),
      },
    });
    cleanup.push(async () => dev.kill());
    await dev.waitFor(/press Ctrl-C to stop everything/, { ms: 240_000 });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' || /could not create web worker/i.test(message.text()))
        problems.push(`console.${message.type()}: ${message.text()}`);
    });
  });
  afterAll(async () => browser?.close());

  it('prints a short, ordered account of what it does, with readable logs', () => {
    const lines = dev.output().split('\n');
    const steps = lines.filter((line) => /^\[start\] \d\/\d /.test(line)).map((line) => /\d\/\d (\S+)/.exec(line)![1]);
    expect(steps).toEqual(['database:', 'migrations:', 'demo', 'services:']);
    expect(dev.output()).toMatch(/\[start\] ready: open http:\/\/localhost:\d+/);
    // pino's lines made readable: time, level, (service/pid), message; never raw JSON
    expect(dev.output()).toMatch(/^\[\d\d:\d\d:\d\d\] INFO \(gateway-api\/\d+\): gateway-api listening on /m);
    expect(dev.output()).not.toMatch(/^\{"level":/m);
  });

  it('serves the app, and updates the open page in place when a React component changes', async () => {
    await page.goto(`${web}/signin`);
    await page.getByLabel('Email').fill('alice@example.com');
    await page.getByLabel('Password').fill('taskboard-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your boards' }).waitFor();
    // Let the first load settle, as a person reading the page does: Vite may still be pre-bundling
    // dependencies this page revealed, and reloads the page once it has.
    await page.waitForLoadState('networkidle');
    // Survives hot module replacement, not a reload.
    await page.evaluate(() => Object.assign(globalThis, { devLoopMarker: 'still here' }));

    await edit(
      path.join(copy, 'web-client/src/board-list/BoardsPage.tsx'),
      '<h1>Your boards</h1>',
      '<h1>Your boards, edited</h1>',
    );
    await page
      .getByRole('heading', { name: 'Your boards, edited' })
      .waitFor()
      .catch((error: Error) => {
        throw new Error(`${error.message}\n--- the end of what npm run dev printed:\n${dev.output().slice(-4000)}`);
      });
    expect(await page.evaluate(() => (globalThis as unknown as { devLoopMarker?: string }).devLoopMarker)).toBe(
      'still here',
    );
  });

  it('serves the playground with its editor workers, and restarts the API when a resolver changes', async () => {
    await page.getByRole('contentinfo').getByRole('link', { name: 'GraphQL playground', exact: true }).click();
    const editor = page.getByRole('region', { name: 'Operation Editor', exact: true });
    await editor.getByRole('textbox').waitFor();
    await page.getByRole('tab', { name: 'Me' }).waitFor();
    // The GraphQL worker is what validates the operation against the schema: an unknown field gets
    // Monaco's error squiggle only if it runs.
    await page.getByRole('button', { name: 'New tab', exact: true }).click();
    await editor.getByRole('textbox').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('query Probe { devLoopProbe }');
    await editor.locator('.squiggly-error').first().waitFor();
    const workers = page.workers().map((worker) => new URL(worker.url()).pathname);
    for (const name of ['editor.worker', 'json.worker', 'graphql.worker'])
      expect(
        workers.some((w) => w.includes(name)),
        `${name} in ${workers.join(', ')}`,
      ).toBe(true);

    // A new field on an existing resolver: tsx's watcher restarts the API, and the next request sees it.
    const listening = /gateway-api listening on/;
    const before = dev.output().match(new RegExp(listening.source, 'g'))!.length;
    await edit(
      path.join(copy, 'gateway-api/src/modules/auth/auth.resolver.ts'),
      /export class AuthResolver \{\n/,
      "export class AuthResolver {\n  @Query(() => String)\n  devLoopProbe(): string {\n    return 'edited while running';\n  }\n\n",
    );
    await dev.waitFor(listening, { times: before + 1, ms: 240_000 });
    await page.keyboard.press('ControlOrMeta+Enter');
    await page.getByRole('region', { name: 'Result Window', exact: true }).getByText('edited while running').waitFor();
    expect(problems).toEqual([]);
  });

  it('stops everything when told to, database included, and leaves no process behind', async () => {
    await browser.close();
    // To the supervisor alone, as an IDE's stop button or a process manager does: it must stop its
    // children itself. (A terminal's Ctrl-C reaches the whole group; test/start.test.ts does that.)
    const supervisor = (await processesUnder(copy)).find((p) => /^\d+: \S*node .*scripts\/start\.ts --dev/.test(p));
    expect(supervisor, (await processesUnder(copy)).join('\n')).toBeDefined();
    process.kill(Number(supervisor!.split(':')[0]), 'SIGINT');
    expect(['exit 0', 'SIGINT']).toContain(await dev.exited);
    expect(dev.output()).toContain('database server stopped');
    // Processes that were signalled may take a moment to go.
    const deadline = Date.now() + 30_000;
    let left = await processesUnder(copy);
    while (left.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      left = await processesUnder(copy);
    }
    expect(left).toEqual([]);
  });
});
