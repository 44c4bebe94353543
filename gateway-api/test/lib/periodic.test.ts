import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { every } from '../../src/lib/periodic.js';

describe('every', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the task within the first interval, then once per interval, never overlapping, until stopped', async () => {
    let running = 0;
    let overlaps = 0;
    const runs: number[] = [];
    const stop = every(
      1000,
      async () => {
        if (running++) overlaps++;
        runs.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the interval
        running--;
      },
      () => {},
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(overlaps).toBe(0);
    stop();
    const count = runs.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs.length).toBeLessThanOrEqual(count + 1); // one may have been under way
  });

  it('reports a failure and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const stop = every(
      100,
      async () => {
        calls++;
        throw new Error('database unavailable');
      },
      (error) => errors.push(error),
    );
    await vi.advanceTimersByTimeAsync(1000);
    stop();
    expect(calls).toBeGreaterThanOrEqual(9);
    expect(errors).toHaveLength(calls);
  });
});
