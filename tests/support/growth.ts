/**
 * Guards against work that grows with the square of its input, without a wall-clock bound. A
 * bound in milliseconds flakes on a loaded CI runner and passes a quadratic step on a fast one;
 * the ratio of two timings taken on the same machine at the same moment, at n and 8n, does
 * neither: linear work takes about 8 times as long at 8n (n log n about 10), quadratic work 64.
 * Why 8n and not 4n: on a 2-core machine running eight test processes, runs of linear work at n
 * and 4n were measured up to 9.6 times apart (16 is quadratic's), from garbage collection and
 * compiler tier-ups; at 8n that noise stays well clear of the threshold on both sides.
 *
 * Each size is timed several times, interleaved, and the fastest run kept: a runner busy for a
 * while slows some runs, rarely every one of them. The heap is collected before each run, or the
 * garbage of building the inputs is collected inside whichever run comes next (a 1 ms run was
 * measured at 28 ms that way). Where a step can be counted (calls of a
 * function, a set's lookups), count it with `countCalls` instead: a count does not depend on the
 * machine.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'vitest';

/** Input sizes of one comparison: n and GROWTH_FACTOR·n. */
export const GROWTH_FACTOR = 8;
/** Three times linear's 8 (room for n log n's 10 and for noise), well below quadratic's 64. */
export const MAX_TIME_RATIO = 24;
/**
 * Below this, the larger run is too short for its ratio to mean anything (a timer tick, a JIT
 * tier-up) — and too short to hide a quadratic step at the sizes these tests use, which took
 * seconds. It only ever lets a test pass, so a slow machine cannot fail because of it.
 */
export const NOISE_FLOOR_MS = 15;
const ROUNDS = 5;
/**
 * The smaller run's time counts as at least this: CPU time is accounted in scheduler ticks, so a
 * run under a millisecond or two reads as anything from 0 to a tick (a CI run once measured 0.8 ms
 * at n and 20 ms at 8n for linear work, ratio 24.1). Quadratic work still fails: a 0.8 ms run at n
 * is about 51 ms at 8n, 25 times this floor.
 */
const SMALL_RUN_FLOOR_MS = 2;

/** V8's full garbage collection, exposed for this process (tests only: src/ never does this). */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export interface Growth<T> {
  /** What the last run at the larger size returned, for the test's own assertions. */
  value: T;
  sizes: [number, number];
  /** Fastest run at each size. */
  ms: [number, number];
  ratio: number;
}

/**
 * Times `prepare(size)()` at `size / GROWTH_FACTOR` and at `size`. `prepare` builds the input
 * (not timed) and returns the work to time.
 */
export function measureGrowth<T>(prepare: (size: number) => () => T, size: number): Growth<T> {
  const small = Math.round(size / GROWTH_FACTOR);
  const time = (n: number) => {
    const work = prepare(n);
    collectGarbage();
    const start = process.cpuUsage();
    const value = work();
    const used = process.cpuUsage(start);
    return { value, ms: (used.user + used.system) / 1000 };
  };
  // Warm-up at both sizes: the first runs compile the code, and the larger one grows the heap to
  // its size, so neither a compiler tier-up nor the heap's growth lands in one size's timings.
  time(small);
  time(size);
  const best: [number, number] = [Infinity, Infinity];
  let value: T | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    best[0] = Math.min(best[0], time(small).ms);
    const large = time(size);
    best[1] = Math.min(best[1], large.ms);
    value = large.value;
  }
  return {
    value: value as T,
    sizes: [small, size],
    ms: best,
    ratio: best[1] / Math.max(best[0], SMALL_RUN_FLOOR_MS),
  };
}

/** Whether a measured growth is that of linear (or n log n) work, by the rule above. */
export const growsLinearly = (g: Pick<Growth<unknown>, 'ms' | 'ratio'>): boolean =>
  g.ms[1] < NOISE_FLOOR_MS || g.ratio < MAX_TIME_RATIO;

/**
 * Fails unless the work grows linearly from `size / 8` to `size`; returns the larger run's result.
 * `size` is the size the quadratic step took seconds at, so a regression is far above the floor.
 */
export function expectLinearTime<T>(what: string, prepare: (size: number) => () => T, size: number): T {
  const g = measureGrowth(prepare, size);
  const said = `${what}: ${g.ms[0].toFixed(1)} ms at ${g.sizes[0]}, ${g.ms[1].toFixed(1)} ms at ${g.sizes[1]} (×${g.ratio.toFixed(1)}; linear is ×${GROWTH_FACTOR}, quadratic ×${GROWTH_FACTOR ** 2})`;
  // GROWTH_LOG=1 prints every measure, to see how much room a runner leaves.
  if (process.env['GROWTH_LOG']) console.log(said);
  expect(growsLinearly(g), said).toBe(true);
  return g.value;
}

/**
 * How many times `object[method]` is called while `run` runs; the method still does its work. A
 * plain wrapper rather than a Vitest spy: a spy records every call's arguments, and the methods
 * counted here (a Set's lookups) are called hundreds of thousands of times, by the spy too.
 */
export function countCalls<O extends object, K extends keyof O>(
  object: O,
  method: K,
  run: () => unknown,
): number {
  const original = object[method] as (...args: unknown[]) => unknown;
  let calls = 0;
  object[method] = function (this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  } as O[K];
  try {
    run();
  } finally {
    object[method] = original as O[K];
  }
  return calls;
}
