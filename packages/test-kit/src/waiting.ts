// Waiting for something that happens by itself (a server coming up, a recovery, a line of output),
// with a bound.

export interface EventuallyOptions {
  /** the pause between attempts; default 250 ms */
  intervalMs?: number;
  /** what the error says on giving up, after "gave up after N s" (e.g. the end of a process's output) */
  context?: () => string | Promise<string>;
  /** cuts a pause short when it settles, e.g. a child's exit, which the next attempt then reports */
  wake?: Promise<unknown>;
}

/** What `eventually` throws when time is up. */
export class GaveUpError extends Error {
  override name = 'GaveUpError';
}

/**
 * Retries `attempt` until it returns something other than undefined or false, for at most `seconds`,
 * and returns that. An attempt that throws ends the wait with its error: that is how a caller stops
 * early (say, when the process it waits for has exited).
 */
export async function eventually<T>(
  seconds: number,
  attempt: () => T | Promise<T>,
  options: EventuallyOptions = {},
): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const result = await attempt();
    if (result !== undefined && result !== false) return result as Exclude<T, undefined | false>;
    if (Date.now() > deadline) {
      const context = (await options.context?.()) ?? '';
      throw new GaveUpError(`gave up after ${seconds} s${context ? `:\n${context}` : ''}`);
    }
    await pause(options.intervalMs ?? 250, options.wake);
  }
}

function pause(ms: number, wake: Promise<unknown> | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    wake?.then(done, done);
  });
}
