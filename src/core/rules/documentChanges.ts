import type { Component, DataFlow, ThreatModelDocument, TrustBoundary } from '../model/document';
import { GRAPH_PROPERTIES } from './graphVocabulary';

/**
 * What changed between two versions of a document, found by identity: documents are immutable
 * with structural sharing, so an element object that is the same object did not change. Each
 * change is classified by what it can affect:
 *
 * - `structural`: indices, zones, boundary contents or graph facts may move (an element added or
 *   removed, a flow re-ended, a component moved between boundaries or changing type, a boundary's
 *   zone or parent, a property the graph analysis reads, a flow's kind or data). The evaluator
 *   starts again from a new context for these.
 * - `facts`: the element's own facts change, and what reads them directly: a component property no
 *   graph analysis reads (its rules and its flows' `source.*` / `target.*` facts), a flow property
 *   (its rules and the `via` of path conditions).
 * - `label`: only the finding's `targetLabel` (and unlabelled flows named after their ends).
 * - `scope`: only the `outOfScope` marking of its findings.
 */
export interface DocumentChanges {
  structural: boolean;
  /**
   * The components and boundaries are the same, but flows were added, removed, re-ended or changed
   * kind or data, or a component changed a property the graph analysis reads: reachability may
   * change. `reachSeeds` are the components whose own facts change (ends of such flows, components
   * whose graph properties changed).
   */
  reach: boolean;
  reachSeeds: string[];
  /**
   * Set when the flows are the old ones, the same objects in the same order, followed by new ones
   * (how the editor adds a flow): reachability only grows, and the graph facts can be extended.
   */
  addedFlows?: DataFlow[];
  /**
   * Set when the components are the old ones, the same objects in the same order, followed by new
   * ones (how the editor adds, pastes or duplicates), and the boundaries are the same objects.
   */
  addedComponents?: Component[];
  /**
   * Set when the components are the old ones, the same objects in the same order, with some left
   * out (how the editor deletes), and the boundaries are the same objects.
   */
  removedComponents?: Component[];
  components: { facts: string[]; label: string[]; scope: string[] };
  dataFlows: { facts: string[]; label: string[]; scope: string[] };
  trustBoundaries: { label: string[] };
  title: boolean;
  /** Triage keys whose entry was added, removed or replaced. */
  triage: string[];
  userThreats: boolean;
  /** The new objects of every element that changed in any way (positions and descriptions too). */
  replaced: { components: Component[]; dataFlows: DataFlow[]; trustBoundaries: TrustBoundary[] };
}

const GRAPH_PROPERTY_SET: ReadonlySet<string> = new Set(GRAPH_PROPERTIES);

export function documentChanges(prev: ThreatModelDocument, next: ThreatModelDocument): DocumentChanges {
  const changes: DocumentChanges = {
    structural: false,
    reach: false,
    reachSeeds: [],
    components: { facts: [], label: [], scope: [] },
    dataFlows: { facts: [], label: [], scope: [] },
    trustBoundaries: { label: [] },
    title: prev.meta !== next.meta && prev.meta.title !== next.meta.title,
    triage: prev.triage === next.triage ? [] : changedKeys(prev.triage, next.triage),
    userThreats: prev.userThreats !== next.userThreats,
    replaced: { components: [], dataFlows: [], trustBoundaries: [] },
  };
  const addedComponents =
    prev.trustBoundaries === next.trustBoundaries ? appended(prev.components, next.components) : undefined;
  if (addedComponents) {
    changes.addedComponents = addedComponents;
    changes.reach = true;
    for (const c of addedComponents) changes.reachSeeds.push(c.id);
  }
  const removedComponents =
    prev.trustBoundaries === next.trustBoundaries && !addedComponents
      ? leftOut(prev.components, next.components)
      : undefined;
  if (removedComponents) {
    changes.removedComponents = removedComponents;
    changes.reach = true;
  }
  const components =
    addedComponents || removedComponents ? [] : changedPairs(prev.components, next.components);
  const flows =
    changedPairs(prev.dataFlows, next.dataFlows) ?? flowSetChange(prev.dataFlows, next.dataFlows, changes);
  const boundaries = changedPairs(prev.trustBoundaries, next.trustBoundaries);
  if (!components || !boundaries) return { ...changes, structural: true };
  for (const [a, b] of components) {
    if (classifyComponent(a, b, changes)) return { ...changes, structural: true };
    changes.replaced.components.push(b);
  }
  for (const [a, b] of flows) {
    if (classifyFlow(a, b, changes)) return { ...changes, structural: true };
    changes.replaced.dataFlows.push(b);
  }
  for (const [a, b] of boundaries) {
    changes.replaced.trustBoundaries.push(b);
    if (a.zone !== b.zone || (a.parentId ?? null) !== (b.parentId ?? null))
      return { ...changes, structural: true };
    if (a.label !== b.label) changes.trustBoundaries.label.push(b.id);
  }
  return changes;
}

/** The elements after `prev` when `next` starts with exactly `prev`'s objects and is longer. */
function appended<T>(prev: readonly T[], next: readonly T[]): T[] | undefined {
  if (next.length <= prev.length) return undefined;
  for (let i = 0; i < prev.length; i++) if (prev[i] !== next[i]) return undefined;
  return next.slice(prev.length);
}

/** The elements of `prev` missing from `next` when `next` is `prev`'s objects, in order, with some left out. */
function leftOut<T>(prev: readonly T[], next: readonly T[]): T[] | undefined {
  if (next.length >= prev.length) return undefined;
  const out: T[] = [];
  let j = 0;
  for (const item of prev) {
    if (j < next.length && next[j] === item) j++;
    else out.push(item);
  }
  return j === next.length ? out : undefined;
}

/** Pairs (old, new) of elements that are different objects under the same id; undefined when ids differ. */
function changedPairs<T extends { id: string }>(
  prev: readonly T[],
  next: readonly T[],
): [T, T][] | undefined {
  if (prev === next) return [];
  if (prev.length !== next.length) return undefined;
  const pairs: [T, T][] = [];
  let aligned = true;
  for (let i = 0; i < prev.length && aligned; i++) {
    const a = prev[i]!;
    const b = next[i]!;
    if (a === b) continue;
    if (a.id !== b.id) aligned = false;
    else pairs.push([a, b]);
  }
  if (aligned) return pairs;
  // Same length, different order or ids: match by id.
  const byId = new Map(prev.map((e) => [e.id, e]));
  if (byId.size !== prev.length) return undefined;
  const out: [T, T][] = [];
  const seen = new Set<string>();
  for (const b of next) {
    const a = byId.get(b.id);
    if (!a || seen.has(b.id)) return undefined;
    seen.add(b.id);
    if (a !== b) out.push([a, b]);
  }
  return out;
}

/**
 * Flows added or removed (the components staying): the flows present in both are paired, and the
 * ends of every added or removed flow become reach seeds.
 */
function flowSetChange(
  prev: readonly DataFlow[],
  next: readonly DataFlow[],
  changes: DocumentChanges,
): [DataFlow, DataFlow][] {
  changes.reach = true;
  const added = appended(prev, next);
  if (added) {
    changes.addedFlows = added;
    for (const f of added) changes.reachSeeds.push(f.sourceId, f.targetId);
    return [];
  }
  const byId = new Map(prev.map((f) => [f.id, f]));
  const pairs: [DataFlow, DataFlow][] = [];
  const kept = new Set<string>();
  for (const b of next) {
    const a = byId.get(b.id);
    if (a === undefined) changes.reachSeeds.push(b.sourceId, b.targetId);
    else {
      kept.add(b.id);
      if (a !== b) pairs.push([a, b]);
    }
  }
  for (const a of prev) if (!kept.has(a.id)) changes.reachSeeds.push(a.sourceId, a.targetId);
  return pairs;
}

/** True when the change is structural. */
function classifyComponent(a: Component, b: Component, changes: DocumentChanges): boolean {
  if (a.type !== b.type || (a.boundaryId ?? null) !== (b.boundaryId ?? null)) return true;
  if (a.props !== b.props) {
    const names = changedKeys(a.props ?? {}, b.props ?? {});
    if (names.some((n) => GRAPH_PROPERTY_SET.has(n))) {
      changes.reach = true;
      changes.reachSeeds.push(b.id);
    } else if (names.length > 0) changes.components.facts.push(b.id);
  }
  if (a.label !== b.label) changes.components.label.push(b.id);
  if ((a.outOfScope === undefined) !== (b.outOfScope === undefined)) changes.components.scope.push(b.id);
  return false;
}

function classifyFlow(a: DataFlow, b: DataFlow, changes: DocumentChanges): boolean {
  const pa = a.props ?? {};
  const pb = b.props ?? {};
  // Kinds and data categories are read by the graph analysis and by the neighbour lists of both ends.
  if (
    a.sourceId !== b.sourceId ||
    a.targetId !== b.targetId ||
    (a.props !== b.props && (pa.kind !== pb.kind || !sameList(pa.data, pb.data)))
  ) {
    changes.reach = true;
    changes.reachSeeds.push(a.sourceId, a.targetId, b.sourceId, b.targetId);
  }
  if (a.props !== b.props && changedKeys(pa, pb).length > 0) changes.dataFlows.facts.push(b.id);
  if (a.label !== b.label) changes.dataFlows.label.push(b.id);
  if ((a.outOfScope === undefined) !== (b.outOfScope === undefined)) changes.dataFlows.scope.push(b.id);
  return false;
}

/** Keys whose values differ (lists by content, anything else by identity). */
function changedKeys(a: object, b: object): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(ra))
    if (!Object.hasOwn(rb, key) || !sameValue(ra[key], rb[key])) out.push(key);
  for (const key of Object.keys(rb)) if (!Object.hasOwn(ra, key)) out.push(key);
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return Array.isArray(a) && Array.isArray(b) && sameList(a, b);
}

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
