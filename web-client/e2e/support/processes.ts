// Child processes for the e2e stack: builds, the API and the web server, each logging to a file
// under e2e/artifacts/logs so that a failed start-up can say why.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

export async function freePort(): Promise<number> {
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

async function tail(file: string, lines = 40): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

export interface Service {
  name: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** Runs a command to completion; throws with the end of its output when it fails. */
export async function run(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; logDir: string; env?: NodeJS.ProcessEnv },
): Promise<void> {
  await mkdir(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${name}.log`);
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

/**
 * Starts a long-running Node service and resolves once `readyUrl` answers 200. The IPC channel
 * lets a service that watches for it (gateway-api does) exit when this test run dies.
 */
export async function startService(
  name: string,
  script: string,
  options: { cwd: string; logDir: string; env: NodeJS.ProcessEnv; readyUrl: string; timeoutMs?: number },
): Promise<Service> {
  await mkdir(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [script], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    if (child.connected) child.disconnect();
    await new Promise<void>((resolve) => log.end(resolve));
  };

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let last = 'no answer yet';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(
        `${name} exited during start-up (${child.signalCode ?? `exit code ${child.exitCode}`}):\n` +
          `${await tail(logFile)}\n(full output: ${logFile})`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready at ${options.readyUrl} in time (last: ${last}):\n${await tail(logFile)}`);
    }
    try {
      const response = await fetch(options.readyUrl, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) break;
      last = `HTTP ${response.status} ${(await response.text()).slice(0, 200)}`;
    } catch (error) {
      last = String(error);
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
  return { name, child, logFile, stop };
}
