// The fault suite (npm run test:faults): what an operator's bad day does to acknowledged writes.
//
// Two replicas of the production build (node dist/main.js) serve one real database server (durable
// settings: a kill -9 must not lose what was committed), each through a TCP proxy that can cut its
// connections. Writers create tasks concurrently, as the web client does: one idempotency key per
// task, the same key on every retry, retrying DATABASE_UNAVAILABLE, OUTCOME_UNKNOWN, 503s and network
// errors on either replica. Meanwhile the suite kills and stops replicas, freezes, restarts and kills
// the database, and cuts connections. Then it checks the database against what was acknowledged:
// nothing lost, nothing doubled, nothing that nobody was told about; no replica died unasked; every
// answer had a documented code. It prints the answers by code and the recovery after each fault.
//
// Live updates go through the same bad day: each created task has exactly one event in the outbox
// (none for a write that rolled back), and a subscriber that follows the board, reconnecting to the
// other replica from the last event id it saw whenever its connection ends, receives every task's
// event exactly once, in id order.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import mariadb from 'mariadb';
import { freePort } from '@taskboard/test-kit/ports';
import { eventually } from '@taskboard/test-kit/waiting';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { connectionOptions } from '../../src/db/connection.js';
import { startLocalDatabase, type LocalDatabase } from '../../dev/local-database.js';
import { migrate } from '../../src/db/migrator.js';
import { GraphQLClient } from '../support/api.js';
import { liveClient } from '../support/live.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const WRITERS = 12;
/** Codes an answer may carry (README, "Errors"); anything else fails the suite. */
const DOCUMENTED = new Set(['ok', 'DATABASE_UNAVAILABLE', 'OUTCOME_UNKNOWN', 'network']);
const RETRIED = new Set(['DATABASE_UNAVAILABLE', 'OUTCOME_UNKNOWN', 'network']);
const CREATE = 'mutation Create($input: CreateTaskInput!) { createTask(input: $input) { id title } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Replica {
  name: string;
  port: number;
  url: string;
  proxy: TcpProxy;
  child?: ChildProcess;
  /** exits nobody asked for */
  unexpectedExits: string[];
  expectingExit: boolean;
  output: string;
}

let dataDir: string;
let database: LocalDatabase | undefined;
let databasePort: number;
let databaseUrl: string;
const replicas: Replica[] = [];

async function startDatabase() {
  database = await startLocalDatabase({ dataDir, database: 'faults', grantAll: true, port: databasePort });
  databaseUrl = database.url;
}

async function startReplica(replica: Replica) {
  const url = new URL(databaseUrl);
  url.port = String(replica.proxy.port);
  replica.expectingExit = false;
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: PACKAGE_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      // the same on both replicas: a session started on one is valid on the other
      SESSION_SECRET: 'fault-suite-session-secret-0123456789abcdefghij',
      DATABASE_URL: url.toString(),
      HOST: '127.0.0.1',
      PORT: String(replica.port),
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_SECONDS: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => void (replica.output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => void (replica.output += d.toString()));
  child.once('exit', (code, signal) => {
    if (!replica.expectingExit) replica.unexpectedExits.push(`${replica.name} exited (${signal ?? code})`);
  });
  replica.child = child;
  await eventually(
    60,
    async () => {
      const status = await fetch(`${replica.url}/readyz`)
        .then((r) => r.status)
        .catch(() => 0);
      return status === 200;
    },
    { intervalMs: 100, context: () => `${replica.name} not ready:\n${replica.output}` },
  );
}

async function stopReplica(replica: Replica, signal: NodeJS.Signals) {
  const child = replica.child!;
  replica.expectingExit = true;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

// --- the writers ---------------------------------------------------------------------------------

interface Acknowledged {
  key: string;
  title: string;
  id: string;
}
const answers = new Map<string, number>();
const acknowledged: Acknowledged[] = [];
const gaveUp: string[] = [];
let lastSuccess = 0;
let writing = true;

const count = (code: string) => answers.set(code, (answers.get(code) ?? 0) + 1);

/** One attempt; returns the answer's code ('ok' when it created the task). */
async function attempt(client: GraphQLClient, boardId: string, key: string, title: string) {
  try {
    const response = await client.request<{ createTask: { id: string; title: string } }>(CREATE, {
      input: { boardId, title, idempotencyKey: key },
    });
    const code = response.body.errors?.[0]?.extensions?.code ?? (response.body.data ? 'ok' : `HTTP ${response.status}`);
    return { code, task: response.body.data?.createTask };
  } catch {
    return { code: 'network' }; // refused, reset: the replica is down or restarting
  }
}

async function writer(index: number, clients: GraphQLClient[], boardId: string) {
  let next = index % clients.length;
  for (let n = 0; writing; n++) {
    const key = randomBytes(16).toString('hex');
    const title = `w${index}-${n}`;
    const giveUpAt = Date.now() + 60_000;
    for (let tries = 0; ; tries++) {
      const { code, task } = await attempt(clients[next]!, boardId, key, title);
      count(code);
      if (code === 'ok') {
        acknowledged.push({ key, title, id: task!.id });
        lastSuccess = Date.now();
        break;
      }
      if (!RETRIED.has(code) || Date.now() > giveUpAt) {
        gaveUp.push(`${title}: ${code}`);
        break;
      }
      next = (next + 1) % clients.length; // the other replica, as a load balancer would
      await sleep(Math.min(1000, 50 * 2 ** tries) * (0.5 + Math.random()));
    }
  }
}

/** What the live follower received: TASK_CREATED events' (event id, task id), and its reconnections. */
const followed: { eventId: bigint; taskId: string }[] = [];
let reconnections = 0;
let following = true;

/**
 * Follows the board's events the way the web client does: from the board's liveFrom, read before any
 * task is written (so the first writes are not lost to the subscription's start), and on any end of its
 * subscription (the replica killed, the database down when it subscribes), again on the other replica,
 * from the last event id it received.
 */
async function follower(urls: string[], cookie: string | undefined, boardId: string, liveFrom: string) {
  let next = 0;
  let after = liveFrom;
  while (following) {
    const { client, closed } = liveClient(urls[next]!, cookie);
    await new Promise<void>((resolve) => {
      client.subscribe<{ boardEvents: { id: string; kind: string; taskId: string | null } }>(
        {
          query: 'subscription($b: ID!, $after: ID) { boardEvents(boardId: $b, after: $after) { id kind taskId } }',
          variables: { b: boardId, after },
        },
        {
          next: ({ data }) => {
            const event = data?.boardEvents;
            if (!event) return;
            after = event.id;
            if (event.kind === 'TASK_CREATED') followed.push({ eventId: BigInt(event.id), taskId: event.taskId! });
          },
          error: () => resolve(),
          complete: () => resolve(),
        },
      );
      void closed.then(() => resolve());
      const stop = setInterval(() => {
        if (!following) {
          clearInterval(stop);
          resolve();
        }
      }, 100);
      void closed.then(() => clearInterval(stop));
    });
    await client.dispose();
    if (!following) return;
    reconnections++;
    next = (next + 1) % urls.length;
    await sleep(200);
  }
}

/** Milliseconds from now until a write succeeds (as seen by any writer). */
async function recovery(): Promise<number> {
  const from = Date.now();
  while (lastSuccess < from) {
    if (Date.now() - from > 60_000) throw new Error('no successful write within 60 s of the fault');
    await sleep(20);
  }
  return lastSuccess - from;
}

// --- the run -------------------------------------------------------------------------------------

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build'], { cwd: PACKAGE_DIR });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'taskboard-faults-'));
  databasePort = await freePort();
  await startDatabase();
  await migrate({ connection: connectionOptions(loadConfig({ DATABASE_URL: databaseUrl }).database) });
  for (const name of ['replica-a', 'replica-b']) {
    const port = await freePort();
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: databasePort });
    const replica: Replica = {
      name,
      port,
      url: `http://127.0.0.1:${port}`,
      proxy,
      unexpectedExits: [],
      expectingExit: false,
      output: '',
    };
    replicas.push(replica);
    await startReplica(replica);
  }
});

afterAll(async () => {
  writing = false;
  following = false;
  for (const replica of replicas) {
    replica.expectingExit = true;
    replica.child?.kill('SIGKILL');
    await replica.proxy.close();
  }
  await database?.stop().catch(() => {});
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('faults under load', () => {
  it('lose, double and invent no acknowledged write, and no replica dies unasked', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const owner = new GraphQLClient(a.url);
    await owner.data('mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }', {
      input: { email: 'faults@example.com', name: 'Faults', password: 'correct horse battery' },
    });
    const { createBoard } = await owner.data<{ createBoard: { id: string } }>(
      'mutation { createBoard(input: { name: "Faults" }) { id } }',
    );
    // one session, shared by both replicas (same SESSION_SECRET), as behind a load balancer
    const clients = replicas.map((replica) => Object.assign(new GraphQLClient(replica.url), { cookie: owner.cookie }));
    const { board } = await owner.data<{ board: { liveFrom: string } }>(
      'query($id: ID!) { board(id: $id) { liveFrom } }',
      { id: createBoard.id },
    );
    const live = follower([a.url, b.url], owner.cookie, createBoard.id, board.liveFrom);
    const writers = Array.from({ length: WRITERS }, (_, i) => writer(i, clients, createBoard.id));

    const recoveries: [string, number][] = [];
    const steady = () => sleep(4000);
    const fault = async (name: string, inject: () => Promise<void>) => {
      await steady();
      await inject();
      recoveries.push([name, await recovery()]);
    };

    await fault('replica A kill -9, restarted', async () => {
      await stopReplica(a, 'SIGKILL');
      await sleep(1000);
      await startReplica(a);
    });
    await fault('replica B SIGTERM, restarted', async () => {
      await stopReplica(b, 'SIGTERM');
      await startReplica(b);
    });
    await fault('database frozen 5 s (SIGSTOP, SIGCONT)', async () => {
      process.kill(database!.pid, 'SIGSTOP');
      await sleep(5000);
      process.kill(database!.pid, 'SIGCONT');
    });
    await fault('database restarted (SIGTERM, start)', async () => {
      await database!.stop();
      await startDatabase();
    });
    await fault('database kill -9, started again', async () => {
      process.kill(database!.pid, 'SIGKILL');
      await sleep(500);
      await startDatabase();
    });
    await fault('connections cut by the proxies for 3 s', async () => {
      for (const replica of replicas) {
        replica.proxy.mode = 'cut';
        replica.proxy.dropAll();
      }
      await sleep(3000);
      for (const replica of replicas) replica.proxy.mode = 'pass';
    });
    await steady();
    writing = false;
    await Promise.all(writers);

    // What the database holds, against what the writers were told.
    const conn = await mariadb.createConnection(connectionOptions(loadConfig({ DATABASE_URL: databaseUrl }).database));
    const rows = await conn.query<{ id: number; title: string }[]>('SELECT id, title FROM Task WHERE boardId = ?', [
      Number(createBoard.id),
    ]);
    const events = await conn.query<{ entityId: number; events: bigint }[]>(
      "SELECT entityId, COUNT(*) AS events FROM BoardEvent WHERE boardId = ? AND kind = 'TASK_CREATED' GROUP BY entityId",
      [Number(createBoard.id)],
    );
    await conn.end();
    const taskIds = new Set(rows.map((row) => row.id));
    const eventsOf = new Map(events.map((row) => [row.entityId, Number(row.events)]));
    const withoutOneEvent = rows.filter((row) => eventsOf.get(row.id) !== 1).map((row) => row.id);
    const eventsWithoutTask = [...eventsOf.keys()].filter((id) => !taskIds.has(id));

    // the follower catches up (its last reconnection may be recent), then stops
    await eventually(60, () => new Set(followed.map((event) => event.taskId)).size >= rows.length || undefined, {
      context: () => `followed ${followed.length} of ${rows.length} tasks' events`,
    }).catch(() => {});
    following = false;
    await live;
    const followedIds = followed.map((event) => event.taskId);
    const repeated = followedIds.filter((id, i) => followedIds.indexOf(id) !== i);
    const missed = rows.filter((row) => !followedIds.includes(String(row.id))).map((row) => row.id);
    const outOfOrder = followed.filter((event, i) => i > 0 && event.eventId <= followed[i - 1]!.eventId);
    const byTitle = new Map<string, number[]>();
    for (const row of rows) byTitle.set(row.title, [...(byTitle.get(row.title) ?? []), row.id]);
    const lost = acknowledged.filter((ack) => !byTitle.get(ack.title)?.includes(Number(ack.id)));
    const duplicates = [...byTitle].filter(([, ids]) => ids.length > 1);
    const told = new Set(acknowledged.map((ack) => ack.title));
    const phantoms = rows.filter((row) => !told.has(row.title));

    console.log(
      [
        `fault suite: ${WRITERS} writers, 2 replicas, ${acknowledged.length} acknowledged writes`,
        'answers by code:',
        ...[...answers].sort((x, y) => y[1] - x[1]).map(([code, n]) => `  ${code.padEnd(22)} ${n}`),
        'recovery (first acknowledged write after the fault ended):',
        ...recoveries.map(([name, ms]) => `  ${name.padEnd(42)} ${ms} ms`),
        `lost ${lost.length}, duplicates ${duplicates.length}, phantoms ${phantoms.length}, gave up ${gaveUp.length}`,
        `outbox: tasks without exactly one event ${withoutOneEvent.length}, events without a task ${eventsWithoutTask.length}`,
        `live follower: ${followed.length} task events over ${reconnections + 1} connections; missed ${missed.length}, repeated ${repeated.length}, out of order ${outOfOrder.length}`,
      ].join('\n'),
    );

    expect(acknowledged.length).toBeGreaterThan(100);
    expect(lost).toEqual([]);
    expect(duplicates).toEqual([]);
    expect(phantoms).toEqual([]);
    expect(gaveUp).toEqual([]);
    expect([...answers.keys()].filter((code) => !DOCUMENTED.has(code))).toEqual([]);
    expect(replicas.flatMap((replica) => replica.unexpectedExits)).toEqual([]);
    expect(withoutOneEvent).toEqual([]);
    expect(eventsWithoutTask).toEqual([]);
    expect(reconnections).toBeGreaterThan(0);
    expect(missed).toEqual([]);
    expect(repeated).toEqual([]);
    expect(outOfOrder).toEqual([]);
  });
});
