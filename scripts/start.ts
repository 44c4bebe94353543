// `npm start` / `npm run dev`: runs the whole product on this machine. Uses DATABASE_URL (or Clever
// Cloud's MYSQL_ADDON_*) when set; otherwise starts a MySQL-compatible server with its data in .data/.
// Then applies migrations, seeds demo data into a new database, and starts the services: the API,
// and the web client (the built app and its /graphql proxy; with --dev, Vite's dev server).
//   --dev   run from sources with reload on change (no build)
// Environment (besides the API's own, see .env.example):
//   PORT        the API's port (4000)
//   WEB_PORT    the web client's port (8080): the address to open in a browser
//   LOG_FORMAT  `pretty` (default): the services' JSON log lines shown readable; `json`: as they are
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, describeDatabase, loadDatabaseConfig, type DatabaseConfig } from 'gateway-api/config';
import { connectionOptions, migrate, MigrationError, createPrismaClient } from 'gateway-api/database';
import {
  findServerBinary,
  MissingServerBinaryError,
  startLocalDatabase,
  type LocalDatabase,
  type ServerBinary,
  DEMO_PASSWORD,
  DEMO_USERS,
  seed,
} from 'gateway-api/dev';
import { prettyFactory } from 'pino-pretty';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({ options: { dev: { type: 'boolean', default: false } } });
const say = (message: string) => console.log(`[start] ${message}`);
/** Detail under the current step. */
const detail = (message: string) => say(`    ${message}`);
const STEPS = flags.dev
  ? ['database', 'migrations', 'demo data', 'services']
  : ['build', 'database', 'migrations', 'demo data', 'services'];
/** One numbered line per step, in the order they run. */
const step = (name: (typeof STEPS)[number], message: string) =>
  say(`${STEPS.indexOf(name) + 1}/${STEPS.length} ${name}: ${message}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const fail = (message: string): never => {
  console.error(`[start] ${message}`);
  process.exit(1);
};

/** Node 24 is what the project is tested on (.nvmrc, CI, the images); an older one may still work, so only warn. */
function warnIfOldNode() {
  if (Number(process.versions.node.split('.')[0]) >= 24) return;
  console.warn(
    `[start] warning: this is Node ${process.version}; the project supports and is tested on Node 24. Switch with \`nvm use\` (reads .nvmrc), or run scripts/install-system-deps.sh and \`export PATH=/opt/taskboard-node24/bin:$PATH\``,
  );
}
warnIfOldNode();

const dataDir = path.resolve(root, process.env.TASKBOARD_DATA_DIR ?? '.data');
/** Where the local database's files are, as a person would type it. */
const dataDirLabel = `${path.relative(root, dataDir).startsWith('..') ? dataDir : path.relative(root, dataDir) || '.'}/`;

const externalDatabase = ['DATABASE_URL', 'MYSQL_ADDON_URI', 'MYSQL_ADDON_HOST'].some((v) => process.env[v]?.trim());

/** Checks, before any slow step, that a database can be had: fails within a second if not. */
async function preflight(): Promise<{ external?: DatabaseConfig; binary?: ServerBinary }> {
  if (externalDatabase) {
    try {
      return { external: loadDatabaseConfig() };
    } catch (error) {
      if (error instanceof ConfigError) fail(error.message);
      throw error;
    }
  }
  try {
    return { binary: await findServerBinary({ explicit: process.env.MYSQLD }) };
  } catch (error) {
    if (error instanceof MissingServerBinaryError || (error instanceof Error && error.message.startsWith('MYSQLD='))) {
      fail(`cannot start: no database is configured and ${error.message.replace(/^No/, 'no')}`);
    }
    throw error;
  }
}

/** Runs a command to completion; its output is shown only when it fails (it is long and routine). */
function runQuietly(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.trimEnd()}`)),
    );
  });
}

/**
 * The services log JSON lines (what a log collector wants). Here a person reads them, so unless
 * LOG_FORMAT=json they go through pino's own prettifier: time, level, (service/pid), message, and the
 * other fields on the same line; an error's stack on the lines below. Other lines pass unchanged.
 */
const prettyLogs = (process.env.LOG_FORMAT?.trim() || 'pretty') !== 'json';
const prettify = prettyFactory({
  colorize: Boolean(process.stdout.isTTY),
  translateTime: 'HH:MM:ss',
  ignore: 'hostname',
  singleLine: true,
});
function showLogs(child: ChildProcess) {
  if (!child.stdout) return;
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) =>
    process.stdout.write(prettify(line) || `${line}\n`),
  );
}

/** Waits until url answers (any HTTP status). If the child exits first, its exit handler stops everything. */
async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) return new Promise(() => {});
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const children: { name: string; process: ChildProcess }[] = [];
let database: LocalDatabase | undefined;
let stopping = false;

/** Longer than the services' own SHUTDOWN_TIMEOUT_SECONDS (20 s), which they honour themselves. */
const CHILD_STOP_TIMEOUT_MS = 25_000;

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping ...');
  await Promise.all(
    children.map(
      ({ name, process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          // `node --watch` (npm run dev) can ignore signals once its script has crashed: do not hang.
          const timer = setTimeout(() => {
            say(`${name} did not stop within ${CHILD_STOP_TIMEOUT_MS / 1000} s: killing it`);
            child.kill('SIGKILL');
          }, CHILD_STOP_TIMEOUT_MS);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (database) {
    await database.stop();
    say(`database server stopped (data kept in ${dataDirLabel})`);
  }
  process.exit(code);
}

let firstSignalAt = 0;
process.on('SIGINT', () => {
  // A terminal's Ctrl-C may arrive more than once through npm; only a later, deliberate one forces.
  if (stopping && Date.now() - firstSignalAt > 1000) {
    say('second Ctrl-C: exiting now');
    process.exit(130);
  }
  if (!stopping) firstSignalAt = Date.now();
  void stopAll(0);
});
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  const { external, binary } = await preflight();
  say(
    flags.dev
      ? 'npm run dev: the product from its sources; the API restarts on change, the UI reloads in place'
      : 'npm start: the product from a production build (npm run dev runs it from the sources, with reload)',
  );

  if (!flags.dev) {
    const started = Date.now();
    step('build', 'npm run build (its output is shown only if it fails) ...');
    await runQuietly('npm', ['run', 'build']);
    // The build may "succeed" with the client missing (e.g. an outDir changed): say so now, not as a
    // web server that refuses to start after the database has been set up.
    const index = path.join(root, 'web-client/dist/public/index.html');
    if (!existsSync(index)) {
      fail(
        `the build left no ${path.relative(root, index)}: the web client did not build (see npm run build -w web-client)`,
      );
    }
    detail(`built in ${seconds(started)}`);
  }

  let db: DatabaseConfig;
  if (external) {
    db = external;
    step('database', `${describeDatabase(db)} (from ${db.source}); no local server started`);
  } else {
    step('database', `starting a local ${binary!.version} (${binary!.server}) ...`);
    database = await startLocalDatabase({ dataDir, database: 'taskboard', binary: binary!, log: detail });
    db = {
      host: database.host,
      port: database.port,
      user: database.user,
      password: database.password,
      database: database.database,
      poolSize: 10,
      ssl: undefined,
      source: 'DATABASE_URL',
    };
    detail(`${describeDatabase(db)}, data kept in ${dataDirLabel}`);
  }

  step('migrations', 'applying what is new ...');
  const result = await migrate({ connection: connectionOptions(db), log: detail });
  detail(result.applied.length ? `applied ${result.applied.length} migration(s)` : 'migrations: up to date');

  const prisma = createPrismaClient(db);
  try {
    if ((await prisma.user.count()) === 0) {
      step('demo data', 'new database: adding demo data ...');
      await seed(prisma);
      detail(`demo accounts (local only): ${DEMO_USERS.map((u) => u.email).join(', ')} / password "${DEMO_PASSWORD}"`);
    } else {
      step('demo data', 'the database has users already: nothing added');
    }
  } finally {
    await prisma.$disconnect();
  }

  const env = {
    ...process.env,
    ...(database ? { DATABASE_URL: database.url } : {}),
    // production mode needs real secrets and TLS cookies; a run on a laptop is development
    NODE_ENV: process.env.NODE_ENV ?? 'development',
  };
  const apiPort = process.env.PORT?.trim() || '4000';
  const webPort = process.env.WEB_PORT?.trim() || '8080';
  step('services', `starting gateway-api (port ${apiPort}) and web-client (port ${webPort}) ...`);
  // stdout is piped for the log prettifier; the IPC channel lets a service notice if this supervisor
  // dies without stopping it.
  const stdout = prettyLogs ? 'pipe' : 'inherit';
  const api = flags.dev
    ? spawn(process.execPath, ['--import', 'tsx', '--watch', 'gateway-api/src/main.ts'], {
        cwd: root,
        // the API's decorators need its own tsconfig (experimentalDecorators), not the root one
        env: { ...env, TSX_TSCONFIG_PATH: path.join(root, 'gateway-api/tsconfig.json') },
        stdio: ['inherit', stdout, 'inherit', 'ipc'],
      })
    : spawn(process.execPath, ['gateway-api/dist/main.js'], {
        cwd: root,
        env,
        stdio: ['inherit', stdout, 'inherit', 'ipc'],
      });
  children.push({ name: 'gateway-api', process: api });

  // The browser talks to the web client only; it proxies /graphql to the API (Vite's dev server
  // does the same in development), so the session cookie stays first-party.
  const webEnv = { ...env, PORT: webPort, GATEWAY_API_URL: `http://127.0.0.1:${apiPort}/graphql` };
  const web = flags.dev
    ? // Vite itself, not through npm: a signal sent to this process reaches Vite directly (npm would
      // leave it running when stopped on its own). --strictPort: fail rather than move to another
      // port than the one printed below.
      spawn(process.execPath, [viteBin(), '--strictPort'], {
        cwd: path.join(root, 'web-client'),
        env: webEnv,
        stdio: 'inherit',
      })
    : spawn(process.execPath, ['web-client/dist/server/index.js'], {
        cwd: root,
        env: webEnv,
        stdio: ['inherit', stdout, 'inherit', 'ipc'],
      });
  children.push({ name: 'web-client', process: web });

  for (const { name, process: child } of children) {
    if (prettyLogs) showLogs(child);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      say(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void stopAll(code || 1);
    });
  }
  const started = Date.now();
  await Promise.all([
    waitUntilServing(`http://127.0.0.1:${apiPort}/healthz`, api),
    waitUntilServing(`http://127.0.0.1:${webPort}/`, web),
  ]);
  detail(`gateway-api: http://localhost:${apiPort}/graphql  (health: /healthz, readiness: /readyz)`);
  detail(`web-client serving after ${seconds(started)}`);
  say(`ready: open http://localhost:${webPort}  (the GraphQL playground: http://localhost:${webPort}/playground)`);
  if (flags.dev) say('editing web-client/src updates the open page; editing gateway-api/src restarts the API');
  say('press Ctrl-C to stop everything');
}

/** Vite's command-line entry point, from the web client's own dependencies. */
function viteBin(): string {
  const vitePackage = createRequire(path.join(root, 'web-client/package.json')).resolve('vite/package.json');
  return path.join(path.dirname(vitePackage), 'bin/vite.js');
}

main().catch(async (error: unknown) => {
  console.error(
    `[start] ${error instanceof MigrationError || error instanceof ConfigError ? error.message : String(error instanceof Error ? (error.stack ?? error) : error)}`,
  );
  await stopAll(1);
});
