// The live-updates fan-out scenario (issue 14's benchmark): two gateway-api replicas (the production
// build) on one database hold the followers' subscriptions; a third gateway-api process, the writer,
// takes the writes over HTTP at a fixed rate. The same run measures the load with the followers
// counts in turn (50, then 500: the followers are added, the replicas stay), and for each:
//   - every delivery's latency, from the write's HTTP answer to the follower's receipt, and whether
//     any went missing or came twice (loadgen.ts);
//   - the SQL the fan-out costs: each replica connects as a database user of its own and the server
//     counts each user's statements (MariaDB's USER_STATISTICS); the writes go through the writer's
//     user, so a replica's count is its feed's polls, the event loaders and the session checks alone;
//   - each replica's CPU (over the window) and RSS (at its end), from /proc.
// Replicas on the server CPU, the writer and the load child on the load CPU, MariaDB unpinned.
import { randomBytes } from 'node:crypto';
import { freePort } from '@taskboard/test-kit/ports';
import type { Service } from '@taskboard/test-kit/processes';
import { sessionCookieName } from 'gateway-api/config';
import { serverEnv } from '../api/impls.js';
import { body } from '../api/operations.js';
import { chartNodeOptions } from '../lib/chart.js';
import { describeErrors, post } from '../lib/client.js';
import { readUserCounters, type BenchDatabase, type UserCounters } from '../lib/db.js';
import { API_ENTRY, REPO } from '../lib/paths.js';
import {
  coreTimes,
  cpuMs,
  LOAD_CPU,
  machineLoad,
  pinning,
  rssBytes,
  runQueueWaitMs,
  SERVER_CPU,
  startService,
  waitIdle,
} from '../lib/proc.js';
import { busyProcesses, provenance, type Provenance } from '../lib/report.js';
import { mb, round } from '../lib/stats.js';
import { clearLiveData, LIVE_USERS, prepareLiveData } from './data.js';
import { startLiveLoad } from './loadgen-client.js';
import type { PhaseResult } from './loadgen.js';
import { boardEventsDocument } from './operations.js';

export interface LiveSettings {
  /**
   * How many boards the followers and the writes are spread over, one layout after the other. Five by
   * default: each write reaches the 100 followers of its board. One board (each write reaching all 500,
   * 25,000 deliveries a second) saturates the replicas' core on this machine: see bench/README.md.
   */
  layouts: number[];
  /** followers in each phase of a layout, in order (the later ones join the earlier ones) */
  followers: number[];
  replicas: number;
  users: number;
  /** writes per second, creates and moves in turn, round the boards */
  rate: number;
  warmupSeconds: number;
  seconds: number;
  tailSeconds: number;
  drainSeconds: number;
}

export function liveSettings(quick: boolean, options: { seconds?: number; boards?: number[] } = {}): LiveSettings {
  return {
    layouts: options.boards ?? [5],
    followers: [50, 500],
    replicas: 2,
    users: LIVE_USERS,
    rate: 50,
    warmupSeconds: quick ? 2 : 5,
    seconds: options.seconds ?? (quick ? 5 : 30),
    tailSeconds: 1,
    drainSeconds: quick ? 30 : 90,
  };
}

export interface ReplicaFigures {
  followers: number;
  /** CPU time over the window, as % of one core */
  cpuPercent: number;
  /** time its main thread was ready to run but waited for the CPU (the other replica, other processes), % of the window */
  cpuWaitPercent: number;
  rssMB: number;
  /** CPU time per delivery over the whole load (warm-up to drained), in microseconds */
  cpuPerDeliveryUs: number;
  /** statements per second over the window; undefined when the server cannot count them per user */
  sql?: {
    perSecond: number;
    selectPerSecond: number;
    updatePerSecond: number;
    otherPerSecond: number;
    /** the server's time on them, ms per second */
    dbBusyMsPerSecond: number;
  };
}

export interface LivePhase {
  followers: number;
  /** the window as the harness timed its readings */
  windowSeconds: number;
  load: PhaseResult;
  replicas: ReplicaFigures[];
  writer: { cpuPercent: number; rssMB: number; statementsPerWrite?: number };
  /** the load child (followers and writes): when near 100 %, it is part of the latency */
  loadCpuPercent: number;
  /** how busy each CPU of the machine was over the window (everything on it: MariaDB and the kernel too), % */
  coreBusyPercent: number[];
}

export interface LiveLayout {
  boards: number;
  phases: LivePhase[];
}

export interface LiveSection extends Provenance {
  mode: 'quick' | 'full';
  settings: LiveSettings;
  database: string;
  /** the NODE_OPTIONS every gateway-api process ran with: the chart's, from its default memory limit */
  nodeOptions?: { memoryLimit: string; flags: string[] };
  /** why the fan-out's SQL was not counted, when it was not */
  sqlNote?: string;
  /** the users' sign-ins through the replicas' signIn mutation: none refused (RATE_LIMITED fails the run) */
  signIns: number;
  layouts: LiveLayout[];
  problems: string[];
}

const USERS = { writer: 'bench_live_writer', replicas: ['bench_live_replica_1', 'bench_live_replica_2'] };

interface DatabaseUsers {
  urls: { writer: string; replicas: string[] };
  names: string[];
  note?: string;
  restore(): Promise<void>;
}

/**
 * A database user per API process, and the server's per-user counters on for the scenario. Where that
 * is not allowed (BENCH_DATABASE_URL without the privileges), every process uses the bench's own
 * user and the fan-out's SQL is not measured.
 */
async function databaseUsers(db: BenchDatabase, replicas: number): Promise<DatabaseUsers> {
  const names = [USERS.writer, ...USERS.replicas.slice(0, replicas)];
  const fallback = (note: string): DatabaseUsers => ({
    urls: { writer: db.url, replicas: Array.from({ length: replicas }, () => db.url) },
    names: [],
    note,
    restore: async () => {},
  });
  try {
    const [{ Value: before } = { Value: 'OFF' }] = await db.pool.query<{ Value: string }[]>(
      "SHOW GLOBAL VARIABLES LIKE 'userstat'",
    );
    const password = randomBytes(18).toString('base64url');
    const database = db.config.database.replace(/`/g, '``');
    for (const name of names) {
      await db.pool.query(`CREATE USER IF NOT EXISTS '${name}'@'%' IDENTIFIED BY '${password}'`);
      await db.pool.query(`ALTER USER '${name}'@'%' IDENTIFIED BY '${password}'`);
      await db.pool.query(`GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${name}'@'%'`);
    }
    await db.pool.query('SET GLOBAL userstat = 1');
    const urlFor = (user: string) => {
      const url = new URL(db.url);
      url.username = user;
      url.password = password;
      return url.toString();
    };
    return {
      urls: { writer: urlFor(USERS.writer), replicas: USERS.replicas.slice(0, replicas).map(urlFor) },
      names,
      restore: async () => {
        await db.pool.query(`SET GLOBAL userstat = ${before === 'ON' ? 1 : 0}`);
        for (const name of names) await db.pool.query(`DROP USER IF EXISTS '${name}'@'%'`);
      },
    };
  } catch (error) {
    return fallback(
      `not measured: the bench could not give each API process a database user of its own and turn on ` +
        `USER_STATISTICS (${(error as Error).message.split('\n')[0]})`,
    );
  }
}

interface Api {
  service: Service;
  url: string;
}

async function startApi(name: string, databaseUrl: string, cpu: string, nodeArgs: string[] = []): Promise<Api> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = await startService(name, API_ENTRY, {
    cwd: REPO,
    env: serverEnv(port, databaseUrl),
    readyUrl: `${url}/readyz`,
    cpu,
    nodeArgs,
  });
  return { service, url };
}

/** Signs in through signIn, like a browser; a lock (RATE_LIMITED) fails the scenario. */
async function signIn(url: string, email: string, password: string): Promise<string> {
  const answer = await post(url, body.signIn(email, password));
  const code = answer.body.errors?.[0]?.extensions?.code;
  if (code === 'RATE_LIMITED') throw new Error(`the sign-in of ${email} was rate-limited: ${describeErrors(answer)}`);
  const name = `${sessionCookieName(true)}=`;
  const cookie = answer.setCookie.map((c) => c.split(';')[0]!).find((c) => c.startsWith(name));
  if (answer.body.errors || !cookie) throw new Error(`the sign-in of ${email} failed: ${describeErrors(answer)}`);
  return cookie;
}

interface Snapshot {
  at: number;
  counters?: Record<string, UserCounters>;
  cpu: (number | undefined)[];
  wait: (number | undefined)[];
  rss: (number | undefined)[];
  cores: { busy: number; total: number }[];
}

export async function measureLive(
  db: BenchDatabase,
  settings: LiveSettings,
  mode: 'quick' | 'full',
  say: (message: string) => void,
  /** where to write the replicas' CPU profiles (`node --cpu-prof`), when given */
  cpuProfileDir?: string,
): Promise<LiveSection> {
  const section: LiveSection = {
    // the bench's own database server and processes are not "other" processes
    ...provenance(
      machineLoad().loadavg,
      busyProcesses().filter((p) => !p.includes('/bench/.data/') && !p.includes('npm run bench')),
      pinning,
    ),
    mode,
    settings,
    database: db.describe,
    nodeOptions: chartNodeOptions(),
    signIns: 0,
    layouts: [],
    problems: [],
  };
  const users = await databaseUsers(db, settings.replicas);
  if (users.note) {
    section.sqlNote = users.note;
    say(`live: fan-out SQL ${users.note}`);
  }
  try {
    for (const boards of settings.layouts) {
      section.layouts.push({
        boards,
        phases: await measureLayout(db, settings, boards, users, section, say, cpuProfileDir),
      });
    }
  } finally {
    await users.restore();
  }
  section.loadAfter = machineLoad().loadavg;
  return section;
}

/** One layout: fresh replicas, writer and followers; the phases' followers counts in turn. */
async function measureLayout(
  db: BenchDatabase,
  settings: LiveSettings,
  boards: number,
  users: DatabaseUsers,
  section: LiveSection,
  say: (message: string) => void,
  cpuProfileDir: string | undefined,
): Promise<LivePhase[]> {
  const where = `${boards} board${boards > 1 ? 's' : ''}`;
  const nodeFlags = section.nodeOptions?.flags ?? [];
  const writesPerPhase = (settings.warmupSeconds + settings.seconds + settings.tailSeconds) * settings.rate;
  // every move takes a task not moved before in this layout
  const pool = Math.ceil((settings.followers.length * writesPerPhase * 0.55) / boards) + 20;
  const data = await prepareLiveData(db, boards, pool);
  const apis: Api[] = [];
  let load: Awaited<ReturnType<typeof startLiveLoad>> | undefined;
  const phases: LivePhase[] = [];
  try {
    // the writer is the load's way in: on the load CPU, with the load
    const writer = await startApi(`live-${boards}b-writer`, users.urls.writer, LOAD_CPU, nodeFlags);
    apis.push(writer);
    const replicas: Api[] = [];
    for (const [i, url] of users.urls.replicas.entries()) {
      const replica = await startApi(`live-${boards}b-replica-${i + 1}`, url, SERVER_CPU, [
        ...nodeFlags,
        ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
      ]);
      apis.push(replica);
      replicas.push(replica);
    }
    // one after the other: parallel sign-ins of one account count as failures until one succeeds
    const cookies: string[] = [];
    for (const [i, user] of data.users.entries()) {
      cookies.push(await signIn(replicas[i % replicas.length]!.url, user.email, user.password));
      section.signIns++;
    }
    say(
      `live, ${where}: writer and ${replicas.length} replicas ready ` +
        `(${apis.map((a) => `${a.service.readyMs.toFixed(0)} ms`).join(', ')}), ${cookies.length} users signed in (none rate-limited)`,
    );
    load = await startLiveLoad();
    await load.setup({
      writerUrl: writer.url,
      replicaUrls: replicas.map((r) => r.url),
      cookies,
      boards: data.boards,
      query: await boardEventsDocument(),
    });
    const pids = [...replicas.map((r) => r.service.pid), writer.service.pid, load.pid];
    const snapshot = async (): Promise<Snapshot> => {
      const at = performance.now();
      const [counters, cpu, wait, rss, cores] = await Promise.all([
        users.names.length ? readUserCounters(db, users.names) : undefined,
        Promise.all(pids.map(cpuMs)),
        Promise.all(pids.map(runQueueWaitMs)),
        Promise.all(pids.map(rssBytes)),
        coreTimes(),
      ]);
      return { at, counters, cpu, wait, rss, cores };
    };

    for (const [phase, total] of settings.followers.entries()) {
      const following = await load.follow({ total });
      say(
        `live, ${where}: ${following.followers} followers (${following.perReplica.join(' + ')}), all receiving, ` +
          `in ${(following.readyMs / 1000).toFixed(1)} s`,
      );
      for (const replica of replicas) await waitIdle(replica.service.pid);
      const reads: Promise<void>[] = [];
      let start: Snapshot | undefined;
      let end: Snapshot | undefined;
      const before = await snapshot();
      const result = await load.load(
        {
          phase,
          rate: settings.rate,
          warmupSeconds: settings.warmupSeconds,
          seconds: settings.seconds,
          tailSeconds: settings.tailSeconds,
          drainSeconds: settings.drainSeconds,
        },
        (edge) =>
          reads.push(
            snapshot().then((s) => {
              if (edge === 'start') start = s;
              else end = s;
            }),
          ),
      );
      const after = await snapshot();
      await Promise.all(reads);
      if (!start || !end) throw new Error('the live load did not report its window');
      const figures = phaseFigures(total, result, { before, start, end, after }, users.names, replicas.length);
      phases.push(figures);
      const d = result.deliveries;
      const l = result.latencyMs;
      say(
        `live, ${where}, ${total} followers: ${result.writes.measured} writes (${result.writes.rate.toFixed(1)}/s), ` +
          `${d.delivered}/${d.expected} deliveries, latency p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} max ${l.max} ms; ` +
          `missing ${d.missing}, duplicated ${d.duplicates}; ` +
          figures.replicas
            .map(
              (r, i) =>
                `replica ${i + 1}: CPU ${r.cpuPercent} % (${r.cpuPerDeliveryUs} µs/delivery, waited ${r.cpuWaitPercent} %), RSS ${r.rssMB} MB` +
                (r.sql ? `, ${r.sql.perSecond} SQL/s` : ''),
            )
            .join('; ') +
          `; load child CPU ${figures.loadCpuPercent} %; CPUs busy ${figures.coreBusyPercent.join(' / ')} %`,
      );
      for (const problem of phaseProblems(result)) {
        section.problems.push(`${where}, ${total} followers: ${problem}`);
        say(`PROBLEM live, ${where}, ${total} followers: ${problem}`);
      }
    }
  } finally {
    await load?.stop();
    await Promise.all(apis.map((a) => a.service.stop()));
    await clearLiveData(
      db,
      data.boards.map((b) => b.id),
    );
  }
  return phases;
}

function phaseFigures(
  followers: number,
  result: PhaseResult,
  { before, start, end, after }: Record<'before' | 'start' | 'end' | 'after', Snapshot>,
  userNames: string[],
  replicaCount: number,
): LivePhase {
  const ms = end.at - start.at;
  const seconds = ms / 1000;
  const cpuPercent = (i: number) => round((100 * ((end.cpu[i] ?? NaN) - (start.cpu[i] ?? NaN))) / ms, 0);
  const waitPercent = (i: number) => round((100 * ((end.wait[i] ?? NaN) - (start.wait[i] ?? NaN))) / ms, 0);
  const rss = (i: number) => mb(end.rss[i] ?? NaN);
  const delta = (user: string, key: keyof UserCounters) =>
    (end.counters?.[user]?.[key] ?? NaN) - (start.counters?.[user]?.[key] ?? NaN);
  const replicas: ReplicaFigures[] = Array.from({ length: replicaCount }, (_, i) => {
    const user = userNames[i + 1];
    const per = (key: keyof UserCounters) => round(delta(user!, key) / seconds, 1);
    const cpuUs = 1000 * ((after.cpu[i] ?? NaN) - (before.cpu[i] ?? NaN));
    return {
      followers: result.perReplica[i] ?? 0,
      cpuPercent: cpuPercent(i),
      cpuWaitPercent: waitPercent(i),
      rssMB: rss(i),
      cpuPerDeliveryUs: round(cpuUs / Math.max(1, result.deliveredPerReplica[i] ?? 0), 0),
      ...(user && start.counters
        ? {
            sql: {
              perSecond: per('statements'),
              selectPerSecond: per('select'),
              updatePerSecond: per('update'),
              otherPerSecond: per('other'),
              dbBusyMsPerSecond: round((1000 * delta(user, 'busySeconds')) / seconds, 1),
            },
          }
        : {}),
    };
  });
  const writerUser = userNames[0];
  return {
    followers,
    windowSeconds: round(seconds, 2),
    load: result,
    replicas,
    writer: {
      cpuPercent: cpuPercent(replicaCount),
      rssMB: rss(replicaCount),
      ...(writerUser && start.counters
        ? { statementsPerWrite: round(delta(writerUser, 'statements') / Math.max(1, result.writes.measured), 1) }
        : {}),
    },
    loadCpuPercent: cpuPercent(replicaCount + 1),
    coreBusyPercent: end.cores.map((core, i) => {
      const was = start.cores[i] ?? { busy: 0, total: 0 };
      return round((100 * (core.busy - was.busy)) / Math.max(1, core.total - was.total), 0);
    }),
  };
}

/** What fails the run: errors and lost or repeated deliveries (never a time). */
function phaseProblems(result: PhaseResult): string[] {
  const out: string[] = [];
  const { writes: w, deliveries: d } = result;
  if (w.errors) {
    out.push(
      `${w.errors} writes failed, ${w.deliveredAfterError} deliveries of them (saved though unanswered) (${w.firstError ?? ''})`,
    );
  }
  if (d.missing) out.push(`${d.missing} of ${d.expected} deliveries missing`);
  if (d.duplicates) out.push(`${d.duplicates} deliveries duplicated`);
  if (d.unexpected) out.push(`${d.unexpected} events that no write of the load made`);
  if (d.resyncs) out.push(`${d.resyncs} RESYNC_REQUIRED events (followers fell behind)`);
  if (d.errors || d.closedSockets)
    out.push(`${d.errors} subscription errors, ${d.closedSockets} sockets closed (${d.firstError ?? ''})`);
  return out;
}
