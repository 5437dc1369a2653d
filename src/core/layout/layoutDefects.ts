/**
 * What a laid-out diagram must never show, checked after an automatic layout (and by its tests):
 * elements that overlap their siblings, a component outside its boundary, a nested boundary
 * sticking out of its parent or leaving no room for the parent's header. Since membership is
 * geometry, any of these would change which boundary the room sees an element in.
 */
import type { ThreatModelDocument } from '../model/document';
import { boundaryRect, positionOf } from './elementRects';
import { containsRect, overlaps, type Rect } from './geometry';
import { COMPONENT_SIZE } from './sizes';

/** Height at the top of a boundary kept free of its members: where its label is drawn. */
export const BOUNDARY_HEADER = 32;

interface Placed {
  id: string;
  rect: Rect;
}

/** The first few defects of the document's layout, in words; empty when there are none. */
export function layoutDefects(doc: ThreatModelDocument, limit = 10): string[] {
  const defects: string[] = [];
  const boundaries = new Map(doc.trustBoundaries.map((b) => [b.id, b]));
  const children = new Map<string | null, Placed[]>();
  const add = (parent: string | null, item: Placed) => {
    const list = children.get(parent);
    if (list) list.push(item);
    else children.set(parent, [item]);
  };
  for (const b of doc.trustBoundaries) {
    const parent = b.parentId && boundaries.has(b.parentId) ? b.parentId : null;
    if (!b.position) defects.push(`boundary "${b.id}" has no position`);
    add(parent, { id: b.id, rect: boundaryRect(b) });
  }
  for (const c of doc.components) {
    const parent = c.boundaryId && boundaries.has(c.boundaryId) ? c.boundaryId : null;
    if (!c.position) defects.push(`component "${c.id}" has no position`);
    add(parent, { id: c.id, rect: { ...positionOf(c), ...COMPONENT_SIZE } });
  }
  for (const [parent, items] of children) {
    if (parent !== null) {
      const outer = boundaryRect(boundaries.get(parent)!);
      const body = { ...outer, y: outer.y + BOUNDARY_HEADER, height: outer.height - BOUNDARY_HEADER };
      for (const item of items)
        if (!containsRect(body, item.rect)) defects.push(`"${item.id}" is not inside boundary "${parent}"`);
    }
    // Siblings, swept left to right: only those whose x ranges meet are compared.
    const sorted = [...items].sort((a, b) => a.rect.x - b.rect.x);
    for (let i = 0; i < sorted.length && defects.length < limit; i++) {
      const a = sorted[i]!;
      for (let j = i + 1; j < sorted.length && sorted[j]!.rect.x < a.rect.x + a.rect.width; j++)
        if (overlaps(a.rect, sorted[j]!.rect)) defects.push(`"${a.id}" overlaps "${sorted[j]!.id}"`);
    }
    if (defects.length >= limit) break;
  }
  return defects.slice(0, limit);
}
