// `npm start` / `npm run dev` as a terminal runs them, for the root tests: in a process group of their
// own (so that a test can send the whole group Ctrl-C, or kill it all when it fails), with their output
// collected and waited on.
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from '@taskboard/test-kit/waiting';

export interface NpmRun {
  child: ChildProcess;
  output: () => string;
  /** Resolves once pattern has appeared `times` times in the output; fails if npm exits first. */
  waitFor: (pattern: RegExp, options?: { times?: number; ms?: number }) => Promise<void>;
  /** npm's exit: `exit <code>`, or the signal (npm re-raises a SIGINT after its script ended) */
  exited: Promise<string>;
  /** SIGKILL to the whole group, if anything of it is left */
  kill: () => void;
}

export function npmRun(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): NpmRun {
  const child = spawn('npm', args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  const count = (pattern: RegExp) =>
    text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
  const what = `npm ${args.join(' ')}`;
  return {
    child,
    output: () => text,
    exited,
    kill: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
    waitFor: async (pattern, { times = 1, ms = 120_000 } = {}) => {
      await eventually(
        ms / 1000,
        () => {
          if (count(pattern) >= times) return true;
          if (child.exitCode !== null)
            throw new Error(`${what} exited (${child.exitCode}) before ${pattern}:\n${text}`);
          return undefined;
        },
        { intervalMs: 100, context: () => `no ${pattern} (x${times}):\n${text}` },
      );
    },
  };
}

/**
 * The test runner's environment without what would make npm start use another database or behave
 * differently: database variables, npm's and vitest's own, NODE_ENV (vitest sets it to test), LOG_FORMAT.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env))
    if (/^(DATABASE_|MYSQL_ADDON_|TEST_DATABASE_URL|npm_|VITEST|NODE_ENV$|LOG_FORMAT$)/.test(name)) delete env[name];
  return env;
}
