// `npm start` / `npm run dev`: runs the whole product on this machine. Uses DATABASE_URL (or Clever
// Cloud's MYSQL_ADDON_*) when set; otherwise starts a MySQL-compatible server with its data in .data/.
// Then applies migrations, seeds demo data into a new database, and starts the services: the API,
// and the web client (the built app and its /graphql proxy; with --dev, Vite's dev server).
//   --dev   run from sources with reload on change (no build)
// Environment (besides the API's own, see .env.example):
//   PORT       the API's port (4000)
//   WEB_PORT   the web client's port (8080): the address to open in a browser
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  ConfigError,
  describeDatabase,
  loadDatabaseConfig,
  type DatabaseConfig,
} from '../gateway-api/src/config/database.js';
import { connectionOptions } from '../gateway-api/src/db/connection.js';
import {
  findServerBinary,
  MissingServerBinaryError,
  startLocalDatabase,
  type LocalDatabase,
  type ServerBinary,
} from '../gateway-api/src/db/local-database.js';
import { migrate, MigrationError } from '../gateway-api/src/db/migrator.js';
import { createPrismaClient } from '../gateway-api/src/db/prisma.js';
import { DEMO_PASSWORD, DEMO_USERS, seed } from '../gateway-api/src/db/seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({ options: { dev: { type: 'boolean', default: false } } });
const say = (message: string) => console.log(`[start] ${message}`);
const fail = (message: string): never => {
  console.error(`[start] ${message}`);
  process.exit(1);
};

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

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
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
    say('database server stopped (data kept in .data/)');
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

  if (!flags.dev) {
    say('building (npm run build) ...');
    await run('npm', ['run', 'build', '--silent']);
    // The build may "succeed" with the client missing (e.g. an outDir changed): say so now, not as a
    // web server that refuses to start after the database has been set up.
    const index = path.join(root, 'web-client/dist/public/index.html');
    if (!existsSync(index)) {
      fail(
        `the build left no ${path.relative(root, index)}: the web client did not build (see npm run build -w web-client)`,
      );
    }
  }

  let db: DatabaseConfig;
  if (external) {
    db = external;
    say(`database: ${describeDatabase(db)} (from ${db.source}); no local server started`);
  } else {
    const dataDir = path.resolve(root, process.env.TASKBOARD_DATA_DIR ?? '.data');
    database = await startLocalDatabase({ dataDir, database: 'taskboard', binary: binary!, log: say });
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
    say(`database: local ${binary!.version} (${binary!.server}), started by npm start`);
    say(`          ${describeDatabase(db)}, data kept in ${path.relative(root, dataDir) || dataDir}/`);
  }

  const result = await migrate({ connection: connectionOptions(db), log: say });
  say(result.applied.length ? `applied ${result.applied.length} migration(s)` : 'migrations: up to date');

  const prisma = createPrismaClient(db);
  try {
    if ((await prisma.user.count()) === 0) {
      say('new database: adding demo data');
      await seed(prisma);
      say(`demo accounts (local only): ${DEMO_USERS.map((u) => u.email).join(', ')} / password "${DEMO_PASSWORD}"`);
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
  // The IPC channel lets the service notice if this supervisor dies without stopping it.
  const stdio: StdioOptions = ['inherit', 'inherit', 'inherit', 'ipc'];
  const api = flags.dev
    ? spawn(process.execPath, ['--import', 'tsx', '--watch', 'gateway-api/src/main.ts'], {
        cwd: root,
        // the API's decorators need its own tsconfig (experimentalDecorators), not the root one
        env: { ...env, TSX_TSCONFIG_PATH: path.join(root, 'gateway-api/tsconfig.json') },
        stdio,
      })
    : spawn(process.execPath, ['gateway-api/dist/main.js'], { cwd: root, env, stdio });
  children.push({ name: 'gateway-api', process: api });

  // The browser talks to the web client only; it proxies /graphql to the API (Vite's dev server
  // does the same in development), so the session cookie stays first-party.
  const webEnv = { ...env, PORT: webPort, GATEWAY_API_URL: `http://127.0.0.1:${apiPort}/graphql` };
  const web = flags.dev
    ? // npm forwards SIGTERM/SIGINT to Vite; --strictPort so that Vite fails rather than move to
      // another port than the one printed below.
      spawn('npm', ['run', 'dev', '-w', 'web-client', '--', '--strictPort'], {
        cwd: root,
        env: webEnv,
        stdio: 'inherit',
      })
    : spawn(process.execPath, ['web-client/dist/server/index.js'], { cwd: root, env: webEnv, stdio });
  children.push({ name: 'web-client', process: web });

  for (const { name, process: child } of children) {
    child.once('exit', (code, signal) => {
      if (stopping) return;
      say(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void stopAll(code || 1);
    });
  }
  say(`gateway-api: http://localhost:${apiPort}  (health: /healthz, readiness: /readyz)`);
  say(`web-client: http://localhost:${webPort}  <- open this in a browser`);
  say('press Ctrl-C to stop everything');
}

main().catch(async (error: unknown) => {
  console.error(
    `[start] ${error instanceof MigrationError || error instanceof ConfigError ? error.message : String(error instanceof Error ? (error.stack ?? error) : error)}`,
  );
  await stopAll(1);
});
