/** Where new elements go: on the layout grid, clear of other components, inside what they land on. */
import type { Position, ThreatModelDocument, TrustBoundary } from '../model/document';
import { overlaps, type Rect, type Size } from './geometry';
import { boundaryRect, positionOf } from './elementRects';
import { boundaryOfComponentAt } from './membership';
import { COMPONENT_SIZE, DEFAULT_BOUNDARY_SIZE, LAYOUT_GRID, snapToGrid } from './sizes';

/** How many rings of component-sized steps freeSpot searches before giving up. */
const FREE_SPOT_RINGS = 12;

/**
 * The free spot nearest to `desired` where a new component does not cover another, searched on
 * rings of component-sized steps, so that clicking the palette repeatedly lays components side by side.
 */
export function freeSpot(doc: ThreatModelDocument, desired: Position): Position {
  const step = { x: COMPONENT_SIZE.width + LAYOUT_GRID * 2, y: COMPONENT_SIZE.height + LAYOUT_GRID * 2 };
  const taken = doc.components.map((c) => ({ ...positionOf(c), ...COMPONENT_SIZE }));
  for (let ring = 0; ring < FREE_SPOT_RINGS; ring++) {
    const cells: [number, number][] = [];
    for (let dy = -ring; dy <= ring; dy++)
      for (let dx = -ring; dx <= ring; dx++)
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) cells.push([dx, dy]);
    // Reading order: prefer to the right, then below, before left or above.
    cells.sort(
      (a, b) =>
        (a[1] < 0 ? 2 : 0) + (a[0] < 0 ? 1 : 0) - ((b[1] < 0 ? 2 : 0) + (b[0] < 0 ? 1 : 0)) ||
        Math.abs(a[0]) + Math.abs(a[1]) - Math.abs(b[0]) - Math.abs(b[1]),
    );
    for (const [dx, dy] of cells) {
      const candidate = {
        x: snapToGrid(desired.x + dx * step.x),
        y: snapToGrid(desired.y + dy * step.y),
      };
      if (!taken.some((t) => overlaps(t, { ...candidate, ...COMPONENT_SIZE }))) return candidate;
    }
  }
  return { x: snapToGrid(desired.x), y: snapToGrid(desired.y) };
}

/** A new component with its top-left corner near `position`: snapped to the grid, in the boundary it lands in. */
export function placeComponent(
  doc: ThreatModelDocument,
  position: Position,
): { position: Position; boundaryId: string | null } {
  const at = { x: snapToGrid(position.x), y: snapToGrid(position.y) };
  return { position: at, boundaryId: boundaryOfComponentAt(doc, at) };
}

/** Where the n-th member (1-based) of a boundary goes when it is put there without dragging: a diagonal cascade. */
export function memberSpot(boundary: TrustBoundary, n: number): Position {
  const origin = positionOf(boundary);
  return { x: origin.x + 24 + (n - 1) * 16, y: origin.y + 48 + (n - 1) * 16 };
}

/** How far freeBoundarySpot looks, in rings of quarter-boundary steps, before going beside everything. */
const FREE_BOUNDARY_RINGS = 8;

/**
 * The top-left corner nearest to `desired` (snapped) where a new boundary of `size` covers no
 * component and no boundary, touching nothing: clicked from the palette it captures nothing and
 * nests nowhere, so it changes no finding until the user puts something in it. Of spots equally
 * near, right and below come before left and above (reading order, like freeSpot). When the view
 * is crowded, it goes to the right of everything drawn, level with `desired`.
 */
export function freeBoundarySpot(
  doc: ThreatModelDocument,
  desired: Position,
  size: Size = DEFAULT_BOUNDARY_SIZE,
): Position {
  const margin = LAYOUT_GRID * 2;
  const taken: Rect[] = [
    ...doc.components.map((c) => ({ ...positionOf(c), ...COMPONENT_SIZE })),
    ...doc.trustBoundaries.map(boundaryRect),
  ];
  const clear = (at: Position) => {
    const padded = {
      x: at.x - margin,
      y: at.y - margin,
      width: size.width + 2 * margin,
      height: size.height + 2 * margin,
    };
    return !taken.some((t) => overlaps(t, padded));
  };
  const step = { x: size.width / 4, y: size.height / 4 };
  const cells: { dx: number; dy: number; distance: number; order: number }[] = [];
  for (let dy = -FREE_BOUNDARY_RINGS; dy <= FREE_BOUNDARY_RINGS; dy++)
    for (let dx = -FREE_BOUNDARY_RINGS; dx <= FREE_BOUNDARY_RINGS; dx++)
      cells.push({
        dx,
        dy,
        distance: Math.hypot(dx * step.x, dy * step.y),
        order: (dy < 0 ? 2 : 0) + (dx < 0 ? 1 : 0),
      });
  cells.sort((a, b) => a.distance - b.distance || a.order - b.order);
  for (const { dx, dy } of cells) {
    const at = { x: snapToGrid(desired.x + dx * step.x), y: snapToGrid(desired.y + dy * step.y) };
    if (clear(at)) return at;
  }
  const right = taken.reduce((max, t) => Math.max(max, t.x + t.width), desired.x);
  return { x: snapToGrid(right + margin * 2), y: snapToGrid(desired.y) };
}
