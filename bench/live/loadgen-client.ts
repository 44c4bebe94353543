// Starts the live scenario's load child (followers and writes, on the load CPU) and sends it work.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startIpcChild } from '../lib/ipc-child.js';
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
  let onWindow: ((edge: WindowMessage['edge']) => void) | undefined;
  const child = await startIpcChild(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadgen.ts'),
    'live load child',
    (news) => onWindow?.((news as WindowMessage).edge),
  );
  return {
    pid: child.pid,
    setup: (command) => child.request({ ...command, type: 'setup' }),
    follow: (command) => child.request({ ...command, type: 'follow' }),
    load: async (command, callback) => {
      onWindow = callback;
      try {
        return await child.request<PhaseResult>({ ...command, type: 'load' });
      } finally {
        onWindow = undefined;
      }
    },
    stop: () => child.stop(),
  };
}
