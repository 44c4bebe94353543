// Starts the load generator child (on the load CPU) and sends it work.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startIpcChild } from '../lib/ipc-child.js';
import type { LoadCommand, LoadResult } from './loadgen.js';

export interface LoadGenerator {
  run(command: Omit<LoadCommand, 'id'>): Promise<LoadResult>;
  stop(): Promise<void>;
}

export async function startLoadGenerator(): Promise<LoadGenerator> {
  const child = await startIpcChild(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'loadgen.ts'),
    'load generator',
  );
  return { run: (command) => child.request<LoadResult>(command), stop: () => child.stop() };
}
