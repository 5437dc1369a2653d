import { SEVERITIES, type Finding, type Severity } from '../../core';

/**
 * The findings of one document by target and by key, with each target's open count and top
 * severity (the badges). Built for every new findings array, so its cost is that of the change,
 * not of the model: the incremental evaluator keeps the very same finding objects for the targets
 * an edit did not touch, so a walk of the previous and the new array by identity tells which
 * targets changed, and only their entries are built again (from scratch it took ~6 ms of each
 * edit over 22,000 findings at 10,000 components).
 */
export interface TargetSummary {
  /** Open findings on this element. */
  open: number;
  /** Highest severity among the open findings, or null when none is open. */
  severity: Severity | null;
}

export interface FindingsIndex {
  byTarget: ReadonlyMap<string, readonly Finding[]>;
  byKey: ReadonlyMap<string, Finding>;
  summary: ReadonlyMap<string, TargetSummary>;
}

interface Tables {
  byTarget: Map<string, readonly Finding[]>;
  byKey: Map<string, Finding>;
  summary: Map<string, TargetSummary>;
}

/**
 * One set of tables is live: it belongs to the findings array indexed (or read) last and is
 * updated in place for the next one. An index of another array (an older document: undo, or a
 * panel still showing the one before) takes the live tables back the same way when it is read,
 * so every index always answers for its own findings.
 */
let live: { owner: IndexHandle; tables: Tables } | null = null;

let serials = 0;

class IndexHandle {
  readonly serial = ++serials;
  /**
   * When this index was made by updating the one before it: that one's serial (not the handle:
   * a chain of handles would keep every past findings array alive) and the targets touched.
   */
  derivation: { from: number; touched: ReadonlySet<string> } | null | undefined;
  constructor(readonly findings: readonly Finding[]) {}
  tables(): Tables {
    if (live?.owner === this) return live.tables;
    const touched = live ? changedTargets(live.owner.findings, this.findings) : null;
    this.derivation ??= live && touched ? { from: live.owner.serial, touched } : null;
    if (live && touched) updateTables(live.tables, this.findings, touched);
    live = { owner: this, tables: live && touched ? live.tables : buildTables(this.findings) };
    return live.tables;
  }
}

const handles = new WeakMap<FindingsIndex, IndexHandle>();

/**
 * The targets whose entries may differ between `previous` and `next` when `next` was made by
 * updating `previous` (the usual step of an edit); null when it was not, and any may differ. A
 * target not in the set has the very same entries in both: the canvas's 20,000 edges check this
 * rather than look their summaries up again.
 */
export function changedSince(next: FindingsIndex, previous: FindingsIndex): ReadonlySet<string> | null {
  const derivation = handles.get(next)?.derivation;
  return derivation && derivation.from === handles.get(previous)?.serial ? derivation.touched : null;
}

/** A read-only view of one table of a handle: always the handle's own answers (see `live`). */
class TableView<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly handle: IndexHandle,
    private readonly pick: (tables: Tables) => ReadonlyMap<string, V>,
  ) {}
  private get map(): ReadonlyMap<string, V> {
    return this.pick(this.handle.tables());
  }
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  get size(): number {
    return this.map.size;
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries(): MapIterator<[string, V]> {
    return this.map.entries();
  }
  keys(): MapIterator<string> {
    return this.map.keys();
  }
  values(): MapIterator<V> {
    return this.map.values();
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.map.entries();
  }
}

const indexCache = new WeakMap<readonly Finding[], FindingsIndex>();

export function indexFindings(findings: readonly Finding[]): FindingsIndex {
  const hit = indexCache.get(findings);
  if (hit) return hit;
  const handle = new IndexHandle(findings);
  // Updated now, from the array indexed last, rather than at the first read.
  handle.tables();
  const index: FindingsIndex = {
    byTarget: new TableView(handle, (t) => t.byTarget),
    byKey: new TableView(handle, (t) => t.byKey),
    summary: new TableView(handle, (t) => t.summary),
  };
  indexCache.set(findings, index);
  handles.set(index, handle);
  return index;
}

/** Past this share of the findings changed, building afresh is as cheap as updating. */
const UPDATE_LIMIT = 0.25;

/**
 * The targets whose findings differ between two arrays — null when so many do that building the
 * tables afresh is cheaper. Both arrays are walked together: identical objects in step are kept;
 * anything else marks its target and moves on by key order (results are
 * sorted by key, so a replaced finding meets its key, an added or removed one is passed by).
 *
 * Every finding the walk passes is either paired with itself or has its target marked, and the
 * pairs keep both arrays' order, so a target not marked has the same finding objects in the same
 * order in both: its entries stand, whatever the order of the rest (sorting makes the walk short,
 * not right).
 */
export function changedTargets(prev: readonly Finding[], next: readonly Finding[]): Set<string> | null {
  const touched = new Set<string>();
  const limit = Math.max(8, next.length * UPDATE_LIMIT);
  let i = 0;
  let j = 0;
  while (i < prev.length && j < next.length) {
    const a = prev[i]!;
    const b = next[j]!;
    if (a === b) {
      i++;
      j++;
      continue;
    }
    if (a.key === b.key) {
      touched.add(a.targetId).add(b.targetId);
      i++;
      j++;
    } else if (a.key < b.key) touched.add(prev[i++]!.targetId);
    else touched.add(next[j++]!.targetId);
    if (touched.size > limit) return null;
  }
  for (; i < prev.length; i++) touched.add(prev[i]!.targetId);
  for (; j < next.length; j++) touched.add(next[j]!.targetId);
  return touched.size > limit ? null : touched;
}

function buildTables(findings: readonly Finding[]): Tables {
  const byTarget = new Map<string, Finding[]>();
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    byKey.set(f.key, f);
    const list = byTarget.get(f.targetId);
    if (list) list.push(f);
    else byTarget.set(f.targetId, [f]);
  }
  const summary = new Map<string, TargetSummary>();
  for (const [target, list] of byTarget) {
    const s = summarise(list);
    if (s) summary.set(target, s);
  }
  return { byTarget, byKey, summary };
}

/** The tables of `prev` become those of `next`: the entries of the touched targets are built again. */
function updateTables(tables: Tables, next: readonly Finding[], touched: Set<string>) {
  if (touched.size === 0) return;
  // A summary that reads the same stays the same object: a label edit replaces the findings of its
  // element (their targetLabel) without changing its badge, and the canvas compares by identity.
  const previous = new Map<string, TargetSummary>();
  for (const target of touched) {
    for (const f of tables.byTarget.get(target) ?? [])
      if (tables.byKey.get(f.key) === f) tables.byKey.delete(f.key);
    tables.byTarget.delete(target);
    const old = tables.summary.get(target);
    if (old) previous.set(target, old);
    tables.summary.delete(target);
  }
  // Array order within each target, as buildTables gives.
  const lists = new Map<string, Finding[]>();
  for (const f of next) {
    if (!touched.has(f.targetId)) continue;
    tables.byKey.set(f.key, f);
    const list = lists.get(f.targetId);
    if (list) list.push(f);
    else lists.set(f.targetId, [f]);
  }
  for (const [target, list] of lists) {
    tables.byTarget.set(target, list);
    const s = summarise(list);
    const old = previous.get(target);
    if (s) tables.summary.set(target, old && old.open === s.open && old.severity === s.severity ? old : s);
  }
}

/** Open count and top severity of one target's findings; undefined when none is open. */
function summarise(list: readonly Finding[]): TargetSummary | undefined {
  let summary: TargetSummary | undefined;
  for (const f of list) {
    if (f.status !== 'open') continue;
    if (!summary) summary = { open: 1, severity: f.severity };
    else {
      summary.open++;
      if (summary.severity === null || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(summary.severity))
        summary.severity = f.severity;
    }
  }
  return summary;
}
