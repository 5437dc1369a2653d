import { produce, type Draft } from 'immer';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState, ChangeMeta, HistoryState } from './appState';

/**
 * The store's middleware, applied once on the combined store: immer recipes, undo history of
 * documents, then persistence (persistence.ts). Each layer hands the next a `set` that carries
 * ChangeMeta, so history can coalesce typing and reset on open without knowing who called.
 */

export type Api = StoreApi<AppState>;
export type Get = () => AppState;
/** Replaces the state with the result of `update`; the layer below history. */
export type MetaSet = (update: (state: AppState) => AppState, meta?: ChangeMeta) => void;
/** Applies an immer recipe; what slices use. */
export type DraftSet = (recipe: (draft: Draft<AppState>) => void, meta?: ChangeMeta) => void;
export type Creator<S> = (set: S, get: Get, api: Api) => AppState;
export type RootCreator = (set: Api['setState'], get: Get, api: Api) => AppState;

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1500;

export const emptyHistory = (): HistoryState => ({ past: [], future: [], coalesceKey: null, coalesceAt: 0 });

/** Lets slices write immer recipes. */
export function withImmer(creator: Creator<DraftSet>): Creator<MetaSet> {
  return (set, get, api) => creator((recipe, meta) => set((state) => produce(state, recipe), meta), get, api);
}

/**
 * Records the previous document whenever a change replaces it. Immer's structural sharing makes
 * each entry cheap: unchanged components are the same objects in every version.
 */
export function withHistory(creator: Creator<MetaSet>, now: () => number = Date.now): RootCreator {
  return (set, get, api) => {
    const metaSet: MetaSet = (update, meta) => {
      const before = get();
      let next = update(before);
      if (next === before) return;
      if (next.document !== before.document && meta?.history !== 'skip') {
        next = { ...next, history: record(before, meta, now()) };
      }
      set(next, true);
    };
    return creator(metaSet, get, api);
  };
}

function record(before: AppState, meta: ChangeMeta | undefined, at: number): HistoryState {
  if (meta?.history === 'reset') return emptyHistory();
  const h = before.history;
  const key = meta?.coalesce ?? null;
  if (key !== null && h.coalesceKey === key && at - h.coalesceAt < COALESCE_MS) {
    return { past: h.past, future: [], coalesceKey: key, coalesceAt: at };
  }
  const past = [...h.past, before.document];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [], coalesceKey: key, coalesceAt: at };
}
