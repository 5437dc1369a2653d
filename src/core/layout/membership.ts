/**
 * Which trust boundary an element belongs to by where it is drawn: the innermost boundary that
 * contains it wins (of boundaries of the same area, the earlier one in the document). A component
 * belongs where its centre is; a boundary nests in the innermost boundary containing it wholly.
 */
import { boundaryDescendants } from '../document/elementCommands';
import type { Position, ThreatModelDocument } from '../model/document';
import { BoxIndex } from './boxIndex';
import { boundaryRect, componentCentre } from './elementRects';
import type { Point, Rect, Size } from './geometry';

/**
 * The innermost trust boundary that wholly contains `area` (a point is an area of size zero), in
 * absolute canvas coordinates, skipping `exclude` (a boundary cannot be dropped into itself or its
 * own descendants); null when none does.
 */
export function boundaryAt(
  doc: ThreatModelDocument,
  area: Point | Rect,
  exclude: ReadonlySet<string> = new Set(),
): string | null {
  const boundaries = doc.trustBoundaries;
  const inner: Rect = 'width' in area ? area : { ...area, width: 0, height: 0 };
  const index = new BoxIndex(boundaries.map(boundaryRect));
  const skip = exclude.size === 0 ? undefined : (i: number) => exclude.has(boundaries[i]!.id);
  const found = index.innermostContainingRect(inner, skip);
  return found < 0 ? null : boundaries[found]!.id;
}

/** The boundary a component with its top-left corner at `position` belongs to (by its centre). */
export function boundaryOfComponentAt(
  doc: ThreatModelDocument,
  position: Position,
  size?: Size,
): string | null {
  return boundaryAt(doc, componentCentre(position, size));
}

/** The boundary that boundary `id`, drawn at `rect`, nests in (never itself or one inside it). */
export function parentBoundaryAt(doc: ThreatModelDocument, id: string, rect: Rect): string | null {
  return boundaryAt(doc, rect, boundaryDescendants(doc, id));
}
