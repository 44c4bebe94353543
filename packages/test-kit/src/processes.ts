// Child processes for the tests and the bench: a command run to completion (a build, the seed), and a
// long-running Node service started and waited for until it answers. Each logs to a file of its own, so
// that a failure can say why with the end of its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { eventually, GaveUpError } from './waiting.js';

/** Whether a process with this id exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The last lines of a log file, or '(no output)'. */
export async function tail(file: string, lines = 40): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

async function logTo(logDir: string, name: string) {
  await mkdir(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  return { logFile, log: createWriteStream(logFile) };
}

/** Runs a command to completion, its output in <logDir>/<name>.log; throws with the end of it when it fails. */
export async function run(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; logDir: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const { logFile, log } = await logTo(options.logDir, name);
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
  }).finally(() => new Promise<void>((resolve) => log.end(resolve)));
  if (result.code !== 0) {
    throw new Error(
      `${name} (${command} ${args.join(' ')}) failed with ${result.signal ?? `exit code ${result.code}`}:\n` +
        `${await tail(logFile)}\n(full output: ${logFile})`,
    );
  }
}

export interface Service {
  name: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  /** milliseconds from spawn to the first 200 from the readiness URL */
  readyMs: number;
  exited(): boolean;
  /** SIGTERM, then SIGKILL if it is still there after the grace period; resolves once it has exited */
  stop(): Promise<void>;
}

export interface StartOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** the service's output goes to <logDir>/<name>.log */
  logDir: string;
  /** polled until it answers 200 */
  readyUrl: string;
  /** default 60 s */
  timeoutMs?: number;
  /** between readiness polls; default 250 ms (short where the start-up time is measured with it) */
  pollMs?: number;
  /** Node's own arguments, before the script (e.g. --import tsx) */
  nodeArgs?: string[];
  /** a command that runs node in its own place, e.g. ['taskset', '-c', '0'] */
  prefix?: string[];
  /**
   * An IPC channel to the service: one that exits when it is disconnected (gateway-api and web-client's
   * server do) then ends with this process however this process ends, even by SIGKILL.
   */
  ipc?: boolean;
  /** between SIGTERM and SIGKILL in stop(); default 30 s */
  graceMs?: number;
}

/**
 * Starts `node script` and resolves once readyUrl answers 200. If it exits first or is not ready in
 * time, it is stopped (nothing is left running) and the error carries the end of its output.
 */
export async function startService(name: string, script: string, options: StartOptions): Promise<Service> {
  const { logFile, log } = await logTo(options.logDir, name);
  const [command, ...args] = [...(options.prefix ?? []), process.execPath, ...(options.nodeArgs ?? []), script];
  const started = performance.now();
  const child = spawn(command!, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  let spawnError: Error | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // e.g. the prefix's command is not installed: there is no process, and no 'exit' to wait for
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  const exited = () => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (!exited()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs ?? 30_000);
        await exitedPromise;
        clearTimeout(timer);
      }
      if (child.connected) child.disconnect();
      await new Promise<void>((resolve) => log.end(resolve));
    })());

  const timeoutMs = options.timeoutMs ?? 60_000;
  let last = 'no answer yet';
  try {
    await eventually(
      timeoutMs / 1000,
      async () => {
        if (exited()) throw new Error('exited');
        try {
          const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(5_000) });
          const text = await response.text();
          if (response.status === 200) return true;
          last = `HTTP ${response.status} ${text.slice(0, 200)}`;
        } catch (error) {
          last = String(error);
        }
        return undefined;
      },
      { intervalMs: options.pollMs ?? 250, wake: exitedPromise },
    );
  } catch (error) {
    await stop();
    const what =
      error instanceof GaveUpError
        ? `was not ready at ${options.readyUrl} within ${timeoutMs / 1000} s (last: ${last})`
        : spawnError
          ? `could not be started (${spawnError.message})`
          : `exited during start-up (${child.signalCode ?? `exit code ${child.exitCode}`})`;
    throw new Error(`${name} ${what}:\n${await tail(logFile)}\n(full output: ${logFile})`, { cause: error });
  }
  const readyMs = performance.now() - started;
  return { name, child, pid: child.pid!, logFile, readyMs, exited, stop };
}
