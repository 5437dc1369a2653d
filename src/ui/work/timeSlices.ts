import { WorkStopped } from './workClient';

/**
 * Runs a stepwise computation (a generator that yields between small steps, like the core's
 * buildLibrarySteps) on the page without blocking it: after each slice of about `sliceMs` it
 * gives the page a turn (input, paint, a click on Cancel), then goes on. An abort takes effect
 * at the next turn, with WorkStopped('cancelled'); the computation is then dropped unfinished.
 */
export async function runInSlices<T>(
  steps: Generator<void, T, void>,
  options: { signal?: AbortSignal; sliceMs?: number } = {},
): Promise<T> {
  // Well under the 50 ms a browser calls a long task, and under a frame at 60 Hz with room to paint.
  const sliceMs = options.sliceMs ?? 10;
  let sliceStart = performance.now();
  for (;;) {
    if (options.signal?.aborted) throw new WorkStopped('cancelled');
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await pageTurn();
      sliceStart = performance.now();
    }
  }
}

/** A macrotask: the event loop runs input, timers and rendering before the next slice. */
const pageTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
