// `npm start` end to end: the real command, a real database server, the real HTTP endpoints of both
// services (the API, and the web client serving the built app and proxying /graphql), and Ctrl-C
// delivered to the whole process group as a terminal does.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@taskboard/test-kit/ports';
import { cleanEnv, npmRun, type NpmRun } from './support/npm-run.js';
import { processAlive } from '@taskboard/test-kit/processes';

const root = path.resolve(import.meta.dirname, '..');
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

/** `npm start`, cleaned up after the file's tests whatever happens. */
function npmStart(env: NodeJS.ProcessEnv): NpmRun {
  const run = npmRun(['start'], { cwd: root, env });
  cleanup.push(async () => run.kill());
  return run;
}

const baseEnv = cleanEnv;

/** The pid in the named service's log lines, which npm start shows readable: `INFO (name/pid): message`. */
const pidOf = (output: string, name: 'gateway-api' | 'web-client') =>
  Number(new RegExp(`\\] INFO \\(${name}/(\\d+)\\): `).exec(output)![1]);
const stoppedLine = (name: string) => new RegExp(`\\] INFO \\(${name}/\\d+\\): stopped$`, 'm');

describe('npm start', () => {
  it('without a server binary or a database, stops at once and says what to install or set', async () => {
    const started = Date.now();
    // node (and npm beside it) and the shell npm runs scripts with; /bin has no mariadbd or mysqld
    const run = npmStart({
      ...baseEnv(),
      PATH: [path.dirname(process.execPath), '/bin'].join(path.delimiter),
      TASKBOARD_MYSQLD_SEARCH_DIRS: '',
    });
    const code = await run.exited;
    const elapsed = Date.now() - started;
    expect(code).toBe('exit 1');
    const output = run.output();
    expect(output).toMatch(
      /no database is configured and no MySQL-compatible server binary \(mariadbd or mysqld\) found/,
    );
    expect(output).toContain('apt-get install mariadb-server');
    expect(output).toContain('brew install mysql');
    expect(output).toContain('DATABASE_URL=mysql://');
    // it fails before the (slow) build step
    expect(output).not.toContain('building');
    console.log(`npm start without a database gave up after ${elapsed} ms`);
  });

  it('starts a local database in the data directory, migrates, seeds once, serves, and stops on Ctrl-C', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'start-data-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const webPort = await freePort();
    const env = { ...baseEnv(), TASKBOARD_DATA_DIR: dataDir, PORT: String(port), WEB_PORT: String(webPort) };

    const first = npmStart(env);
    await first.waitFor(/press Ctrl-C to stop everything/);
    await first.waitFor(/gateway-api listening/);
    await first.waitFor(/web-client listening/);
    expect(first.output()).toContain(`ready: open http://localhost:${webPort}`);
    expect(first.output()).toMatch(/database: starting a local (MariaDB|MySQL) \d+\.\d+/);
    // a short, ordered account: one numbered line per step
    const steps = first
      .output()
      .split('\n')
      .filter((line) => /^\[start\] \d\/\d /.test(line))
      .map((line) => /\d\/\d (\S+)/.exec(line)![1]);
    expect(steps).toEqual(['build:', 'database:', 'migrations:', 'demo', 'services:']);
    // the build's own output (hundreds of lines) is shown only when it fails
    expect(first.output()).not.toContain('modules transformed');
    expect(first.output()).toMatch(/applied \d+ migration\(s\)/);
    expect(first.output()).toContain('new database: adding demo data');
    const { password } = JSON.parse(await readFile(path.join(dataDir, 'credentials.json'), 'utf8')) as {
      password: string;
    };
    expect(first.output()).not.toContain(password);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()).toEqual({ status: 'ready', database: 'up' });
    const serverPid = Number((await readFile(path.join(dataDir, 'server.pid'), 'utf8')).trim());
    expect(processAlive(serverPid)).toBe(true);

    // The address to open: the built app, and the API through the web client's /graphql proxy.
    const web = `http://127.0.0.1:${webPort}`;
    expect(await (await fetch(`${web}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${web}/readyz`)).status).toBe(200);
    const page = await fetch(`${web}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<div id="root"></div>');
    const graphql = await fetch(`${web}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'npm-start-test' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get('x-request-id')).toBe('npm-start-test');
    expect(await graphql.json()).toEqual({ data: { me: null } });

    // While it runs, the command-line tools find its database without being told.
    const seeded = spawnSync('npm', ['run', 'db:seed', '--', '--tasks', '30'], { cwd: root, env, encoding: 'utf8' });
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('using the local database that npm start is running');
    expect(seeded.stdout).toContain('30 benchmark tasks added');

    const apiPid = pidOf(first.output(), 'gateway-api');
    const webPid = pidOf(first.output(), 'web-client');
    expect(processAlive(webPid)).toBe(true);
    process.kill(-first.child.pid!, 'SIGINT');
    expect(['exit 0', 'SIGINT']).toContain(await first.exited);
    expect(first.output()).toContain('database server stopped');
    expect(first.output()).toMatch(stoppedLine('gateway-api'));
    expect(first.output()).toMatch(stoppedLine('web-client'));
    // readable, never raw JSON (LOG_FORMAT=json asks for that; see below)
    expect(first.output()).not.toMatch(/^\{"level":/m);
    expect(processAlive(apiPid)).toBe(false);
    expect(processAlive(webPid)).toBe(false);
    expect(processAlive(serverPid)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${webPort}/healthz`)).rejects.toThrow();

    // Second run: same data, nothing to migrate, no second seed.
    const second = npmStart(env);
    await second.waitFor(/gateway-api listening/);
    await second.waitFor(/web-client listening/);
    expect(second.output()).toContain('migrations: up to date');
    expect(second.output()).not.toContain('adding demo data');
    process.kill(-second.child.pid!, 'SIGINT');
    expect(['exit 0', 'SIGINT']).toContain(await second.exited);
    expect(second.output()).toContain('database server stopped');
  });

  it('uses DATABASE_URL when given and starts no local server', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'start-unused-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    // a fresh database on the test server
    const admin = new URL(inject('adminDatabaseUrl'));
    const name = `start_${Date.now()}`;
    const mariadb = (await import('mariadb')).default;
    const conn = await mariadb.createConnection({
      host: admin.hostname,
      port: Number(admin.port),
      user: decodeURIComponent(admin.username),
      password: decodeURIComponent(admin.password),
    });
    await conn.query(`CREATE DATABASE \`${name}\``);
    cleanup.push(async () => {
      await conn.query(`DROP DATABASE \`${name}\``);
      await conn.end();
    });
    admin.pathname = `/${name}`;

    const webPort = await freePort();
    const run = npmStart({
      ...baseEnv(),
      DATABASE_URL: admin.toString(),
      TASKBOARD_DATA_DIR: dataDir,
      PORT: String(port),
      WEB_PORT: String(webPort),
      LOG_FORMAT: 'json',
    });
    await run.waitFor(/gateway-api listening/);
    await run.waitFor(/web-client listening/);
    expect(run.output()).toMatch(
      /database: mysql:\/\/[^:@]+@127\.0\.0\.1:\d+\/start_\d+ \(from DATABASE_URL\); no local server started/,
    );
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${webPort}/readyz`)).status).toBe(200);
    const [row] = await conn.query<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM \`${name}\`.User`);
    expect(Number(row!.n)).toBe(4);
    process.kill(-run.child.pid!, 'SIGINT');
    expect(['exit 0', 'SIGINT']).toContain(await run.exited);
    expect(run.output()).toMatch(/"name":"gateway-api","msg":"stopped"/);
    expect(run.output()).toMatch(/"name":"web-client","msg":"stopped"/);
    await expect(readFile(path.join(dataDir, 'server.pid'))).rejects.toThrow();
  });
});
