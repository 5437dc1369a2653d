import { describe, expect, it } from 'vitest';
import { countCalls, growsLinearly, measureGrowth } from './growth';

/** n items of work: a sum over n numbers, repeated so that the smaller size is above the floor. */
const linear = (n: number) => () => {
  let sum = 0;
  for (let repeat = 0; repeat < 40; repeat++) for (let i = 0; i < n * 1000; i++) sum += i % 7;
  return sum;
};
/** n² items of work: every pair. */
const quadratic = (n: number) => () => {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum += (i ^ j) & 1;
  return sum;
};

describe('the growth guard of the performance tests (tests/support/growth.ts)', () => {
  it('passes linear work and fails quadratic work of the same cost', () => {
    const lin = measureGrowth(linear, 1000);
    expect(lin.ms[1]).toBeGreaterThan(15);
    expect(growsLinearly(lin)).toBe(true);
    // Large enough that its smaller run (5,000² steps) is well above what a busy process adds to
    // a short run's CPU time; at 12,000 a CI run once measured the pair under the threshold apart.
    const quad = measureGrowth(quadratic, 40_000);
    expect(quad.ms[1]).toBeGreaterThan(15);
    expect(growsLinearly(quad)).toBe(false);
    if (process.env['GROWTH_LOG'])
      console.log(`linear ×${lin.ratio.toFixed(1)}, quadratic ×${quad.ratio.toFixed(1)}`);
  });

  it('ignores the ratio of runs too short to measure, and only then', () => {
    expect(growsLinearly({ ms: [0.1, 6], ratio: 60 })).toBe(true);
    expect(growsLinearly({ ms: [1, 60], ratio: 60 })).toBe(false);
    expect(growsLinearly({ ms: [10, 120], ratio: 12 })).toBe(true);
  });

  it('counts the calls of a method and puts it back', () => {
    const set = new Set([1, 2, 3]);
    const has = Set.prototype.has;
    expect(countCalls(Set.prototype, 'has', () => [1, 5, 3].filter((x) => set.has(x)))).toBe(3);
    expect(Set.prototype.has).toBe(has);
  });
});
