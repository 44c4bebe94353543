// Starts the load generator child (on the load CPU) and sends it work.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOAD_CPU, pinning } from '../lib/proc.js';
import type { LoadCommand, LoadResult } from './loadgen.js';

export interface LoadGenerator {
  run(command: Omit<LoadCommand, 'id'>): Promise<LoadResult>;
  stop(): Promise<void>;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadgen.ts');
  // fork() runs execPath with execArgv before the script: `taskset -c 1 node --import tsx loadgen.ts`,
  // and the IPC channel (an inherited file descriptor) survives taskset's exec.
  const child: ChildProcess = pinning
    ? fork(script, [], {
        execPath: 'taskset',
        execArgv: ['-c', LOAD_CPU, process.execPath, '--import', 'tsx'],
        stdio: 'inherit',
      })
    : fork(script, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the load generator exited (${code}) before it was ready`)));
  });
  let next = 0;
  const pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.result) waiting.resolve(message.result);
    else waiting.reject(new Error(message.error ?? 'load generator failed'));
  });
  child.on('exit', () => {
    for (const waiting of pending.values()) waiting.reject(new Error('the load generator exited'));
    pending.clear();
  });
  return {
    run: (command) =>
      new Promise<LoadResult>((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        child.send({ ...command, id });
      }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
