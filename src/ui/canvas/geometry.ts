import type { Position, ThreatModelDocument, TrustBoundary } from '../../core';

/** Sizes the canvas draws with; layout and hit-testing use the same numbers. */
export const COMPONENT_SIZE = { width: 184, height: 64 } as const;
export const DEFAULT_BOUNDARY_SIZE = { width: 440, height: 280 } as const;
export const GRID = 16;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const boundarySize = (b: TrustBoundary) => b.size ?? DEFAULT_BOUNDARY_SIZE;
export const positionOf = (item: { position?: Position }): Position => item.position ?? { x: 0, y: 0 };

export function contains(rect: Rect, point: Position): boolean {
  return (
    point.x >= rect.x &&
    point.x <= rect.x + rect.width &&
    point.y >= rect.y &&
    point.y <= rect.y + rect.height
  );
}

/**
 * The innermost trust boundary that wholly contains `area` (a point is an area of size zero), in
 * absolute canvas coordinates, skipping `exclude` (a boundary cannot be dropped into itself or its
 * own descendants).
 */
export function boundaryAt(
  doc: ThreatModelDocument,
  area: Position | Rect,
  exclude: ReadonlySet<string> = new Set(),
): string | null {
  const inner: Rect = 'width' in area ? area : { ...area, width: 0, height: 0 };
  let best: { id: string; area: number } | null = null;
  for (const b of doc.trustBoundaries) {
    if (exclude.has(b.id)) continue;
    const rect = { ...positionOf(b), ...boundarySize(b) };
    if (!contains(rect, inner) || !contains(rect, { x: inner.x + inner.width, y: inner.y + inner.height }))
      continue;
    const size = rect.width * rect.height;
    if (!best || size < best.area) best = { id: b.id, area: size };
  }
  return best?.id ?? null;
}

export const snap = (value: number): number => Math.round(value / GRID) * GRID;

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The free spot nearest to `desired` where a new component does not cover another, searched on
 * rings of component-sized steps, so that clicking the palette repeatedly lays components side by side.
 */
export function freeSpot(doc: ThreatModelDocument, desired: Position): Position {
  const step = { x: COMPONENT_SIZE.width + GRID * 2, y: COMPONENT_SIZE.height + GRID * 2 };
  const taken = doc.components.map((c) => ({ ...positionOf(c), ...COMPONENT_SIZE }));
  for (let ring = 0; ring < 12; ring++) {
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
      const candidate = { x: snap(desired.x + dx * step.x), y: snap(desired.y + dy * step.y) };
      if (!taken.some((t) => overlaps(t, { ...candidate, ...COMPONENT_SIZE }))) return candidate;
    }
  }
  return { x: snap(desired.x), y: snap(desired.y) };
}
