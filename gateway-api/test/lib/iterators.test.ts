// transformIterator: what the live subscriptions are made of (modules/live/live.service.ts,
// graphql/shared-execution.ts). A consumer that leaves must end the source at once, even while the
// source has nothing to give: otherwise a subscriber of a quiet board would stay registered.
import { Repeater } from '@repeaterjs/repeater';
import { describe, expect, it } from 'vitest';
import { transformIterator } from '../../src/lib/iterators.js';

/** A source that hands out `values`, then waits (as a quiet board does); it records whether it was ended. */
function source<T>(values: T[] = []) {
  const state = { ended: false };
  const iterator = new Repeater<T>(async (push, stop) => {
    for (const value of values) await push(value);
    await stop;
    state.ended = true;
  });
  return { iterator, state };
}

describe('transformIterator', () => {
  it('hands on what each step gives, in order, and ends after a step that says so', async () => {
    const { iterator, state } = source([1, 2, 3, 4]);
    const doubled = transformIterator(iterator, (n) =>
      n === 3 ? { values: [n, -1], end: true } : { values: n % 2 ? [n, n] : [] },
    );
    const seen: number[] = [];
    for await (const value of doubled) seen.push(value);
    expect(seen).toEqual([1, 1, 3, -1]);
    expect(state.ended).toBe(true);
  });

  it('return() while a next() waits ends the source at once, and the waiting next() is done', async () => {
    const { iterator, state } = source<number>();
    const mapped = transformIterator(iterator, async (n) => ({ values: [String(n)] }));
    const waiting = mapped.next();
    await mapped.return();
    expect(state.ended).toBe(true);
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(await mapped.next()).toEqual({ value: undefined, done: true });
  });

  it('a step that fails ends the stream with its error', async () => {
    const { iterator } = source([1]);
    const failing = transformIterator(iterator, () => {
      throw new Error('step failed');
    });
    await expect(failing.next()).rejects.toThrow('step failed');
  });
});
