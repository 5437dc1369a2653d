/**
 * The canvas's geometric edits as pure commands, each followed by re-deriving the membership of
 * everything it can affect — so each is one document change, one undo step, and the model says
 * what the canvas shows.
 */
import {
  addTrustBoundary,
  boundaryDescendants,
  moveElements,
  removeElements,
} from '../document/elementCommands';
import type { Position, ThreatModelDocument, TrustBoundary } from '../model/document';
import { positionOf } from './elementRects';
import type { Rect } from './geometry';
import { rederiveAfter } from './rederiveMembership';

/**
 * Moves elements to new absolute positions. A moved boundary carries what it holds (its members
 * and nested boundaries, at any depth, keep their place inside it) unless they were moved too;
 * then everything that moved, and whatever the moved boundaries left or now cover, belongs to
 * the boundary that geometrically holds it.
 */
export function moveElementsCarrying(
  doc: ThreatModelDocument,
  moved: readonly { id: string; position: Position }[],
): ThreatModelDocument {
  const boundaries = new Map(doc.trustBoundaries.map((b) => [b.id, b]));
  const known = new Set([...boundaries.keys(), ...doc.components.map((c) => c.id)]);
  const moves = new Map<string, Position>();
  for (const m of moved) if (known.has(m.id)) moves.set(m.id, m.position);
  const explicit = new Set(moves.keys());

  for (const [id, position] of [...moves]) {
    const b = boundaries.get(id);
    if (!b) continue;
    const old = positionOf(b);
    const dx = position.x - old.x;
    const dy = position.y - old.y;
    if (dx === 0 && dy === 0) continue;
    const inside = boundaryDescendants(doc, id);
    const shift = (item: { id: string; position?: Position }) => {
      if (explicit.has(item.id) || moves.has(item.id)) return;
      const p = positionOf(item);
      moves.set(item.id, { x: p.x + dx, y: p.y + dy });
    };
    for (const c of doc.components) if (c.boundaryId != null && inside.has(c.boundaryId)) shift(c);
    for (const nested of doc.trustBoundaries) if (nested.id !== id && inside.has(nested.id)) shift(nested);
  }
  const next = moveElements(
    doc,
    [...moves].map(([id, position]) => ({ id, position })),
  );
  return next === doc ? doc : rederiveAfter(doc, next, moves.keys());
}

/**
 * Gives boundary `id` a new rectangle (absolute position and size, as a resize handle leaves it).
 * What it holds stays where it is drawn: what is now outside leaves it, what it now covers joins.
 */
export function resizeBoundary(doc: ThreatModelDocument, id: string, rect: Rect): ThreatModelDocument {
  let found = false;
  const trustBoundaries = doc.trustBoundaries.map((b) => {
    if (b.id !== id) return b;
    found = true;
    return { ...b, position: { x: rect.x, y: rect.y }, size: { width: rect.width, height: rect.height } };
  });
  if (!found) return doc;
  return rederiveAfter(doc, { ...doc, trustBoundaries }, [id]);
}

/**
 * Removes elements (see removeElements); what a removed boundary held then belongs to whatever
 * now contains it by geometry — not blindly to the removed boundary's parent.
 */
export function removeElementsByGeometry(
  doc: ThreatModelDocument,
  ids: Iterable<string>,
): ThreatModelDocument {
  const removed = [...ids];
  const next = removeElements(doc, removed);
  return next === doc ? doc : rederiveAfter(doc, next, removed);
}

/**
 * Adds a boundary where it is drawn (its `position` and `size` are taken as they are): it nests in
 * the innermost boundary wholly containing it, and takes in exactly what it is drawn around — the
 * components whose centre it now holds innermost, and the boundaries wholly inside it.
 */
export function addBoundaryByGeometry(
  doc: ThreatModelDocument,
  boundary: TrustBoundary,
): ThreatModelDocument {
  return rederiveAfter(doc, addTrustBoundary(doc, boundary), [boundary.id]);
}
