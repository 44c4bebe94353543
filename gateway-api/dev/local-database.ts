// Runs a MySQL-compatible server from the machine's own `mariadbd`/`mysqld` for local development
// and tests, so that nobody has to install, configure or start a database by hand.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@taskboard/test-kit/ports';
import { processAlive } from '@taskboard/test-kit/processes';
import mariadb, { type Connection } from 'mariadb';

const execFileAsync = promisify(execFile);

/** Where servers are commonly installed when they are not on PATH (Debian puts mariadbd in /usr/sbin). */
const WELL_KNOWN_DIRS = [
  '/usr/sbin',
  '/usr/local/sbin',
  '/usr/local/mysql/bin',
  '/opt/homebrew/bin',
  '/opt/homebrew/opt/mysql/bin',
  '/opt/homebrew/opt/mariadb/bin',
  '/usr/local/opt/mysql/bin',
  '/usr/local/opt/mariadb/bin',
];

export const INSTALL_HINT =
  'Install a MySQL-compatible server (Debian/Ubuntu: `sudo apt-get install mariadb-server`, or run ' +
  '`scripts/install-system-deps.sh`; macOS: `brew install mysql`), or point the app at an existing ' +
  'database with DATABASE_URL=mysql://USER:PASSWORD@HOST:3306/DB (or the MYSQL_ADDON_* variables).';

export class MissingServerBinaryError extends Error {
  constructor(searched: string[]) {
    super(
      `No MySQL-compatible server binary (mariadbd or mysqld) found; looked in ${searched.join(', ')}.\n` +
        INSTALL_HINT,
    );
    this.name = 'MissingServerBinaryError';
  }
}

export interface ServerBinary {
  /** absolute path of mariadbd or mysqld */
  server: string;
  flavor: 'mariadb' | 'mysql';
  /** e.g. "MariaDB 10.11.19" */
  version: string;
}

export interface FindOptions {
  /** Explicit server binary (the MYSQLD variable); when set, nothing else is searched. */
  explicit?: string | undefined;
  /** Directories to search; defaults to PATH followed by the well-known install locations. */
  searchDirs?: string[];
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function defaultSearchDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromPath = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  // Tests use TASKBOARD_MYSQLD_SEARCH_DIRS to simulate a machine without a server.
  const wellKnown =
    env.TASKBOARD_MYSQLD_SEARCH_DIRS !== undefined
      ? env.TASKBOARD_MYSQLD_SEARCH_DIRS.split(path.delimiter).filter(Boolean)
      : WELL_KNOWN_DIRS;
  return [...new Set([...fromPath, ...wellKnown])];
}

/** Finds the server binary: MariaDB's `mariadbd` first, then MySQL's `mysqld`. */
export async function findServerBinary(options: FindOptions = {}): Promise<ServerBinary> {
  const candidates: string[] = [];
  if (options.explicit) {
    candidates.push(options.explicit);
  } else {
    const dirs = options.searchDirs ?? defaultSearchDirs();
    for (const name of ['mariadbd', 'mysqld']) for (const dir of dirs) candidates.push(path.join(dir, name));
  }
  for (const candidate of candidates) {
    if (!(await isExecutable(candidate))) continue;
    const { stdout } = await execFileAsync(candidate, ['--version']);
    const flavor = /mariadb/i.test(stdout) ? 'mariadb' : 'mysql';
    // "mariadbd  Ver 10.11.19-MariaDB-0+deb12u1 for ..." -> "MariaDB 10.11.19"
    const number = /Ver\s+(\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? 'unknown version';
    return { server: candidate, flavor, version: `${flavor === 'mariadb' ? 'MariaDB' : 'MySQL'} ${number}` };
  }
  if (options.explicit) {
    throw new Error(`MYSQLD=${options.explicit} is not an executable file. ${INSTALL_HINT}`);
  }
  throw new MissingServerBinaryError(options.searchDirs ?? defaultSearchDirs());
}

export interface LocalDatabaseOptions {
  /** Directory that holds the server's files (created if missing; kept between runs). */
  dataDir: string;
  /** Name of the application database to create. */
  database: string;
  /** Application user; gets every privilege on `database` (or on everything with `grantAll`). */
  user?: string;
  /** Also let the application user create and drop other databases (test servers). */
  grantAll?: boolean;
  /** Trade durability for speed (throwaway test servers only). */
  ephemeral?: boolean;
  binary?: ServerBinary;
  /** TCP port to listen on (default: a free one); tests restart a server on the port it had. */
  port?: number;
  /** More server options, e.g. a TLS certificate (`--ssl-cert=...`) for tests of TLS to the database. */
  serverArgs?: string[];
  /** Seconds to wait for the server to accept connections. */
  startTimeoutSeconds?: number;
  log?: (message: string) => void;
}

export interface LocalDatabase {
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  binary: ServerBinary;
  /** true when this call initialised the data directory */
  initialised: boolean;
  pid: number;
  stop(): Promise<void>;
}

const RUNNING_FILE = 'running.json';

/**
 * The connection URL of the local server that `npm start` is running on `dataDir`, if any: lets
 * the command-line tools work against it without anyone copying a generated password around.
 */
export async function runningLocalDatabaseUrl(dataDir: string): Promise<string | undefined> {
  try {
    const running = JSON.parse(await readFile(path.join(dataDir, RUNNING_FILE), 'utf8')) as {
      pid: number;
      port: number;
      database: string;
    };
    if (!processAlive(running.pid)) return undefined;
    const { user, password } = JSON.parse(
      await readFile(path.join(dataDir, 'credentials.json'), 'utf8'),
    ) as Credentials;
    return `mysql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${encodeURIComponent(running.database)}`;
  } catch {
    return undefined;
  }
}

interface Credentials {
  user: string;
  password: string;
}

/** Linux: true when `pid` is a server on `serverDir` whose parent has gone (re-parented to init). */
async function isOrphanedServer(pid: number, serverDir: string): Promise<boolean> {
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return cmdline.includes(`--datadir=${serverDir}`) && ppid === 1;
  } catch {
    return false;
  }
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function runAsRootArgs(): string[] {
  // mysqld refuses to run as root unless told to; as any other user the flag is not needed.
  return process.getuid?.() === 0 ? ['--user=root'] : [];
}

async function initialiseDataDir(binary: ServerBinary, target: string, log: (m: string) => void): Promise<void> {
  // Initialise into a sibling directory and rename it into place, so that an interrupted first
  // run never leaves a half-initialised data directory behind.
  const staging = `${target}.init-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  log(`initialising a new ${binary.flavor} data directory in ${target} (first run only)`);
  try {
    if (binary.flavor === 'mariadb') {
      const dir = path.dirname(binary.server);
      const installDb = (
        await Promise.all(
          [
            path.join(dir, 'mariadb-install-db'),
            path.join(dir, '..', 'bin', 'mariadb-install-db'),
            '/usr/bin/mariadb-install-db',
            path.join(dir, 'mysql_install_db'),
            path.join(dir, '..', 'bin', 'mysql_install_db'),
          ].map(async (p) => ((await isExecutable(p)) ? p : undefined)),
        )
      ).find(Boolean);
      if (!installDb) throw new Error(`mariadb-install-db not found next to ${binary.server}`);
      await execFileAsync(installDb, [
        '--no-defaults',
        `--datadir=${staging}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        ...runAsRootArgs(),
      ]);
    } else {
      await execFileAsync(binary.server, [
        '--no-defaults',
        '--initialize-insecure',
        `--datadir=${staging}`,
        ...runAsRootArgs(),
      ]);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`Could not initialise the database data directory with ${binary.server}:\n${detail}`, {
      cause: error,
    });
  }
  await rename(staging, target);
}

async function readOrCreateCredentials(file: string, user: string): Promise<Credentials> {
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Credentials;
    if (stored.user === user && stored.password) return stored;
  } catch {
    // first run: fall through and create them
  }
  const credentials = { user, password: randomBytes(18).toString('base64url') };
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}

async function tail(file: string, lines = 15): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const ident = (value: string) => `\`${value.replace(/`/g, '``')}\``;

/**
 * Starts a server on a free port bound to 127.0.0.1, initialising `dataDir` on first use, and makes
 * sure the application database and user exist. Call `stop()` to shut it down cleanly.
 */
export async function startLocalDatabase(options: LocalDatabaseOptions): Promise<LocalDatabase> {
  const log = options.log ?? (() => {});
  const binary = options.binary ?? (await findServerBinary({ explicit: process.env.MYSQLD }));
  const dataDir = path.resolve(options.dataDir);
  const serverDir = path.join(dataDir, binary.flavor);
  const pidFile = path.join(dataDir, 'server.pid');
  const errorLog = path.join(dataDir, 'server.log');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });

  if (await fileExists(pidFile)) {
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    if (pid && processAlive(pid) && (await isOrphanedServer(pid, serverDir))) {
      // A previous run was killed before it could stop its server: stop that server now.
      log(`stopping a database server left running by an earlier run (pid ${pid})`);
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 60_000;
      while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    }
    if (pid && processAlive(pid)) {
      throw new Error(
        `Another database server (pid ${pid}) is already using ${serverDir}. Stop the other ` +
          '`npm start` first (Ctrl-C in its terminal), or give this one its own TASKBOARD_DATA_DIR.',
      );
    }
  }

  const initialised = !(await fileExists(serverDir));
  if (initialised) await initialiseDataDir(binary, serverDir, log);

  const port = options.port ?? (await freePort());
  // Unix socket paths are limited to ~100 bytes, so the socket lives in a short temporary directory.
  const socketDir = await mkdtemp(path.join(os.tmpdir(), 'taskboard-db-'));
  const socket = path.join(socketDir, 'mysqld.sock');
  const args = [
    '--no-defaults',
    `--datadir=${serverDir}`,
    `--socket=${socket}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--pid-file=${pidFile}`,
    `--log-error=${errorLog}`,
    '--skip-log-bin',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    ...(binary.flavor === 'mysql' ? ['--mysqlx=OFF'] : []),
    ...(options.ephemeral ? ['--innodb-flush-log-at-trx-commit=0', '--sync-binlog=0', '--innodb-doublewrite=0'] : []),
    ...runAsRootArgs(),
    ...(options.serverArgs ?? []),
  ];
  // Its own process group: a Ctrl-C in the terminal reaches our process, which then stops the
  // server in order, instead of reaching the server directly.
  const child = spawn(binary.server, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 60_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    await rm(socketDir, { recursive: true, force: true });
  };

  // Wait until the server accepts connections as root on its socket (or dies trying).
  const deadline = Date.now() + (options.startTimeoutSeconds ?? 60) * 1000;
  let root: Connection | undefined;
  let lastError: unknown;
  while (!root) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await rm(socketDir, { recursive: true, force: true });
      throw new Error(
        `The database server exited during start-up (${binary.server}). Its log says:\n` +
          `${await tail(errorLog)}\n${stderr.trim()}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The database server did not accept connections within ${options.startTimeoutSeconds ?? 60} s ` +
          `(last error: ${String(lastError)}). Its log says:\n${await tail(errorLog)}`,
      );
    }
    try {
      root = await mariadb.createConnection({ socketPath: socket, user: 'root', connectTimeout: 1000 });
    } catch (error) {
      lastError = error;
      await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
    }
  }

  const user = options.user ?? 'taskboard';
  const credentials = await readOrCreateCredentials(path.join(dataDir, 'credentials.json'), user);
  try {
    // Anonymous accounts shadow every other account when logging in over TCP: remove them.
    const anonymous = await root.query<{ Host: string }[]>("SELECT Host FROM mysql.user WHERE User = ''");
    for (const { Host } of anonymous) await root.query(`DROP USER ''@${quote(Host)}`);
    await root.query(
      `CREATE DATABASE IF NOT EXISTS ${ident(options.database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    for (const host of ['127.0.0.1', 'localhost']) {
      const account = `${quote(user)}@${quote(host)}`;
      await root.query(`CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${quote(credentials.password)}`);
      await root.query(`ALTER USER ${account} IDENTIFIED BY ${quote(credentials.password)}`);
      await root.query(
        options.grantAll
          ? `GRANT ALL PRIVILEGES ON *.* TO ${account} WITH GRANT OPTION`
          : `GRANT ALL PRIVILEGES ON ${ident(options.database)}.* TO ${account}`,
      );
    }
  } finally {
    await root.end();
  }

  const url = `mysql://${encodeURIComponent(user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`;
  // Lets `npm run db:migrate` / `db:seed` find this server while it runs (the password stays in
  // credentials.json, readable by the owner only).
  const runningFile = path.join(dataDir, RUNNING_FILE);
  await writeFile(runningFile, `${JSON.stringify({ pid: child.pid, port, database: options.database })}\n`, {
    mode: 0o600,
  });
  log(`${binary.flavor} server ready on 127.0.0.1:${port} (data in ${serverDir})`);
  return {
    url,
    host: '127.0.0.1',
    port,
    user,
    password: credentials.password,
    database: options.database,
    binary,
    initialised,
    pid: child.pid ?? 0,
    stop: async () => {
      await rm(runningFile, { force: true });
      await stop();
      await rm(pidFile, { force: true });
    },
  };
}
