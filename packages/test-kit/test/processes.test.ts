// run() and startService(): what they report when a process fails, and that no process they started
// is left running, whether it is stopped, fails to start, ignores SIGTERM, or outlives its supervisor.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../src/ports.js';
import { processAlive, run, startService } from '../src/processes.js';
import { eventually } from '../src/waiting.js';

const SERVICE = path.join(import.meta.dirname, 'fixtures/service.mjs');
let logDir: string;
beforeAll(async () => {
  logDir = await mkdtemp(path.join(os.tmpdir(), 'test-kit-processes-'));
});
afterAll(() => rm(logDir, { recursive: true, force: true }));

async function start(
  name: string,
  env: Record<string, string> = {},
  options: { timeoutMs?: number; graceMs?: number } = {},
) {
  const port = await freePort();
  return startService(name, SERVICE, {
    cwd: import.meta.dirname,
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    logDir,
    readyUrl: `http://127.0.0.1:${port}/readyz`,
    pollMs: 20,
    ...options,
  });
}

/** the stand-in service's pid, from the output an error carries */
const pidIn = (message: string) => Number(/service pid (\d+)/.exec(message)?.[1]);

describe('startService', () => {
  it('resolves once the service answers 200, logs its output, and stop() leaves nothing running', async () => {
    const service = await start('ready');
    expect(service.readyMs).toBeGreaterThan(0);
    expect(processAlive(service.pid)).toBe(true);
    await service.stop();
    expect(service.exited()).toBe(true);
    expect(processAlive(service.pid)).toBe(false);
    expect(await readFile(service.logFile, 'utf8')).toContain('listening');
    await service.stop(); // a second stop is harmless
  });

  it('kills a service that ignores SIGTERM once the grace period is over', async () => {
    const service = await start('stubborn', { IGNORE_SIGTERM: '1' }, { graceMs: 500 });
    await service.stop();
    expect(service.child.signalCode).toBe('SIGKILL');
    expect(processAlive(service.pid)).toBe(false);
    expect(await readFile(service.logFile, 'utf8')).toContain('SIGTERM ignored');
  });

  it('fails with the end of the output when the service exits during start-up', async () => {
    const error = await start('failing', { EXIT_CODE: '3' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^failing exited during start-up \(exit code 3\):/);
    expect((error as Error).message).toContain('failing on purpose');
  });

  it('fails with the last answer when the service is not ready in time, and stops it', async () => {
    const error = (await start('never-ready', { READY: 'no' }, { timeoutMs: 1_000 }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /^never-ready was not ready at http:\/\/127\.0\.0\.1:\d+\/readyz within 1 s \(last: HTTP 503 not ready\)/,
    );
    const pid = pidIn(error.message);
    expect(pid).toBeGreaterThan(0);
    expect(processAlive(pid)).toBe(false);
  });

  it('with an IPC channel, the service ends with its supervisor even when that is killed outright', async () => {
    const supervisor = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/supervisor.ts'), logDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    supervisor.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const pid = await eventually(30, () => Number(/^service (\d+)$/m.exec(output)?.[1]) || undefined, {
      context: () => output,
    });
    expect(processAlive(pid)).toBe(true);
    supervisor.kill('SIGKILL');
    await eventually(10, () => !processAlive(pid), { intervalMs: 50, context: () => `service ${pid} still running` });
  });
});

describe('run', () => {
  it('resolves when the command succeeds, with its output in the log', async () => {
    await run('ok', process.execPath, ['-e', 'console.log("built")'], { cwd: logDir, logDir });
    expect(await readFile(path.join(logDir, 'ok.log'), 'utf8')).toBe('built\n');
  });

  it('throws with the exit code and the end of the output when the command fails', async () => {
    const error = (await run('broken', process.execPath, ['-e', 'console.error("no such file"); process.exit(2)'], {
      cwd: logDir,
      logDir,
    }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(
      /^broken \(.+ -e .+\) failed with exit code 2:\nno such file\n\(full output: .+broken\.log\)$/,
    );
  });
});
