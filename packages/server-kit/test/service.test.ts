// runService, in real child processes: the messages and exit codes an operator sees.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('fixtures/service.ts', import.meta.url));

interface Run {
  child: ReturnType<typeof spawn>;
  output: () => string;
  exit: Promise<number | null>;
  /** resolves once the output contains `text` */
  seen: (text: string) => Promise<void>;
}

function start(mode: string, ipc = false): Run {
  const child = spawn(process.execPath, [FIXTURE], {
    env: { ...process.env, FIXTURE_MODE: mode },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of waiters.filter((w) => output.includes(w.text))) waiter.resolve();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exit,
    seen: (text) =>
      output.includes(text)
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            waiters.push({ text, resolve });
            void exit.then(() => reject(new Error(`exited before printing "${text}":\n${output}`)));
          }),
  };
}

describe('runService', () => {
  it('reports a configuration error in one message and exits 1', async () => {
    const run = start('bad-config');
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('fixture cannot start. Invalid configuration (1 problem):');
    expect(run.output()).toContain('  - PORT: must be a number (got "x")');
    expect(run.output()).toContain('See the fixture for every variable and its default.');
  });

  it('exits 1 with the cause when starting fails otherwise', async () => {
    const run = start('crash');
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('fixture failed to start: Error: cannot open the database');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops cleanly on %s and exits 0', async (signal) => {
    const run = start('ok');
    await run.seen('listening');
    run.child.kill(signal);
    expect(await run.exit).toBe(0);
    expect(run.output()).toContain(`shutting down: finishing in-flight requests {"signal":"${signal}"}`);
    expect(run.output()).toContain('stopped');
  });

  it('exits 1 when stopping outlasts the shutdown timeout', async () => {
    const run = start('slow-stop');
    await run.seen('listening');
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('stop never ends');
    expect(run.output()).toContain('fixture: in-flight requests did not finish within 1 s; exiting');
  });

  it('stops when the supervisor that started it over IPC goes away', async () => {
    const run = start('ok', true);
    await run.seen('listening');
    run.child.disconnect();
    expect(await run.exit).toBe(0);
    expect(run.output()).toContain('{"signal":"supervisor exited"}');
  });
});
