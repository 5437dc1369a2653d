import type {
  Component,
  DataFlow,
  DataFlowProps,
  Position,
  PropValue,
  ThreatModelDocument,
  Triage,
  TrustBoundary,
  UserThreat,
} from '../model/document';
import type { FindingStatus, MitigationState } from '../model/vocabulary';

/**
 * Document commands: pure functions from a document to the next document. They never mutate their
 * input and keep every untouched object identical (so history and memoised selectors can compare by
 * reference), and they take new ids as arguments — no randomness or clock inside. A command that
 * changes nothing returns its input unchanged. Ids that do not exist are ignored; adding an id that
 * is already used throws, because that is a bug in the caller, not a user error.
 */

/** Changes to a component; `null` clears an optional field. */
export interface ComponentPatch {
  label?: string;
  description?: string | null;
  type?: string;
  /** Merged into the existing props; a `null` value removes that prop (it falls back to its default). */
  props?: Readonly<Record<string, PropValue | null>>;
  position?: Position | null;
  boundaryId?: string | null;
}

export interface DataFlowPatch {
  label?: string;
  description?: string | null;
  sourceId?: string;
  targetId?: string;
  /** Merged into the existing props; a `null` value removes that prop. */
  props?: { [K in keyof DataFlowProps]?: DataFlowProps[K] | null };
}

export interface TrustBoundaryPatch {
  label?: string;
  description?: string | null;
  zone?: TrustBoundary['zone'];
  parentId?: string | null;
  position?: Position | null;
  size?: TrustBoundary['size'] | null;
}

/** Changes to a finding's triage; empty owner or note strings remove the field. */
export interface TriagePatch {
  status?: FindingStatus;
  owner?: string;
  note?: string;
  /** A `null` state removes the stored state (the mitigation goes back to "suggested"). */
  mitigations?: Readonly<Record<string, MitigationState | null>>;
}

export interface UserThreatPatch {
  targetId?: string | null;
  title?: string;
  description?: string | null;
  severity?: UserThreat['severity'];
  status?: FindingStatus;
  owner?: string | null;
  note?: string | null;
  mitigations?: UserThreat['mitigations'] | null;
}

/** A piece of a document to copy, paste or duplicate: boundaries, components and the flows between them. */
export interface DocumentFragment {
  trustBoundaries: TrustBoundary[];
  components: Component[];
  dataFlows: DataFlow[];
}

// ---------------------------------------------------------------- helpers

/** Every id in use in the document (all element kinds share one id space). */
export function documentIds(doc: ThreatModelDocument): Set<string> {
  const ids = new Set<string>();
  for (const b of doc.trustBoundaries) ids.add(b.id);
  for (const c of doc.components) ids.add(c.id);
  for (const f of doc.dataFlows) ids.add(f.id);
  for (const t of doc.userThreats) ids.add(t.id);
  return ids;
}

function assertFreshId(doc: ThreatModelDocument, id: string): void {
  if (documentIds(doc).has(id)) throw new Error(`id "${id}" is already used in the document`);
}

/** Applies a patch with `null` meaning "remove"; returns the same object when nothing changes. */
function applyPatch<T extends object>(value: T, patch: object): T {
  let out: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const [key, next] of Object.entries(patch)) {
    if (next === undefined) continue;
    if (next === null) {
      if (!(key in source)) continue;
      out ??= { ...source };
      delete out[key];
    } else if (!sameValue(source[key], next)) {
      out ??= { ...source };
      out[key] = next;
    }
  }
  return (out as T | undefined) ?? value;
}

function mergeRecord<V>(
  current: Readonly<Record<string, V>> | undefined,
  patch: Readonly<Record<string, V | null | undefined>>,
): Record<string, V> | undefined {
  let out: Record<string, V> | undefined;
  for (const [key, next] of Object.entries(patch)) {
    if (next === undefined) continue;
    if (next === null) {
      if (current === undefined || !(key in current)) continue;
      out ??= { ...current };
      delete out[key];
    } else if (!sameValue(current?.[key], next)) {
      out ??= { ...current };
      out[key] = next;
    }
  }
  if (out === undefined) return current === undefined ? undefined : (current as Record<string, V>);
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/** Maps one array, returning the same array when no item changed. */
function mapSame<T>(items: readonly T[], fn: (item: T) => T): T[] {
  let out: T[] | undefined;
  items.forEach((item, i) => {
    const next = fn(item);
    if (next !== item) {
      out ??= items.slice();
      out[i] = next;
    }
  });
  return out ?? (items as T[]);
}

function withArray<K extends 'components' | 'dataFlows' | 'trustBoundaries' | 'userThreats'>(
  doc: ThreatModelDocument,
  key: K,
  next: ThreatModelDocument[K],
): ThreatModelDocument {
  return next === doc[key] ? doc : { ...doc, [key]: next };
}

// ---------------------------------------------------------------- document

/** Renames the model (meta.title). */
export function renameDocument(doc: ThreatModelDocument, title: string): ThreatModelDocument {
  return doc.meta.title === title ? doc : { ...doc, meta: { ...doc.meta, title } };
}

/** Changes the model's description or owner; `null` or an empty string removes the field. */
export function updateMeta(
  doc: ThreatModelDocument,
  patch: { description?: string | null; owner?: string | null },
): ThreatModelDocument {
  const cleaned = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === '' ? null : v]));
  const meta = applyPatch(doc.meta, cleaned);
  return meta === doc.meta ? doc : { ...doc, meta };
}

// ---------------------------------------------------------------- components

export function addComponent(doc: ThreatModelDocument, component: Component): ThreatModelDocument {
  assertFreshId(doc, component.id);
  return { ...doc, components: [...doc.components, component] };
}

export function updateComponent(
  doc: ThreatModelDocument,
  id: string,
  patch: ComponentPatch,
): ThreatModelDocument {
  const { props, ...rest } = patch;
  const cleaned = { ...rest, ...(rest.description === '' ? { description: null } : {}) };
  if (rest.boundaryId != null && !doc.trustBoundaries.some((b) => b.id === rest.boundaryId))
    delete cleaned.boundaryId;
  return withArray(
    doc,
    'components',
    mapSame(doc.components, (c) => {
      if (c.id !== id) return c;
      let next = applyPatch(c, cleaned);
      if (props) {
        const merged = mergeRecord(c.props, props);
        if (merged !== c.props) {
          next = next === c ? { ...c } : next;
          if (merged === undefined || Object.keys(merged).length === 0) delete next.props;
          else next.props = merged;
        }
      }
      return next;
    }),
  );
}

/**
 * Moves components and trust boundaries in one step (a drag of several elements is one change).
 */
export function moveElements(
  doc: ThreatModelDocument,
  moves: readonly { id: string; position: Position }[],
): ThreatModelDocument {
  const byId = new Map(moves.map((m) => [m.id, m.position]));
  const move = <T extends { id: string; position?: Position }>(item: T): T => {
    const position = byId.get(item.id);
    return position === undefined ? item : applyPatch(item, { position: { x: position.x, y: position.y } });
  };
  const components = mapSame(doc.components, move);
  const trustBoundaries = mapSame(doc.trustBoundaries, move);
  if (components === doc.components && trustBoundaries === doc.trustBoundaries) return doc;
  return { ...doc, components, trustBoundaries };
}

// ---------------------------------------------------------------- data flows

export function addDataFlow(doc: ThreatModelDocument, flow: DataFlow): ThreatModelDocument {
  assertFreshId(doc, flow.id);
  const ids = new Set(doc.components.map((c) => c.id));
  if (!ids.has(flow.sourceId) || !ids.has(flow.targetId))
    throw new Error(`data flow "${flow.id}" must connect two existing components`);
  return { ...doc, dataFlows: [...doc.dataFlows, flow] };
}

export function updateDataFlow(
  doc: ThreatModelDocument,
  id: string,
  patch: DataFlowPatch,
): ThreatModelDocument {
  const { props, ...rest } = patch;
  const cleaned = { ...rest, ...(rest.description === '' ? { description: null } : {}) };
  return withArray(
    doc,
    'dataFlows',
    mapSame(doc.dataFlows, (f) => {
      if (f.id !== id) return f;
      let next = applyPatch(f, cleaned);
      if (props) {
        const merged = mergeRecord<unknown>(f.props, props as Record<string, unknown>) as
          DataFlowProps | undefined;
        if (merged !== f.props) {
          next = next === f ? { ...f } : next;
          if (merged === undefined || Object.keys(merged).length === 0) delete next.props;
          else next.props = merged;
        }
      }
      return next;
    }),
  );
}

// ---------------------------------------------------------------- trust boundaries

export function addTrustBoundary(doc: ThreatModelDocument, boundary: TrustBoundary): ThreatModelDocument {
  assertFreshId(doc, boundary.id);
  return { ...doc, trustBoundaries: [...doc.trustBoundaries, boundary] };
}

/** The boundary and every boundary nested in it, at any depth. */
export function boundaryDescendants(doc: ThreatModelDocument, id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of doc.trustBoundaries) {
      if (b.parentId != null && out.has(b.parentId) && !out.has(b.id)) {
        out.add(b.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Updates a trust boundary. A parent that would nest the boundary inside itself is ignored. */
export function updateTrustBoundary(
  doc: ThreatModelDocument,
  id: string,
  patch: TrustBoundaryPatch,
): ThreatModelDocument {
  let cleaned: TrustBoundaryPatch = { ...patch, ...(patch.description === '' ? { description: null } : {}) };
  if (patch.parentId != null && boundaryDescendants(doc, id).has(patch.parentId)) {
    const { parentId: _ignored, ...rest } = cleaned;
    cleaned = rest;
  }
  return withArray(
    doc,
    'trustBoundaries',
    mapSame(doc.trustBoundaries, (b) => (b.id === id ? applyPatch(b, cleaned) : b)),
  );
}

// ---------------------------------------------------------------- removal

/**
 * Removes components, data flows and trust boundaries. A removed component takes its data flows
 * with it; a removed boundary hands its components and nested boundaries to its own parent. User
 * threats on removed elements become unplaced (targetId null) rather than vanish, and triage is
 * kept: both are reported as orphaned, never silently dropped.
 */
export function removeElements(doc: ThreatModelDocument, ids: Iterable<string>): ThreatModelDocument {
  const remove = new Set(ids);
  if (remove.size === 0) return doc;
  const parentOf = new Map(doc.trustBoundaries.map((b) => [b.id, b.parentId ?? null]));
  // The nearest surviving ancestor of a removed boundary.
  const survivor = (boundaryId: string | null | undefined): string | null => {
    let current = boundaryId ?? null;
    const seen = new Set<string>();
    while (current !== null && remove.has(current) && !seen.has(current)) {
      seen.add(current);
      current = parentOf.get(current) ?? null;
    }
    return current;
  };
  const removedComponents = new Set(doc.components.filter((c) => remove.has(c.id)).map((c) => c.id));
  const removedFlows = new Set(
    doc.dataFlows
      .filter(
        (f) => remove.has(f.id) || removedComponents.has(f.sourceId) || removedComponents.has(f.targetId),
      )
      .map((f) => f.id),
  );
  const removedBoundaries = new Set(doc.trustBoundaries.filter((b) => remove.has(b.id)).map((b) => b.id));
  if (removedComponents.size + removedFlows.size + removedBoundaries.size === 0) return doc;

  const filterSame = <T extends { id: string }>(items: T[], gone: Set<string>): T[] =>
    items.some((i) => gone.has(i.id)) ? items.filter((i) => !gone.has(i.id)) : items;
  const reparent = <T extends object>(item: T, key: 'boundaryId' | 'parentId'): T => {
    const current = (item as Record<string, unknown>)[key] as string | null | undefined;
    if (current == null || !removedBoundaries.has(current)) return item;
    return { ...item, [key]: survivor(current) };
  };
  const gone = new Set([...removedComponents, ...removedFlows, ...removedBoundaries]);
  const next: ThreatModelDocument = {
    ...doc,
    components: mapSame(filterSame(doc.components, removedComponents), (c) => reparent(c, 'boundaryId')),
    dataFlows: filterSame(doc.dataFlows, removedFlows),
    trustBoundaries: mapSame(filterSame(doc.trustBoundaries, removedBoundaries), (b) =>
      reparent(b, 'parentId'),
    ),
    userThreats: mapSame(doc.userThreats, (t) =>
      t.targetId !== null && gone.has(t.targetId) ? { ...t, targetId: null } : t,
    ),
  };
  return next;
}

// ---------------------------------------------------------------- triage

/**
 * Records triage for a rule finding. The first triage of a finding starts from `patch.status`
 * (pass the finding's current status) or `open`.
 */
export function setTriage(doc: ThreatModelDocument, key: string, patch: TriagePatch): ThreatModelDocument {
  const current: Triage = doc.triage[key] ?? { status: patch.status ?? 'open' };
  let next: Triage = current;
  if (patch.status !== undefined && patch.status !== next.status) next = { ...next, status: patch.status };
  for (const field of ['owner', 'note'] as const) {
    const value = patch[field];
    if (value === undefined) continue;
    next = applyPatch(next, { [field]: value === '' ? null : value });
  }
  if (patch.mitigations) {
    const merged = mergeRecord(next.mitigations, patch.mitigations);
    if (merged !== next.mitigations) {
      next = { ...next };
      if (merged === undefined || Object.keys(merged).length === 0) delete next.mitigations;
      else next.mitigations = merged;
    }
  }
  if (next === doc.triage[key]) return doc;
  return { ...doc, triage: { ...doc.triage, [key]: next } };
}

/** Removes stored triage (e.g. orphaned triage the user no longer wants). */
export function clearTriage(doc: ThreatModelDocument, key: string): ThreatModelDocument {
  if (!(key in doc.triage)) return doc;
  const triage = { ...doc.triage };
  delete triage[key];
  return { ...doc, triage };
}

// ---------------------------------------------------------------- user threats

export function addUserThreat(doc: ThreatModelDocument, threat: UserThreat): ThreatModelDocument {
  assertFreshId(doc, threat.id);
  return { ...doc, userThreats: [...doc.userThreats, threat] };
}

export function updateUserThreat(
  doc: ThreatModelDocument,
  id: string,
  patch: UserThreatPatch,
): ThreatModelDocument {
  const cleaned = Object.fromEntries(
    Object.entries(patch).map(([k, v]) => [k, v === '' && k !== 'title' ? null : v]),
  );
  return withArray(
    doc,
    'userThreats',
    mapSame(doc.userThreats, (t) => (t.id === id ? applyPatch(t, cleaned) : t)),
  );
}

export function removeUserThreat(doc: ThreatModelDocument, id: string): ThreatModelDocument {
  return doc.userThreats.some((t) => t.id === id)
    ? { ...doc, userThreats: doc.userThreats.filter((t) => t.id !== id) }
    : doc;
}

// ---------------------------------------------------------------- copy, paste, duplicate

/**
 * The selected elements as a fragment: selected boundaries and components, plus every data flow
 * whose two ends are both in the fragment (a boundary brings the components inside it).
 */
export function copyElements(doc: ThreatModelDocument, ids: Iterable<string>): DocumentFragment {
  const selected = new Set(ids);
  const boundaries = new Set<string>();
  for (const b of doc.trustBoundaries)
    if (selected.has(b.id)) for (const d of boundaryDescendants(doc, b.id)) boundaries.add(d);
  const components = doc.components.filter(
    (c) => selected.has(c.id) || (c.boundaryId != null && boundaries.has(c.boundaryId)),
  );
  const componentIds = new Set(components.map((c) => c.id));
  return {
    trustBoundaries: doc.trustBoundaries.filter((b) => boundaries.has(b.id)),
    components,
    dataFlows: doc.dataFlows.filter((f) => componentIds.has(f.sourceId) && componentIds.has(f.targetId)),
  };
}

/** How many fresh ids pasting this fragment needs. */
export function fragmentSize(fragment: DocumentFragment): number {
  return fragment.trustBoundaries.length + fragment.components.length + fragment.dataFlows.length;
}

/**
 * Pastes a fragment with fresh ids (assigned in order: boundaries, components, flows) and its
 * positions shifted by `offset`. References inside the fragment are remapped; a component whose
 * boundary is not in the fragment stays in that boundary if it still exists. Returns the document
 * and the new ids, in the same order, so the caller can select them.
 */
export function pasteElements(
  doc: ThreatModelDocument,
  fragment: DocumentFragment,
  freshIds: readonly string[],
  offset: Position = { x: 0, y: 0 },
): { document: ThreatModelDocument; ids: string[] } {
  const needed = fragmentSize(fragment);
  if (freshIds.length < needed) throw new Error(`pasting needs ${needed} fresh ids, got ${freshIds.length}`);
  const used = documentIds(doc);
  const idMap = new Map<string, string>();
  const all = [...fragment.trustBoundaries, ...fragment.components, ...fragment.dataFlows];
  all.forEach((item, i) => {
    const id = freshIds[i]!;
    if (used.has(id) || [...idMap.values()].includes(id))
      throw new Error(`id "${id}" is already used in the document`);
    idMap.set(item.id, id);
  });
  const existingBoundaries = new Set(doc.trustBoundaries.map((b) => b.id));
  const mapBoundary = (id: string | null | undefined): string | null | undefined => {
    if (id == null) return id;
    return idMap.get(id) ?? (existingBoundaries.has(id) ? id : null);
  };
  const shift = (p: Position | undefined): Position | undefined =>
    p ? { x: p.x + offset.x, y: p.y + offset.y } : undefined;
  const stripUndefined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

  const trustBoundaries = fragment.trustBoundaries.map((b) =>
    stripUndefined({
      ...b,
      id: idMap.get(b.id)!,
      parentId: mapBoundary(b.parentId),
      position: shift(b.position),
    }),
  );
  const components = fragment.components.map((c) =>
    stripUndefined({
      ...c,
      id: idMap.get(c.id)!,
      boundaryId: mapBoundary(c.boundaryId),
      position: shift(c.position),
    }),
  );
  const dataFlows = fragment.dataFlows.map((f) => ({
    ...f,
    id: idMap.get(f.id)!,
    sourceId: idMap.get(f.sourceId)!,
    targetId: idMap.get(f.targetId)!,
  }));
  const document: ThreatModelDocument = {
    ...doc,
    trustBoundaries: trustBoundaries.length
      ? [...doc.trustBoundaries, ...trustBoundaries]
      : doc.trustBoundaries,
    components: components.length ? [...doc.components, ...components] : doc.components,
    dataFlows: dataFlows.length ? [...doc.dataFlows, ...dataFlows] : doc.dataFlows,
  };
  return { document: needed === 0 ? doc : document, ids: all.map((item) => idMap.get(item.id)!) };
}

/** copyElements then pasteElements in one step. */
export function duplicateElements(
  doc: ThreatModelDocument,
  ids: Iterable<string>,
  freshIds: readonly string[],
  offset: Position = { x: 32, y: 32 },
): { document: ThreatModelDocument; ids: string[] } {
  return pasteElements(doc, copyElements(doc, ids), freshIds, offset);
}
