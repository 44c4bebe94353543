import { describe, expect, it } from 'vitest';
import { mulberry32, pick } from '../src/random.js';

describe('mulberry32', () => {
  it('gives the same numbers as it always has (the demo seed and the bench data depend on them)', () => {
    const rand = mulberry32(1);
    expect([rand(), rand(), rand()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
    const bench = mulberry32(20261126);
    expect([bench(), bench(), bench()]).toEqual([0.8969419626519084, 0.6857463242486119, 0.16515310131944716]);
  });

  it('stays in [0, 1) and repeats for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 10_000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('pick', () => {
  it('chooses by one draw, over the whole list', () => {
    const list = ['a', 'b', 'c'];
    expect(pick(() => 0, list)).toBe('a');
    expect(pick(() => 0.5, list)).toBe('b');
    expect(pick(() => 0.9999, list)).toBe('c');
  });
});
