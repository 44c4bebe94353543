// Waiting for something that happens by itself (a server coming up, a recovery), with a bound.

/**
 * Retries `attempt` until it returns something other than undefined, for at most `seconds`; on
 * giving up, the error says what `context` returns (e.g. the end of a process's output).
 */
export async function eventually<T>(
  seconds: number,
  attempt: () => Promise<T | undefined>,
  context: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`gave up after ${seconds} s${context() ? `:\n${context()}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
