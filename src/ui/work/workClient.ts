import type { Library } from '../../core';
import { heavyWorkScriptUrl } from './workerScriptUrl';
import type { WorkKind, WorkMessage, WorkReply, WorkRequest, WorkResult, WorkStage } from './workProtocol';

/**
 * Runs heavy jobs away from the page's main thread. The app uses a Web Worker per job; tests
 * under jsdom (which has no workers) use the in-thread client, which runs the same job code.
 */
export interface WorkClient {
  run<K extends WorkKind>(request: WorkRequest<K>, options?: RunOptions): Promise<WorkResult<K>>;
}

export interface RunOptions {
  /** Aborting ends the job at once; the promise rejects with a WorkStopped('cancelled'). */
  signal?: AbortSignal;
  /** A job still running after this long is ended; the promise rejects with WorkStopped('timeout'). */
  timeoutMs?: number;
  onProgress?: (stage: WorkStage) => void;
}

/** A job that did not finish because it was cancelled or ran out of time. */
export class WorkStopped extends Error {
  constructor(
    readonly reason: 'cancelled' | 'timeout',
    readonly timeoutMs?: number,
  ) {
    super(
      reason === 'cancelled'
        ? 'cancelled'
        : `it took longer than ${((timeoutMs ?? 0) / 1000).toLocaleString('en')} s, the limit for this step`,
    );
    this.name = 'WorkStopped';
  }
}

/**
 * Settles a job's promise once: with its result, its failure, a cancel or a timeout; `stop`
 * releases what the job holds (ends the worker).
 */
function settleOnce<T>(
  options: RunOptions,
  start: (finish: { resolve: (v: T) => void; reject: (e: unknown) => void }) => () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let stop: () => void = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = () => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      stop();
    };
    const finish = {
      resolve: (value: T) => {
        if (done) return;
        end();
        resolve(value);
      },
      reject: (error: unknown) => {
        if (done) return;
        end();
        reject(error);
      },
    };
    const onAbort = () => finish.reject(new WorkStopped('cancelled'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    if (options.timeoutMs !== undefined)
      timer = setTimeout(
        () => finish.reject(new WorkStopped('timeout', options.timeoutMs)),
        options.timeoutMs,
      );
    stop = start(finish);
    if (done) stop();
  });
}

/** The app's client: a fresh module worker per job, terminated when the job ends in any way. */
export function workerClient(
  createWorker: () => Worker = () => new Worker(heavyWorkScriptUrl(), { type: 'module', name: 'aitm-work' }),
): WorkClient {
  return {
    run<K extends WorkKind>(request: WorkRequest<K>, options: RunOptions = {}) {
      return settleOnce<WorkResult<K>>(options, ({ resolve, reject }) => {
        const worker = createWorker();
        worker.onmessage = (event: MessageEvent<WorkReply>) => {
          const reply = event.data;
          if (reply.type === 'progress') options.onProgress?.(reply.stage);
          else if (reply.type === 'done') resolve(reply.result as WorkResult<K>);
          else reject(new Error(reply.reason));
        };
        // A worker that cannot start (its file missing after a new deploy) or dies (out of memory).
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new Error(event.message || 'the background worker stopped'));
        };
        worker.onmessageerror = () => reject(new Error('the background worker sent an unreadable result'));
        worker.postMessage({ request: request as WorkRequest } satisfies WorkMessage);
        return () => worker.terminate();
      });
    },
  };
}

export interface InThreadOptions {
  /** Waits this long before each step: lets tests see progress, cancel, and run out of time. */
  stepDelayMs?: number;
}

/**
 * Runs the jobs on the calling thread, yielding between steps (tests and environments without
 * workers). A cancel or timeout takes effect at the next step; the result is then discarded.
 */
export function inThreadClient(baseLibrary: () => Library, options: InThreadOptions = {}): WorkClient {
  const delay = options.stepDelayMs;
  const pause = () =>
    delay === undefined ? Promise.resolve() : new Promise<void>((r) => setTimeout(r, delay));
  return {
    run<K extends WorkKind>(request: WorkRequest<K>, runOptions: RunOptions = {}) {
      return settleOnce<WorkResult<K>>(runOptions, ({ resolve, reject }) => {
        let stopped = false;
        // Loaded on demand, like the importers it uses: none of it is needed to draw.
        import('./workJobs')
          .then(({ runJob }) =>
            runJob(request, {
              baseLibrary: baseLibrary(),
              progress: async (stage) => {
                await pause();
                if (stopped) throw new WorkStopped('cancelled');
                runOptions.onProgress?.(stage);
              },
            }),
          )
          .then(resolve, reject);
        return () => void (stopped = true);
      });
    },
  };
}
