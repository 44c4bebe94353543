// The four implementations under comparison and how each is started and signed in to.
import { randomBytes, createHmac } from 'node:crypto';
import path from 'node:path';
import { freePort } from '@taskboard/test-kit/ports';
import type { Service } from '@taskboard/test-kit/processes';
import { sessionCookieName } from 'gateway-api/config';
import { describeErrors, post } from '../lib/client.js';
import type { BenchDatabase } from '../lib/db.js';
import type { BenchData } from '../lib/data.js';
import { API_ENTRY, REPO, serverEntry } from '../lib/paths.js';
import { SERVER_CPU, startService } from '../lib/proc.js';
import { body } from './operations.js';

export type ImplKey = 'a' | 'b' | 'c' | 'd';

export interface Impl {
  key: ImplKey;
  name: string;
  what: string;
  entry: string;
}

export const IMPLS: Impl[] = [
  {
    key: 'a',
    name: 'gateway-api',
    what: 'the production build (node dist/main.js): Fastify + Apollo Server 5 + type-graphql + Prisma 7, DataLoaders',
    entry: API_ENTRY,
  },
  {
    key: 'b',
    name: 'floor',
    what: 'hand-written node:http endpoint, raw mariadb SQL, same JSON (bench/api/servers/floor.ts)',
    entry: serverEntry('floor'),
  },
  {
    key: 'c',
    name: 'naive',
    what: 'same type-graphql types, per-row Prisma relation queries, no DataLoader (bench/api/servers/naive.ts)',
    entry: serverEntry('naive'),
  },
  {
    key: 'd',
    name: 'plain Apollo',
    what: 'Apollo Server 5 + SDL contract + same services and loaders, node:http (bench/api/servers/plain.ts)',
    entry: serverEntry('plain'),
  },
];

export const POOL_SIZE = 10;
/** Production mode needs a secret; this one exists only in the bench database. */
export const SESSION_SECRET = 'bench-only-session-secret-not-for-production-0000';

/** One environment for all four: the variables gateway-api documents, in production mode. */
export function serverEnv(port: number, databaseUrl: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(POOL_SIZE),
    SESSION_SECRET,
    // Production's level is info, which makes Fastify log two lines per request in gateway-api and
    // nothing in the others: warn keeps the comparison about the request path itself.
    LOG_LEVEL: 'warn',
    BENCH_SCHEMA_FILE: path.join(REPO, 'schema/schema.graphql'),
    ...extra,
  };
}

export interface Running {
  impl: Impl;
  service: Service;
  url: string;
  cookie: string;
}

/**
 * Every implementation runs with `nodeFlags` (the chart's NODE_OPTIONS for gateway-api: the heap a pod
 * gives it, so that memory is measured as it ships and the others are held to the same). `profile`: a
 * CPU profile of the server's whole life, written in that folder as it exits, named after the server
 * and the run (`bench --cpu-prof`).
 */
export async function startImpl(
  impl: Impl,
  db: BenchDatabase,
  data: BenchData,
  nodeFlags: string[],
  profile?: { dir: string; run: number },
): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const name = `${impl.key}-${impl.name.replace(/\W+/g, '-')}`;
  const service = await startService(`server-${name}`, impl.entry, {
    cwd: REPO,
    env: serverEnv(port, db.url),
    readyUrl: `${url}/readyz`,
    cpu: SERVER_CPU,
    nodeArgs: [
      ...nodeFlags,
      ...(profile
        ? ['--cpu-prof', `--cpu-prof-dir=${profile.dir}`, `--cpu-prof-name=api-${name}-run${profile.run}.cpuprofile`]
        : []),
    ],
  });
  try {
    const cookie = impl.key === 'b' ? await sessionRow(db, data) : await signIn(url, data);
    return { impl, service, url, cookie };
  } catch (error) {
    await service.stop();
    throw error;
  }
}

/** Signs in through the implementation's own signIn mutation (argon2 and all); returns the cookie. */
async function signIn(url: string, data: BenchData): Promise<string> {
  const answer = await post(url, body.signIn(data.email, data.password));
  const name = `${sessionCookieName(true)}=`;
  const cookie = answer.setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith(name));
  if (answer.body.errors || !cookie) throw new Error(`sign-in failed: ${describeErrors(answer)}`);
  return cookie;
}

/** The floor has no sign-in: it reads the same cookie from the same Session table. */
async function sessionRow(db: BenchDatabase, data: BenchData): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = createHmac('sha256', SESSION_SECRET).update(token).digest('hex');
  await db.pool.query(
    `INSERT INTO Session (tokenHash, userId, createdAt, lastSeenAt, expiresAt)
     VALUES (?, ?, NOW(3), NOW(3), NOW(3) + INTERVAL 1 DAY)`,
    [hash, data.userId],
  );
  return `${sessionCookieName(true)}=${token}`;
}
