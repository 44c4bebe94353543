import { describe, expect, it } from 'vitest';
import { eventually, GaveUpError } from '../src/waiting.js';

describe('eventually', () => {
  it('retries while the attempt returns undefined or false, and returns the first other value', async () => {
    const answers = [undefined, false, 0, 1];
    let calls = 0;
    expect(await eventually(5, () => answers[calls++], { intervalMs: 1 })).toBe(0);
    expect(calls).toBe(3);
  });

  it('gives up after the time allowed, saying what the context says', async () => {
    const started = Date.now();
    const error = await eventually(0.2, async () => undefined, {
      intervalMs: 20,
      context: () => 'last: HTTP 503',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GaveUpError);
    expect((error as Error).message).toBe('gave up after 0.2 s:\nlast: HTTP 503');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('stops at once on an attempt that throws', async () => {
    let calls = 0;
    const failing = eventually(5, () => {
      calls++;
      throw new Error('the process exited');
    });
    await expect(failing).rejects.toThrow('the process exited');
    expect(calls).toBe(1);
  });

  it('cuts a pause short when `wake` settles', async () => {
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    let calls = 0;
    const started = Date.now();
    setTimeout(wake, 50);
    await eventually(10, () => ++calls === 2 || undefined, { intervalMs: 5_000, wake: woken });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
