import type { ThreatModelDocument, TrustBoundary } from '../../../model/document';
import type { Rect } from '../../../layout/geometry';
import { shapeOfComponentType, type TdNodeShape } from '../mapping';
import { maxOf, minOf } from '../../../model/extremes';
import type { TdInterop } from '../../../model/interopData';

/**
 * Where each component and trust boundary goes on a Threat Dragon canvas. Threat Dragon needs a
 * position and size for every node and box, and reads boundary membership from geometry, so:
 * - components and boundaries that have a position (and, for boundaries, a size) keep it;
 * - components without one are laid out in rows below everything placed, one row per innermost
 *   boundary, boundaries in depth-first order so that nested boxes can wrap their children;
 * - boundaries without geometry become the bounding box of their members and nested boundaries,
 *   with padding (and room for the label at the top).
 * Deterministic: the same document always gives the same layout.
 */
export interface ThreatDragonLayout {
  components: Map<string, Rect>;
  boundaries: Map<string, Rect>;
  /** Depth of each boundary in the nesting (0 for top level). */
  depth: Map<string, number>;
  /** The lowest y used, to place further cells below. */
  bottom: number;
}

export const NODE_SIZES: Record<TdNodeShape, { width: number; height: number }> = {
  actor: { width: 160, height: 80 },
  process: { width: 100, height: 100 },
  store: { width: 160, height: 80 },
};

const MARGIN = 40;
const GAP_X = 60;
const PAD = 30;
const LABEL_ROOM = 30;
const EMPTY_BOX = { width: 200, height: 120 };

export function layoutForThreatDragon(doc: ThreatModelDocument, td?: TdInterop): ThreatDragonLayout {
  // A node keeps the size it had in Threat Dragon; ours get the size of their shape.
  const sizeOf = (id: string, type: string) =>
    td?.elements?.[id]?.size ?? NODE_SIZES[shapeOfComponentType(type)];
  const components = new Map<string, Rect>();
  const boundaries = new Map<string, Rect>();
  const depth = boundaryDepths(doc.trustBoundaries);
  const maxDepth = maxOf(depth.values(), 0);

  // 1. What already has a place.
  for (const c of doc.components) {
    if (c.position) components.set(c.id, { ...c.position, ...sizeOf(c.id, c.type) });
  }
  for (const b of doc.trustBoundaries) {
    if (b.position && b.size) boundaries.set(b.id, { ...b.position, ...b.size });
  }

  // 2. Rows for the rest, below everything placed.
  const placed = [...components.values(), ...boundaries.values()];
  let y =
    placed.length === 0
      ? MARGIN + maxDepth * (PAD + LABEL_ROOM)
      : maxOf(placed.map((r) => r.y + r.height)) + 100 + maxDepth * (PAD + LABEL_ROOM);
  const rowPitch =
    maxOf(Object.values(NODE_SIZES).map((s) => s.height)) + 2 * (maxDepth + 1) * (PAD + LABEL_ROOM) + 20;
  const groups = new Map<string | null, string[]>();
  for (const c of doc.components) {
    if (components.has(c.id)) continue;
    const key = c.boundaryId ?? null;
    const group = groups.get(key);
    if (group) group.push(c.id);
    else groups.set(key, [c.id]);
  }
  const typeOf = new Map(doc.components.map((c) => [c.id, c.type]));
  // Members that already had a place, per boundary: indexed once, not searched per boundary.
  const positionedMembers = new Map<string, Rect[]>();
  for (const c of doc.components) {
    if (!c.position || c.boundaryId == null) continue;
    const rect = components.get(c.id)!;
    const list = positionedMembers.get(c.boundaryId);
    if (list) list.push(rect);
    else positionedMembers.set(c.boundaryId, [rect]);
  }
  const placeRow = (ids: readonly string[], indent: number, boundaryId: string | null) => {
    // Next to the boundary's members that have a place, so that its box does not swallow other rows;
    // otherwise on a new row below everything.
    const siblings = boundaryId === null ? [] : (positionedMembers.get(boundaryId) ?? []);
    const beside = siblings.length > 0;
    let x = beside ? maxOf(siblings.map((r) => r.x + r.width)) + GAP_X : MARGIN + indent;
    const rowY = beside ? minOf(siblings.map((r) => r.y)) : y;
    for (const id of ids) {
      const size = sizeOf(id, typeOf.get(id) ?? 'process');
      components.set(id, { x, y: rowY + (100 - size.height) / 2, ...size });
      x += size.width + GAP_X;
    }
    if (!beside) y += rowPitch;
  };
  const unbounded = groups.get(null);
  if (unbounded) placeRow(unbounded, 0, null);
  const emptyRows = new Map<string, Rect>();
  for (const b of depthFirst(doc.trustBoundaries)) {
    const ids = groups.get(b.id);
    const indent = (depth.get(b.id) ?? 0) * PAD;
    if (ids) placeRow(ids, indent, b.id);
    else if (!boundaries.has(b.id) && !hasContent(b.id, doc)) {
      emptyRows.set(b.id, { x: MARGIN + indent, y, ...EMPTY_BOX });
      y += rowPitch;
    }
  }

  // 3. Boxes for boundaries without geometry, innermost first.
  // Members and child boundaries per boundary, indexed once rather than searched per boundary.
  const membersOf = groupIds(doc.components, (c) => c.boundaryId);
  const childrenOf = groupIds(doc.trustBoundaries, (t) => t.parentId);
  const byDepth = [...doc.trustBoundaries].sort((a, b) => (depth.get(b.id) ?? 0) - (depth.get(a.id) ?? 0));
  for (const b of byDepth) {
    if (boundaries.has(b.id)) continue;
    const inside: Rect[] = (membersOf.get(b.id) ?? []).map((id) => components.get(id)!);
    for (const childId of childrenOf.get(b.id) ?? []) {
      const rect = boundaries.get(childId);
      if (rect) inside.push(rect);
    }
    const empty = emptyRows.get(b.id);
    if (inside.length === 0) {
      boundaries.set(b.id, empty ?? { x: MARGIN, y, ...EMPTY_BOX });
      if (!empty) y += rowPitch;
      continue;
    }
    const left = minOf(inside.map((r) => r.x)) - PAD;
    const top = minOf(inside.map((r) => r.y)) - PAD - LABEL_ROOM;
    const right = maxOf(inside.map((r) => r.x + r.width)) + PAD;
    const bottom = maxOf(inside.map((r) => r.y + r.height)) + PAD;
    boundaries.set(b.id, { x: left, y: top, width: right - left, height: bottom - top });
  }

  containMembers(doc, components, boundaries, depth);

  const all = [...components.values(), ...boundaries.values()];
  const bottom = all.length === 0 ? MARGIN : maxOf(all.map((r) => r.y + r.height));
  return { components, boundaries, depth, bottom };
}

function hasContent(id: string, doc: ThreatModelDocument): boolean {
  return (
    doc.components.some((c) => c.boundaryId === id) || doc.trustBoundaries.some((b) => b.parentId === id)
  );
}

/** Boundaries parents-first, children right after their parent, otherwise in document order. */
function depthFirst(boundaries: readonly TrustBoundary[]): TrustBoundary[] {
  const ids = new Set(boundaries.map((b) => b.id));
  const children = new Map<string | null, TrustBoundary[]>();
  for (const b of boundaries) {
    const parent = b.parentId != null && ids.has(b.parentId) ? b.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), b]);
  }
  const out: TrustBoundary[] = [];
  const visit = (parent: string | null) => {
    for (const b of children.get(parent) ?? []) {
      if (out.includes(b)) continue;
      out.push(b);
      visit(b.id);
    }
  };
  visit(null);
  return out;
}

function boundaryDepths(boundaries: readonly TrustBoundary[]): Map<string, number> {
  const parent = new Map(boundaries.map((b) => [b.id, b.parentId ?? null]));
  const depth = new Map<string, number>();
  for (const b of boundaries) {
    let d = 0;
    let current = parent.get(b.id) ?? null;
    const seen = new Set([b.id]);
    while (current !== null && !seen.has(current) && parent.has(current)) {
      seen.add(current);
      d++;
      current = parent.get(current) ?? null;
    }
    depth.set(b.id, d);
  }
  return depth;
}

/** Ids grouped by a parent id (elements without one are left out), in document order. */
function groupIds<T extends { id: string }>(
  items: readonly T[],
  parentOf: (item: T) => string | null | undefined,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of items) {
    const parent = parentOf(item);
    if (parent == null) continue;
    const list = out.get(parent);
    if (list) list.push(item.id);
    else out.set(parent, [item.id]);
  }
  return out;
}

/**
 * Threat Dragon counts a node as inside a box only when the node's whole rectangle is (a centre
 * inside is not enough): every box grows to hold its members and nested boxes entirely, with
 * padding, innermost first. Boxes that already hold them stay exactly as they were drawn.
 */
function containMembers(
  doc: ThreatModelDocument,
  components: Map<string, Rect>,
  boundaries: Map<string, Rect>,
  depth: Map<string, number>,
): void {
  const membersOf = groupIds(doc.components, (c) => c.boundaryId);
  const childrenOf = groupIds(doc.trustBoundaries, (t) => t.parentId);
  const byDepth = [...doc.trustBoundaries].sort((a, b) => (depth.get(b.id) ?? 0) - (depth.get(a.id) ?? 0));
  for (const b of byDepth) {
    const box = boundaries.get(b.id);
    if (!box) continue;
    const inside = [
      ...(membersOf.get(b.id) ?? []).map((id) => components.get(id)),
      ...(childrenOf.get(b.id) ?? []).map((id) => boundaries.get(id)),
    ].filter((r): r is Rect => r !== undefined);
    if (inside.every((r) => contains(box, r))) continue;
    const left = Math.min(box.x, minOf(inside.map((r) => r.x)) - PAD);
    const top = Math.min(box.y, minOf(inside.map((r) => r.y)) - PAD);
    const right = Math.max(box.x + box.width, maxOf(inside.map((r) => r.x + r.width)) + PAD);
    const bottom = Math.max(box.y + box.height, maxOf(inside.map((r) => r.y + r.height)) + PAD);
    boundaries.set(b.id, { x: left, y: top, width: right - left, height: bottom - top });
  }
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}
