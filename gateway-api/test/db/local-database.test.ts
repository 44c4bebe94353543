// The local database launcher with the machine's real mariadbd/mysqld.
import { access, mkdtemp, mkdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mariadb from 'mariadb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findServerBinary,
  MissingServerBinaryError,
  startLocalDatabase,
  type LocalDatabase,
} from '../../dev/local-database.js';
import { processAlive } from '@taskboard/test-kit/processes';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
async function tempDir(prefix: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

const connect = (db: LocalDatabase) =>
  mariadb.createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
  });

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('local database launcher', () => {
  it('initialises once, keeps data across a restart, and stops cleanly', async () => {
    const dataDir = await tempDir('launcher-');
    const first = await startLocalDatabase({ dataDir, database: 'app' });
    expect(first.initialised).toBe(true);
    expect(first.host).toBe('127.0.0.1');
    expect(first.url).toMatch(/^mysql:\/\/taskboard:[^@]+@127\.0\.0\.1:\d+\/app$/);
    const conn = await connect(first);
    await conn.query('CREATE TABLE note (id INT PRIMARY KEY, body VARCHAR(50))');
    await conn.query("INSERT INTO note VALUES (1, 'kept')");
    await conn.end();
    await first.stop();
    expect(processAlive(first.pid)).toBe(false);
    expect(await portOpen(first.port)).toBe(false);
    await expect(access(path.join(dataDir, 'server.pid'))).rejects.toThrow();

    const second = await startLocalDatabase({ dataDir, database: 'app' });
    try {
      expect(second.initialised).toBe(false);
      expect(second.password).toBe(first.password);
      const again = await connect(second);
      expect(await again.query('SELECT body FROM note')).toEqual([{ body: 'kept' }]);
      await again.end();
    } finally {
      await second.stop();
    }
    // the generated password is stored for the owner only
    const credentials = path.join(dataDir, 'credentials.json');
    expect(JSON.parse(await readFile(credentials, 'utf8'))).toEqual({ user: 'taskboard', password: first.password });
  });

  it('only listens on 127.0.0.1 and gives the app user no rights beyond its database', async () => {
    const db = await startLocalDatabase({ dataDir: await tempDir('launcher-'), database: 'app' });
    try {
      const conn = await connect(db);
      await expect(conn.query('CREATE DATABASE other')).rejects.toThrow(/denied/i);
      const [bind] = await conn.query<{ Value: string }[]>("SHOW VARIABLES LIKE 'bind_address'");
      expect(bind!.Value).toBe('127.0.0.1');
      await conn.end();
    } finally {
      await db.stop();
    }
  });

  it('refuses a second server on the same data directory while the first runs', async () => {
    const dataDir = await tempDir('launcher-');
    const db = await startLocalDatabase({ dataDir, database: 'app' });
    try {
      await expect(startLocalDatabase({ dataDir, database: 'app' })).rejects.toThrow(/already using .*Stop the other/s);
    } finally {
      await db.stop();
    }
  });

  it('says what to install when no server binary exists', async () => {
    const empty = await tempDir('no-server-');
    const error = await findServerBinary({ searchDirs: [empty] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingServerBinaryError);
    const message = (error as Error).message;
    expect(message).toContain(empty);
    expect(message).toContain('apt-get install mariadb-server');
    expect(message).toContain('brew install mysql');
    expect(message).toContain('DATABASE_URL=mysql://');
    await expect(findServerBinary({ explicit: path.join(empty, 'mysqld') })).rejects.toThrow(
      /MYSQLD=.* is not an executable file/,
    );
  });

  it('reports why the server could not start', async () => {
    const dataDir = await tempDir('broken-');
    // a data directory that exists but holds no system tables
    const binary = await findServerBinary();
    await mkdir(path.join(dataDir, binary.flavor));
    await expect(startLocalDatabase({ dataDir, database: 'app', binary, startTimeoutSeconds: 30 })).rejects.toThrow(
      /exited during start-up|did not accept connections/,
    );
  });
});
