import {
  boundaryDescendants,
  boundaryOfComponentAt,
  boundarySize,
  moveElements,
  parentBoundaryAt,
  positionOf,
  updateComponent,
  updateTrustBoundary,
  type Position,
  type ThreatModelDocument,
} from '../../core';
import { componentsById, boundariesById } from '../store/selectors';

/**
 * Turns the end of a drag into one document change: the moved elements' new absolute positions,
 * the members of a moved boundary carried along, and the new boundary of every element dropped
 * into (or dragged out of) a trust boundary.
 */
export function commitMoves(
  doc: ThreatModelDocument,
  moved: readonly { id: string; position: Position }[],
  sizeOf: (id: string) => { width: number; height: number } | undefined = () => undefined,
): ThreatModelDocument {
  const components = componentsById(doc);
  const boundaries = boundariesById(doc);
  const movedIds = new Set(moved.map((m) => m.id));
  const moves = new Map<string, Position>();
  for (const m of moved)
    if (components.has(m.id) || boundaries.has(m.id))
      moves.set(m.id, { x: Math.round(m.position.x), y: Math.round(m.position.y) });

  // Members of a moved boundary keep their place inside it.
  for (const m of moved) {
    const b = boundaries.get(m.id);
    if (!b) continue;
    const old = positionOf(b);
    const dx = moves.get(m.id)!.x - old.x;
    const dy = moves.get(m.id)!.y - old.y;
    if (dx === 0 && dy === 0) continue;
    const inside = boundaryDescendants(doc, b.id);
    const shift = (item: { id: string; position?: Position }) => {
      if (movedIds.has(item.id) || moves.has(item.id)) return;
      const p = positionOf(item);
      moves.set(item.id, { x: p.x + dx, y: p.y + dy });
    };
    for (const c of doc.components) if (c.boundaryId != null && inside.has(c.boundaryId)) shift(c);
    for (const nested of doc.trustBoundaries) if (nested.id !== b.id && inside.has(nested.id)) shift(nested);
  }
  let next = moveElements(
    doc,
    [...moves].map(([id, position]) => ({ id, position })),
  );

  for (const m of moved) {
    const component = components.get(m.id);
    if (component) {
      if (component.boundaryId != null && movedIds.has(component.boundaryId)) continue;
      const boundaryId = boundaryOfComponentAt(next, moves.get(m.id)!, sizeOf(m.id));
      if (boundaryId !== (component.boundaryId ?? null)) next = updateComponent(next, m.id, { boundaryId });
      continue;
    }
    const boundary = boundaries.get(m.id);
    if (boundary) {
      if (boundary.parentId != null && movedIds.has(boundary.parentId)) continue;
      const parentId = parentBoundaryAt(next, m.id, { ...moves.get(m.id)!, ...boundarySize(boundary) });
      if (parentId !== (boundary.parentId ?? null)) next = updateTrustBoundary(next, m.id, { parentId });
    }
  }
  return next;
}
