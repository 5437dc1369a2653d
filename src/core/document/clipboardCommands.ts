import type { Position, ThreatModelDocument } from '../model/document';
import { documentIds } from './commandHelpers';
import type { DocumentFragment } from './commandTypes';

/** Copy, paste and duplicate: fragments of a document re-inserted under fresh ids passed in. */

// ---------------------------------------------------------------- copy, paste, duplicate

/**
 * The selected elements as a fragment: selected boundaries and components, plus every data flow
 * whose two ends are both in the fragment (a boundary brings the components inside it).
 */
export function copyElements(doc: ThreatModelDocument, ids: Iterable<string>): DocumentFragment {
  const selected = new Set(ids);
  const boundaries = selectedBoundariesWithDescendants(doc, selected);
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

/**
 * The selected boundaries and every boundary nested in them, in one pass over a parent → children
 * index: walking the whole boundary list once per selected boundary was quadratic.
 */
function selectedBoundariesWithDescendants(
  doc: ThreatModelDocument,
  selected: ReadonlySet<string>,
): Set<string> {
  const children = new Map<string, string[]>();
  for (const b of doc.trustBoundaries) {
    if (b.parentId == null) continue;
    const list = children.get(b.parentId);
    if (list) list.push(b.id);
    else children.set(b.parentId, [b.id]);
  }
  const out = new Set<string>();
  const pending = doc.trustBoundaries.filter((b) => selected.has(b.id)).map((b) => b.id);
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (out.has(id)) continue; // also ends a parent cycle in a hand-edited file
    out.add(id);
    for (const child of children.get(id) ?? []) pending.push(child);
  }
  return out;
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
  // A Set of the ids handed out so far: searching the map's values for each one was quadratic.
  const assigned = new Set<string>();
  all.forEach((item, i) => {
    const id = freshIds[i]!;
    if (used.has(id) || assigned.has(id)) throw new Error(`id "${id}" is already used in the document`);
    assigned.add(id);
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
