// TLS to the database with a certificate no public CA signs (managed MySQL add-ons do this; Clever
// Cloud does not say which CA signs theirs): a MariaDB started with a certificate from a CA made
// here. Without that CA, the migration runner and the API each say so in one line naming the
// setting to fix, and nothing is migrated; with it (DATABASE_SSL_CA), both work, over TLS.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mariadb from 'mariadb';
import { startLocalDatabase, type LocalDatabase } from 'gateway-api/dev';
import { freePort } from '@taskboard/test-kit/ports';
import { eventually } from '@taskboard/test-kit/waiting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const exec = promisify(execFile);

let dir: string;
let db: LocalDatabase;
let caFile: string;

async function openssl(...args: string[]) {
  try {
    await exec('openssl', args, { cwd: dir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('openssl is not installed: run scripts/install-system-deps.sh', { cause: error });
    throw error;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'taskboard-tls-'));
  // a CA of our own, and the server's certificate signed by it, valid for 127.0.0.1
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Taskboard test CA',
  );
  await openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=127.0.0.1',
  );
  await writeFile(path.join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '2',
    '-extfile',
    'san.cnf',
  );
  caFile = path.join(dir, 'ca.pem');
  db = await startLocalDatabase({
    dataDir: path.join(dir, 'db'),
    database: 'taskboard_tls',
    ephemeral: true,
    serverArgs: [
      `--ssl-cert=${path.join(dir, 'server.pem')}`,
      `--ssl-key=${path.join(dir, 'server.key')}`,
      `--ssl-ca=${caFile}`,
    ],
  });
});

afterAll(async () => {
  await db?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string>) => ({
  PATH: process.env.PATH,
  DATABASE_URL: db.url,
  DATABASE_SSL: 'true',
  ...extra,
});

function migrate(extra: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/db/migrate.ts'], { cwd: API, env: env(extra) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function tables(): Promise<string[]> {
  const connection = await mariadb.createConnection({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    ssl: { ca: await readFile(caFile, 'utf8') },
  });
  try {
    return ((await connection.query('SHOW TABLES')) as Record<string, string>[]).map((row) => Object.values(row)[0]!);
  } finally {
    await connection.end();
  }
}

const TLS_LINE =
  /^The database's TLS certificate could not be verified \(self-signed certificate in certificate chain\): give the CA certificate that signed it in DATABASE_SSL_CA \(.*gateway-api\.externalDatabase\.tls\.ca or gateway-api\.externalDatabase\.tls\.existingCaSecret\)\.$/;

describe('the migration runner over TLS', () => {
  it('without the CA: one line saying what to set, exit 1, nothing migrated', async () => {
    const result = await migrate({});
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.replace(/^error: /, '')).toMatch(TLS_LINE);
    expect(await tables()).toEqual([]);
  });

  it('with DATABASE_SSL_CA: migrates', async () => {
    const result = await migrate({ DATABASE_SSL_CA: caFile });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/applied \d+ migration\(s\)/);
    expect(await tables()).toContain('Task');
  });
});

describe('the API over TLS', () => {
  const started: ChildProcess[] = [];
  afterAll(() => started.forEach((child) => child.kill('SIGKILL')));

  async function startApi(extra: Record<string, string>) {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: API,
      env: env({ PORT: String(port), HOST: '127.0.0.1', SESSION_SECRET: 'tls-test-secret-0123456789abcdef', ...extra }),
    });
    started.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const readyz = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
      return response && { status: response.status, body: (await response.json()) as { status: string } };
    };
    return { output: () => output, readyz };
  }

  it('without the CA: logs that one line as an error, and is not ready', async () => {
    const api = await startApi({});
    const logged = await eventually(60, () =>
      api
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .find((entry) => entry.level === 50 && TLS_LINE.test(entry.msg)),
    );
    expect(logged.msg).toMatch(TLS_LINE);
    expect(await api.readyz()).toEqual({ status: 503, body: expect.objectContaining({ status: 'starting' }) });
  });

  it('with DATABASE_SSL_CA: ready, and no such line', async () => {
    const api = await startApi({ DATABASE_SSL_CA: caFile });
    const ready = await eventually(60, async () => {
      const answer = await api.readyz();
      return answer?.status === 200 && answer;
    });
    expect(ready.body).toEqual({ status: 'ready', database: 'up' });
    expect(api.output()).not.toContain('TLS certificate could not be verified');
  });
});
