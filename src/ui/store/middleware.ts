import { produce, type Draft } from 'immer';
import type { StoreApi } from 'zustand/vanilla';
import type { ThreatModelDocument } from '../../core';
import type { AppState, ChangeMeta, HistoryState, HistoryStep } from './appState';
import { applyDocumentPatches, diffDocuments } from './documentPatches';

/**
 * The store's middleware, applied once on the combined store: immer recipes, undo history of
 * document patches, then persistence (persistence.ts). Each layer hands the next a `set` that carries
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
 * Records each change of the document as one undo step of patches (see documentPatches.ts).
 * Nothing of a past version is kept but what its patches hold: the elements that changed. Past
 * documents, and so their findings, are free to be collected.
 */
export function withHistory(creator: Creator<MetaSet>, now: () => number = Date.now): RootCreator {
  return (set, get, api) => {
    const metaSet: MetaSet = (update, meta) => {
      const before = get();
      let next = update(before);
      if (next === before) return;
      if (next.document !== before.document && meta?.history !== 'skip') {
        next = { ...next, history: record(before.history, before.document, next.document, meta, now()) };
      }
      set(next, true);
    };
    return creator(metaSet, get, api);
  };
}

function record(
  h: HistoryState,
  before: ThreatModelDocument,
  after: ThreatModelDocument,
  meta: ChangeMeta | undefined,
  at: number,
): HistoryState {
  if (meta?.history === 'reset') return emptyHistory();
  const step = diffDocuments(before, after);
  const key = meta?.coalesce ?? null;
  const last = h.past.at(-1);
  if (last && key !== null && h.coalesceKey === key && at - h.coalesceAt < COALESCE_MS) {
    return {
      past: [...h.past.slice(0, -1), coalesce(last, step)],
      future: [],
      coalesceKey: key,
      coalesceAt: at,
    };
  }
  const past = [...h.past, step];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [], coalesceKey: key, coalesceAt: at };
}

/**
 * Two steps as one: the later's patches after the earlier's; undo the later first. Typing in one
 * field replaces the same path each time, so only the newest value and the oldest one are kept:
 * a long label typed key by key is one small step, not one patch per key.
 */
function coalesce(earlier: HistoryStep, later: HistoryStep): HistoryStep {
  const a = earlier.patches;
  const b = later.patches;
  if (
    a.length === 1 &&
    b.length === 1 &&
    a[0]!.op === 'replace' &&
    b[0]!.op === 'replace' &&
    samePath(a[0]!.path, b[0]!.path)
  )
    return { patches: b, inverse: earlier.inverse };
  return { patches: [...a, ...b], inverse: [...later.inverse, ...earlier.inverse] };
}

const samePath = (p: readonly (string | number)[], q: readonly (string | number)[]) =>
  p.length === q.length && p.every((k, i) => k === q[i]);

/** Newest first: the documents of the undo history, rebuilt one step at a time from `current`. */
export function* pastDocuments(
  history: HistoryState,
  current: ThreatModelDocument,
): Generator<ThreatModelDocument> {
  let doc = current;
  for (let i = history.past.length - 1; i >= 0; i--) {
    doc = applyDocumentPatches(doc, history.past[i]!.inverse);
    yield doc;
  }
}

/** Where undo or redo leads: the document and the history after the move. */
export interface HistoryMove {
  document: ThreatModelDocument;
  history: HistoryState;
}

/** Undo one step: the last past step's inverse, the step moved to the front of the future. */
export function undoStep(history: HistoryState, current: ThreatModelDocument): HistoryMove | null {
  const step = history.past.at(-1);
  if (!step) return null;
  return {
    document: applyDocumentPatches(current, step.inverse),
    history: {
      past: history.past.slice(0, -1),
      future: [step, ...history.future],
      coalesceKey: null,
      coalesceAt: 0,
    },
  };
}

/** Redo one step: the first future step's patches, the step moved back onto the past. */
export function redoStep(history: HistoryState, current: ThreatModelDocument): HistoryMove | null {
  const step = history.future[0];
  if (!step) return null;
  return {
    document: applyDocumentPatches(current, step.patches),
    history: {
      past: [...history.past, step],
      future: history.future.slice(1),
      coalesceKey: null,
      coalesceAt: 0,
    },
  };
}
