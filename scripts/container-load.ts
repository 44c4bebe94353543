// For `npm run images:test`: a container under the chart's CPU and memory limits, loaded as the bench
// loads the API (bench/api: its board view, its data, its autocannon load generator), with its memory
// (cgroup v1 or v2, and the node process's RSS), OOM kills, exits and liveness answers watched; and
// start-up timed under the CPU limit, on an idle and on a busy machine.
// The bench's own (ambient) typing of autocannon, which has none: the root tsconfig that checks
// scripts/ does not include bench/types.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../bench/types/autocannon.d.ts" />
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { eventually } from '@taskboard/test-kit/waiting';
import mariadb from 'mariadb';
import { startLoadGenerator } from '../bench/api/loadgen-client.js';
import type { LoadRequest, LoadResult } from '../bench/api/loadgen.js';
import { body } from '../bench/api/operations.js';
import { post } from '../bench/lib/client.js';
import { ensureBenchData } from '../bench/lib/data.js';
import type { BenchDatabase } from '../bench/lib/db.js';
import { parseDatabaseUrl, type DatabaseConfig } from 'gateway-api/config';
import { connectionOptions, createPrismaClient } from 'gateway-api/database';
import { seed } from 'gateway-api/dev';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- Kubernetes quantities -> podman flags ------------------------------------------------------

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, m: 1e-3 };

/** A Kubernetes memory quantity ("384Mi", "512M", "1Gi", "400000000") in bytes. */
export function memoryBytes(quantity: string | number): number {
  const match = /^(\d+(?:\.\d+)?)([KMGT]i|[kMGTm])?$/.exec(String(quantity).trim());
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  const unit = match[2];
  return Math.round(Number(match[1]) * (unit ? (BINARY[unit] ?? DECIMAL[unit]!) : 1));
}

/** A Kubernetes CPU quantity ("1", "500m", "0.5") in CPUs. */
export function cpus(quantity: string | number): number {
  const text = String(quantity).trim();
  return text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
}

export interface Limits {
  cpu?: string;
  memory?: string;
}

/** `podman run` flags that enforce a container's limits as the kubelet does (no swap: memory-swap = memory). */
export function limitArgs(limits: Limits | undefined): string[] {
  const args: string[] = [];
  if (limits?.cpu) args.push('--cpus', String(cpus(limits.cpu)));
  if (limits?.memory) {
    const bytes = memoryBytes(limits.memory);
    args.push('--memory', `${bytes}b`, '--memory-swap', `${bytes}b`);
  }
  return args;
}

// --- memory of a running container --------------------------------------------------------------

export interface MemorySample {
  /** the cgroup's charge (anonymous memory + page cache), what the limit applies to */
  usage: number;
  /** usage minus inactive file cache: the kubelet's "working set", what `kubectl top` shows */
  workingSet: number;
  /** the cgroup's highest charge so far (cgroup v1 max_usage_in_bytes, v2 memory.peak), when known */
  peak?: number;
  /** the node process's resident set size and its high-water mark (/proc/<pid>/status) */
  rss?: number;
  rssPeak?: number;
  oomKills: number;
}

const readNumber = async (file: string) => Number((await readFile(file, 'utf8')).trim());
async function readKeyed(file: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [key, value] = line.split(/\s+/);
    if (key && value !== undefined) out[key] = Number(value);
  }
  return out;
}

/** Reads a container's memory from its cgroup (v1 under /sys/fs/cgroup/memory, or v2) and its process. */
export async function containerMemory(cgroupPath: string, pid: number): Promise<MemorySample | undefined> {
  let sample: MemorySample;
  try {
    const v1 = `/sys/fs/cgroup/memory${cgroupPath}`;
    const stat = await readKeyed(`${v1}/memory.stat`).catch(() => undefined);
    if (stat) {
      const usage = await readNumber(`${v1}/memory.usage_in_bytes`);
      sample = {
        usage,
        workingSet: Math.max(0, usage - (stat.total_inactive_file ?? 0)),
        peak: await readNumber(`${v1}/memory.max_usage_in_bytes`),
        oomKills: (await readKeyed(`${v1}/memory.oom_control`)).oom_kill ?? 0,
      };
    } else {
      const v2 = `/sys/fs/cgroup${cgroupPath}`;
      const usage = await readNumber(`${v2}/memory.current`);
      const statV2 = await readKeyed(`${v2}/memory.stat`);
      sample = {
        usage,
        workingSet: Math.max(0, usage - (statV2.inactive_file ?? 0)),
        ...(await readNumber(`${v2}/memory.peak`).then(
          (peak) => ({ peak }),
          () => ({}),
        )),
        oomKills: (await readKeyed(`${v2}/memory.events`)).oom_kill ?? 0,
      };
    }
  } catch {
    return undefined; // the container is gone (its cgroup with it)
  }
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    sample.rss = kb('VmRSS');
    sample.rssPeak = kb('VmHWM');
  } catch {
    // the process exited between the two reads
  }
  return sample;
}

export type Podman = (args: string[], options?: { allowFailure?: boolean }) => Promise<string>;

export interface ContainerState {
  running: boolean;
  oomKilled: boolean;
  exitCode: number;
  restarts: number;
}

export async function containerState(podman: Podman, name: string): Promise<ContainerState> {
  const [running, oomKilled, exitCode, restarts] = (
    await podman([
      'inspect',
      name,
      '--format',
      '{{.State.Running}} {{.State.OOMKilled}} {{.State.ExitCode}} {{.RestartCount}}',
    ])
  ).split(' ');
  return {
    running: running === 'true',
    oomKilled: oomKilled === 'true',
    exitCode: Number(exitCode),
    restarts: Number(restarts),
  };
}

async function cgroupOf(podman: Podman, name: string) {
  const [cgroupPath, pid] = (await podman(['inspect', name, '--format', '{{.State.CgroupPath}} {{.State.Pid}}'])).split(
    ' ',
  );
  return { cgroupPath: cgroupPath!, pid: Number(pid) };
}

// --- the bench's board view ---------------------------------------------------------------------

export interface BoardView {
  email: string;
  password: string;
  boardViewId: number;
}

/**
 * The seed script's demo users and boards (without its 100 000-task search board) and the bench's
 * own boards, of which the board view (3 columns x 50 tasks, labels, assignees, comments) is loaded.
 */
export async function seedBoardView(url: string, log: (message: string) => void): Promise<BoardView> {
  const issues: string[] = [];
  const parsed = parseDatabaseUrl(url, 'DATABASE_URL', issues);
  if (!parsed) throw new Error(issues.join('\n'));
  const config: DatabaseConfig = { ...parsed, poolSize: 2, ssl: undefined, source: 'DATABASE_URL' };
  const prisma = createPrismaClient(config);
  try {
    await seed(prisma, { tasks: 0, log });
  } finally {
    await prisma.$disconnect();
  }
  const pool = mariadb.createPool({ ...connectionOptions(config), connectionLimit: 2 });
  const db: BenchDatabase = {
    url,
    config,
    pool,
    exclusive: true,
    describe: 'images:test',
    stop: () => pool.end(),
  };
  try {
    const data = await ensureBenchData(db, log);
    return { email: data.email, password: data.password, boardViewId: data.boardViewId };
  } finally {
    await db.stop();
  }
}

/** Signs in through `url` and returns the session cookie and the board view request, checked once. */
export async function boardViewRequest(
  url: string,
  view: BoardView,
): Promise<{ cookie: string; request: LoadRequest; bytes: number }> {
  const signIn = await post(url, body.signIn(view.email, view.password));
  // production cookies are Secure (__Host-); plain HTTP here, so they are carried by hand
  const cookie = signIn.setCookie.map((c) => c.split(';')[0]).join('; ');
  if (signIn.status !== 200 || !cookie)
    throw new Error(`sign-in through ${url} failed: HTTP ${signIn.status} ${signIn.text.slice(0, 300)}`);
  const board = body.board(view.boardViewId);
  const answer = await post(url, board, cookie);
  if (answer.status !== 200 || answer.body.errors || !answer.body.data) {
    throw new Error(`the board view through ${url} failed: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  }
  return {
    cookie,
    request: { kind: 'static', body: board, expectLength: answer.text.length },
    bytes: answer.text.length,
  };
}

// --- load ---------------------------------------------------------------------------------------

export interface Watched {
  /** container name */
  name: string;
  /** the liveness probe as the kubelet runs it: a GET every periodSeconds, failing after timeoutSeconds */
  liveness?: { url: string; periodSeconds: number; timeoutSeconds: number; failureThreshold: number };
}

export interface WatchedOutcome {
  name: string;
  idle?: MemorySample;
  /** highest of each figure over the samples (peak also from the cgroup's own high-water mark) */
  max: { usage: number; workingSet: number; peak: number; rss: number; rssPeak: number };
  samples: number;
  oomKills: number;
  state: ContainerState;
  livenessFailures: number;
  /** longest run of consecutive liveness failures: failureThreshold of them and the kubelet restarts the pod */
  livenessWorstStreak: number;
  livenessSlowestMs: number;
}

export interface LoadOutcome {
  load: LoadResult;
  seconds: number;
  watched: WatchedOutcome[];
}

async function probeOnce(url: string, timeoutMs: number): Promise<{ ok: boolean; ms: number }> {
  const started = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return { ok: response.status === 200, ms: Date.now() - started };
  } catch {
    return { ok: false, ms: Date.now() - started };
  }
}

/**
 * Runs `connections` connections of `request` against `url` for `seconds`, while sampling the
 * watched containers' memory every second and running their liveness probes as the kubelet would.
 */
export async function loadContainers(options: {
  podman: Podman;
  url: string;
  cookie: string;
  request: LoadRequest;
  connections: number;
  seconds: number;
  watch: Watched[];
}): Promise<LoadOutcome> {
  const { podman } = options;
  const targets = await Promise.all(
    options.watch.map(async (w) => {
      const where = await cgroupOf(podman, w.name);
      const idle = await containerMemory(where.cgroupPath, where.pid);
      return {
        ...w,
        ...where,
        out: {
          name: w.name,
          ...(idle ? { idle } : {}),
          max: { usage: 0, workingSet: 0, peak: 0, rss: 0, rssPeak: 0 },
          samples: 0,
          oomKills: idle?.oomKills ?? 0,
          livenessFailures: 0,
          livenessWorstStreak: 0,
          livenessSlowestMs: 0,
        } as Omit<WatchedOutcome, 'state'>,
      };
    }),
  );
  const record = (target: (typeof targets)[number], s: MemorySample | undefined) => {
    if (!s) return;
    const m = target.out.max;
    m.usage = Math.max(m.usage, s.usage);
    m.workingSet = Math.max(m.workingSet, s.workingSet);
    m.peak = Math.max(m.peak, s.peak ?? s.usage);
    m.rss = Math.max(m.rss, s.rss ?? 0);
    m.rssPeak = Math.max(m.rssPeak, s.rssPeak ?? 0);
    target.out.oomKills = Math.max(target.out.oomKills, s.oomKills);
    target.out.samples++;
  };

  let done = false;
  const sampler = (async () => {
    while (!done) {
      for (const t of targets) record(t, await containerMemory(t.cgroupPath, t.pid));
      await sleep(1000);
    }
  })();
  const probers = targets.map(async (t) => {
    if (!t.liveness) return;
    const { url, periodSeconds, timeoutSeconds } = t.liveness;
    let streak = 0;
    while (!done) {
      const next = Date.now() + periodSeconds * 1000;
      const { ok, ms } = await probeOnce(url, timeoutSeconds * 1000);
      t.out.livenessSlowestMs = Math.max(t.out.livenessSlowestMs, ms);
      streak = ok ? 0 : streak + 1;
      if (!ok) t.out.livenessFailures++;
      t.out.livenessWorstStreak = Math.max(t.out.livenessWorstStreak, streak);
      while (!done && Date.now() < next) await sleep(100);
    }
  });

  const loadgen = await startLoadGenerator();
  const started = Date.now();
  let load: LoadResult;
  try {
    load = await loadgen.run({
      url: options.url,
      cookie: options.cookie,
      connections: options.connections,
      seconds: options.seconds,
      request: options.request,
    });
  } finally {
    done = true;
    await loadgen.stop();
    await sampler;
    await Promise.all(probers);
  }
  const seconds = (Date.now() - started) / 1000;
  const watched: WatchedOutcome[] = [];
  for (const t of targets) {
    record(t, await containerMemory(t.cgroupPath, t.pid));
    watched.push({ ...t.out, state: await containerState(podman, t.name) });
  }
  return { load, seconds, watched };
}

/** Problems that fail images:test: an OOM kill, an exit, a restart, or a liveness probe that would restart the pod. */
export function loadProblems(outcome: LoadOutcome, watch: Watched[]): string[] {
  const problems: string[] = [];
  for (const w of outcome.watched) {
    const threshold = watch.find((x) => x.name === w.name)?.liveness?.failureThreshold ?? Infinity;
    if (w.state.oomKilled || w.oomKills > 0)
      problems.push(`${w.name} was OOM-killed under load (${w.oomKills} kill(s), exit code ${w.state.exitCode})`);
    if (!w.state.running)
      problems.push(
        `${w.name} exited under load (exit code ${w.state.exitCode}${w.state.exitCode === 137 ? ': SIGKILL, the OOM killer' : ''})`,
      );
    if (w.state.restarts > 0) problems.push(`${w.name} restarted ${w.state.restarts} time(s) under load`);
    if (w.livenessWorstStreak >= threshold)
      problems.push(
        `${w.name}: ${w.livenessWorstStreak} liveness probes in a row failed under load: the kubelet would restart it`,
      );
  }
  return problems;
}

// --- start-up under a CPU limit -----------------------------------------------------------------

/** Busy loops on `n` CPUs: the other pods of a loaded node. */
export function hogCpus(n = os.cpus().length): { stop(): void } {
  const children: ChildProcess[] = Array.from({ length: n }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  return { stop: () => children.forEach((child) => child.kill('SIGKILL')) };
}

export interface Startup {
  /** from `podman run` to the startup probe's first 200 (the process is up) */
  upMs: number;
  /** to the readiness probe's first 200 (the database answered too) */
  readyMs: number;
}

/** Polls the startup probe, then the readiness probe, as fast as the kubelet could; ms since `started`. */
export async function waitStartup(
  started: number,
  upUrl: string,
  readyUrl: string,
  timeoutMs = 120_000,
): Promise<Startup> {
  const until = async (url: string) => {
    await eventually((timeoutMs - (Date.now() - started)) / 1000, async () => (await probeOnce(url, 2_000)).ok, {
      intervalMs: 25,
      context: () => `${url} did not answer 200 within ${timeoutMs} ms of podman run`,
    });
    return Date.now() - started;
  };
  const upMs = await until(upUrl);
  return { upMs, readyMs: await until(readyUrl) };
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
