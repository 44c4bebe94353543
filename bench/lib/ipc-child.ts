// A bench child process (a load generator) on the load CPU, driven over its IPC channel: each request
// is answered by one message with the same id, carrying `result` or `error`; messages without an id
// are the child's own news, passed to `onNews`.
import { fork, type ChildProcess } from 'node:child_process';
import { LOAD_CPU, pinning } from './proc.js';

export interface IpcChild {
  pid: number;
  request<T>(command: object): Promise<T>;
  /** disconnects the channel, which ends the child, and waits for it to exit */
  stop(): Promise<void>;
}

export async function startIpcChild(
  script: string,
  name: string,
  onNews?: (message: object) => void,
): Promise<IpcChild> {
  // fork() runs execPath with execArgv before the script: `taskset -c 1 node --import tsx <script>`,
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
    child.once('exit', (code) => reject(new Error(`the ${name} exited (${code}) before it was ready`)));
  });
  let next = 0;
  const pending = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
    if (message.id === undefined) {
      onNews?.(message);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.error === undefined) waiting.resolve(message.result);
    else waiting.reject(new Error(message.error));
  });
  child.on('exit', () => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the ${name} exited`));
    pending.clear();
  });
  return {
    pid: child.pid!,
    request: <T>(command: object) =>
      new Promise<T>((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
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
