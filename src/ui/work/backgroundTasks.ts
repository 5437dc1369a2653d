import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppStore } from '../store/createAppStore';
import { inThreadClient, type WorkClient } from './workClient';
import { packText } from '../library/packText';
import type { PackSource, WorkKind, WorkRequest, WorkResult, WorkStage } from './workProtocol';

/** The job the progress indicator shows; null when nothing runs. */
export interface RunningTask {
  /** What the user asked for: "Opening big.aitm.json". */
  label: string;
  stage: WorkStage | null;
}

/**
 * The editor's one lane for heavy work: runs a job through the WorkClient, publishes its progress
 * for the indicator and lets the user cancel it. Starting a job cancels the one before (opening a
 * second file while the first is still being read). Task state lives here, not in the app store,
 * so a cancelled job leaves the app store exactly as it was.
 */
export interface BackgroundTasks {
  status: StoreApi<{ current: RunningTask | null }>;
  run<K extends WorkKind>(
    label: string,
    request: WorkRequest<K>,
    options?: { timeoutMs?: number },
  ): Promise<WorkResult<K>>;
  /**
   * Work the page itself must do after a job (building a Library, which cannot cross from the
   * worker), in slices that yield to the page: shown and cancellable like a job. `work` stops at
   * its next slice once the signal aborts (runInSlices).
   */
  onPage<T>(label: string, stage: WorkStage, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  cancel(): void;
}

export function createBackgroundTasks(client: WorkClient): BackgroundTasks {
  const status = createStore<{ current: RunningTask | null }>(() => ({ current: null }));
  let running: AbortController | null = null;
  return {
    status,
    async run(label, request, options = {}) {
      running?.abort();
      const controller = new AbortController();
      running = controller;
      status.setState({ current: { label, stage: null } });
      try {
        return await client.run(request, {
          signal: controller.signal,
          ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
          onProgress: (stage) => {
            if (running === controller) status.setState({ current: { label, stage } });
          },
        });
      } finally {
        if (running === controller) {
          running = null;
          status.setState({ current: null });
        }
      }
    },
    async onPage(label, stage, work) {
      running?.abort();
      const controller = new AbortController();
      running = controller;
      status.setState({ current: { label, stage } });
      try {
        return await work(controller.signal);
      } finally {
        if (running === controller) {
          running = null;
          status.setState({ current: null });
        }
      }
    },
    cancel() {
      running?.abort();
    },
  };
}

const fallbacks = new WeakMap<AppStore, BackgroundTasks>();

/**
 * The tasks of an app: the ones its services were given (a worker in the app), else one in-thread
 * lane per store (tests, which cannot run workers).
 */
export function tasksOf(services: { store: AppStore; tasks?: BackgroundTasks | undefined }): BackgroundTasks {
  if (services.tasks) return services.tasks;
  let tasks = fallbacks.get(services.store);
  if (!tasks) {
    const store = services.store;
    tasks = createBackgroundTasks(inThreadClient(() => store.getState().baseLibrary));
    fallbacks.set(store, tasks);
  }
  return tasks;
}

/** The packs in use, as the worker needs them (it rebuilds the library from them), as text. */
export const packSources = (store: AppStore): PackSource[] =>
  store.getState().rulePacks.map((p) => ({ fileName: p.fileName, text: packText(p.content) }));
