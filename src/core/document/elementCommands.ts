import type {
  Component,
  DataFlow,
  DataFlowProps,
  Position,
  ThreatModelDocument,
  TrustBoundary,
} from '../model/document';
import { assertFreshId, applyPatch, mergeRecord, mapById, mapSame, withArray } from './commandHelpers';
import type { ComponentPatch, DataFlowPatch, TrustBoundaryPatch } from './commandTypes';

/**
 * Document commands: pure functions from a document to the next document. They never mutate their
 * input and keep every untouched object identical (so history and memoised selectors can compare by
 * reference), and they take new ids as arguments — no randomness or clock inside. A command that
 * changes nothing returns its input unchanged. Ids that do not exist are ignored; adding an id that
 * is already used throws, because that is a bug in the caller, not a user error.
 */

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
    mapById(doc.components, id, (c) => {
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
    mapById(doc.dataFlows, id, (f) => {
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
