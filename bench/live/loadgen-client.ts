// Starts the live scenario's load child (followers and writes, on the load CPU) and sends it work.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOAD_CPU, pinning } from '../lib/proc.js';
import type { FollowCommand, FollowResult, LoadCommand, PhaseResult, SetupCommand, WindowMessage } from './loadgen.js';

export interface LiveLoad {
  pid: number;
  setup(command: Omit<SetupCommand, 'type'>): Promise<void>;
  follow(command: Omit<FollowCommand, 'type'>): Promise<FollowResult>;
  /** `onWindow` is called at the measured window's start and end, as the child reaches them */
  load(command: Omit<LoadCommand, 'type'>, onWindow: (edge: WindowMessage['edge']) => void): Promise<PhaseResult>;
  stop(): Promise<void>;
}

export async function startLiveLoad(): Promise<LiveLoad> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadgen.ts');
  // as api/loadgen-client.ts: `taskset -c 1 node --import tsx loadgen.ts`, the IPC channel surviving taskset's exec
  const child: ChildProcess = pinning
    ? fork(script, [], {
        execPath: 'taskset',
        execArgv: ['-c', LOAD_CPU, process.execPath, '--import', 'tsx'],
        stdio: 'inherit',
      })
    : fork(script, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the live load child exited (${code}) before it was ready`)));
  });
  let next = 0;
  let onWindow: ((edge: WindowMessage['edge']) => void) | undefined;
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id?: number; result?: unknown; error?: string } | WindowMessage) => {
    if ('type' in message) {
      onWindow?.(message.edge);
      return;
    }
    const waiting = pending.get(message.id!);
    if (!waiting) return;
    pending.delete(message.id!);
    if (message.error === undefined) waiting.resolve(message.result);
    else waiting.reject(new Error(message.error));
  });
  child.on('exit', () => {
    for (const waiting of pending.values()) waiting.reject(new Error('the live load child exited'));
    pending.clear();
  });
  const send = <T>(command: object) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      child.send({ ...command, id });
    });
  return {
    pid: child.pid!,
    setup: (command) => send({ ...command, type: 'setup' }),
    follow: (command) => send({ ...command, type: 'follow' }),
    load: async (command, callback) => {
      onWindow = callback;
      try {
        return await send<PhaseResult>({ ...command, type: 'load' });
      } finally {
        onWindow = undefined;
      }
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
