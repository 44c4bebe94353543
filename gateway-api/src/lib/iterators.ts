// Async iterators for subscriptions: a stream of items turned into another, one at a time.

/** What one item of the source becomes: items to hand on (maybe none), and whether that is the end. */
export interface Step<U> {
  values: U[];
  end?: boolean;
}

/**
 * `source`, item by item, through `step`. Its return() ends the source at once, even while a next()
 * waits on it: graphql-js's own mapping of a subscription's events does the same, and an async
 * generator cannot (a return() waits until the generator's pending await settles, so a subscriber
 * that leaves a quiet board would stay registered until the board's next event). Cheaper than a
 * Repeater per layer: one promise per item, no queue of its own beyond what a step hands on.
 */
export function transformIterator<T, U>(
  source: AsyncIterator<T>,
  step: (value: T) => Step<U> | Promise<Step<U>>,
): Required<AsyncIterableIterator<U>> {
  const pending: U[] = [];
  /** no more items from the source: hand on what is pending, then done */
  let finished = false;
  /** the consumer left: nothing more, pending or not */
  let returned = false;
  const leave = async () => {
    returned = finished = true;
    pending.length = 0;
    await source.return?.();
  };
  return {
    async next(): Promise<IteratorResult<U>> {
      for (;;) {
        if (returned) return { value: undefined, done: true };
        if (pending.length) return { value: pending.shift()!, done: false };
        if (finished) return { value: undefined, done: true };
        const next = await source.next();
        if (next.done) {
          finished = true;
          continue;
        }
        if (returned) continue;
        const { values, end } = await step(next.value);
        pending.push(...values);
        if (end) {
          finished = true;
          await source.return?.();
        }
      }
    },
    async return(): Promise<IteratorResult<U>> {
      await leave();
      return { value: undefined, done: true };
    },
    async throw(error: unknown): Promise<IteratorResult<U>> {
      await leave();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
