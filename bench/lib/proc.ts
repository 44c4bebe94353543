// The bench's processes: servers pinned to a CPU with taskset (through test-kit's startService), memory
// and CPU readings, the machine's load.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import * as kit from '@taskboard/test-kit/processes';
import type { Service, StartOptions } from '@taskboard/test-kit/processes';
import { LOGS } from './paths.js';

/** The two CPUs the issue asks for: the server under test on one, the load generator on the other. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

const tasksetAvailable = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
export const pinning = tasksetAvailable && os.cpus().length >= 2;

/** what runs a command on `cpu`: taskset, or nothing when taskset or a second CPU is missing */
const pinnedTo = (cpu: string): string[] => (pinning ? ['taskset', '-c', cpu] : []);

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
export async function cpuMs(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Each CPU's busy and total time so far, in clock ticks (/proc/stat): how full the cores were over a window. */
export async function coreTimes(): Promise<{ busy: number; total: number }[]> {
  const text = await readFile('/proc/stat', 'utf8');
  return [...text.matchAll(/^cpu\d+ (.*)$/gm)].map((m) => {
    // user nice system idle iowait irq softirq steal ...
    const ticks = m[1]!.trim().split(/\s+/).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - ticks[3]! - ticks[4]!, total };
  });
}

/**
 * How long a process's main thread has waited for a CPU while ready to run, in milliseconds
 * (/proc/<pid>/schedstat: time on a run queue): what other processes on its CPU took from it.
 */
export async function runQueueWaitMs(pid: number): Promise<number | undefined> {
  try {
    const [, waitingNs] = (await readFile(`/proc/${pid}/schedstat`, 'utf8')).trim().split(/\s+/);
    return waitingNs === undefined ? undefined : Number(waitingNs) / 1e6;
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

/**
 * test-kit's startService as the bench runs its servers: pinned to `cpu` when asked, logging under
 * bench/.data/logs, readiness polled every 20 ms unless told (the start-up time is measured with it).
 */
export function startService(
  name: string,
  entry: string,
  { cpu, ...options }: Omit<StartOptions, 'logDir' | 'prefix'> & { cpu?: string },
): Promise<Service> {
  return kit.startService(name, entry, {
    logDir: LOGS,
    pollMs: 20,
    graceMs: 15_000,
    ...options,
    ...(cpu ? { prefix: pinnedTo(cpu) } : {}),
  });
}

/** test-kit's run, logging under bench/.data/logs. */
export function run(name: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  return kit.run(name, command, args, { ...options, logDir: LOGS });
}

/** What else the machine is doing: the published figures say how noisy it was. */
export function machineLoad(): { loadavg: number[]; cpus: number } {
  return { loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100), cpus: os.cpus().length };
}
