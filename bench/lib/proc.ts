// Child processes: servers pinned to a CPU with taskset, readiness polling, memory readings, builds.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LOGS } from './paths.js';

/** The two CPUs the issue asks for: the server under test on one, the load generator on the other. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

const tasksetAvailable = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
export const pinning = tasksetAvailable && os.cpus().length >= 2;

/** argv that runs `command` on `cpu` (or unpinned, when taskset or a second CPU is missing) */
export function pinned(cpu: string, command: string, args: string[]): [string, string[]] {
  return pinning ? ['taskset', ['-c', cpu, command, ...args]] : [command, args];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function tail(file: string, lines = 30): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/** Resident set size of a process, in bytes (Linux /proc); undefined once it has exited. */
export async function rssBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc). */
async function cpuMs(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/**
 * Waits until a process has (almost) stopped using the CPU: a server keeps working on requests the
 * load generator gave up on when its window closed, and that work must not land in the next
 * scenario's figures. Returns the milliseconds waited.
 */
export async function waitIdle(pid: number, maxMs = 120_000): Promise<number> {
  const started = Date.now();
  let last = await cpuMs(pid);
  while (last !== undefined && Date.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await cpuMs(pid);
    if (now === undefined || now - last <= 250 * 0.05) break;
    last = now;
  }
  return Date.now() - started;
}

export interface Service {
  name: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  /** milliseconds from spawn to the first 200 from the readiness URL */
  readyMs: number;
  exited(): boolean;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  readyUrl: string;
  cpu?: string;
  timeoutMs?: number;
  /** how often to poll the readiness URL: short, because the start-up time is measured with it */
  pollMs?: number;
  nodeArgs?: string[];
}

/** Starts `node entry` (pinned when asked) and resolves once readyUrl answers 200. */
export async function startService(name: string, entry: string, options: StartOptions): Promise<Service> {
  await mkdir(LOGS, { recursive: true });
  const logFile = path.join(LOGS, `${name}.log`);
  const log = createWriteStream(logFile);
  const nodeArgs = [...(options.nodeArgs ?? []), entry];
  const [command, args] = options.cpu ? pinned(options.cpu, process.execPath, nodeArgs) : [process.execPath, nodeArgs];
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (!exited()) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitedPromise;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => log.end(resolve));
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let last = 'no answer yet';
  for (;;) {
    if (exited()) {
      await stop();
      throw new Error(`${name} exited during start-up:\n${await tail(logFile)}\n(log: ${logFile})`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready at ${options.readyUrl} in time (last: ${last}):\n${await tail(logFile)}`);
    }
    try {
      const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, options.pollMs ?? 20))]);
  }
  const readyMs = performance.now() - started;
  return { name, child, pid: child.pid!, logFile, readyMs, exited, stop };
}

/** Runs a command to completion; throws with the end of its output when it fails. */
export async function run(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  await mkdir(LOGS, { recursive: true });
  const logFile = path.join(LOGS, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  await new Promise<void>((resolve) => log.end(resolve));
  if (result.code !== 0) {
    throw new Error(
      `${name} (${command} ${args.join(' ')}) failed with ${result.signal ?? `exit code ${result.code}`}:\n` +
        `${await tail(logFile)}\n(full output: ${logFile})`,
    );
  }
}

/** What else the machine is doing: the published figures say how noisy it was. */
export function machineLoad(): { loadavg: number[]; cpus: number } {
  return { loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100), cpus: os.cpus().length };
}
