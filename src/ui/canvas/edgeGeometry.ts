/**
 * Where a data flow attaches to its two components ("floating" edges): the sides that face each
 * other, so the path leaves toward the other node instead of the fixed left-in / right-out handles
 * that turned ordinary diagrams into crossing S-curves. Pure geometry, no React Flow.
 */

export type Side = 'top' | 'right' | 'bottom' | 'left';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** Where this flow sits among the drawn flows between the same two components (either direction). */
export interface Lane {
  index: number;
  count: number;
}

export interface EdgeEnds {
  source: Point;
  target: Point;
  sourceSide: Side;
  targetSide: Side;
}

/** Space between parallel flows of one pair, so that they never lie on top of each other. */
export const LANE_SPACING = 16;
/** An attachment point stays this far from a node's corner, where the rounded border starts. */
const CORNER_MARGIN = 10;

const centreOf = (r: Rect): Point => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
export const horizontal = (side: Side) => side === 'left' || side === 'right';

/**
 * The facing sides of two rectangles. The axis is the one with the wider free gap between them
 * (not the centre line's angle: components are three times wider than tall, and a diagonal
 * neighbour is better reached from the side than across the top). Symmetric: swapping source and
 * target swaps the sides, so flows in opposite directions share the same pair of sides.
 */
export function pickSides(source: Rect, target: Rect): { sourceSide: Side; targetSide: Side } {
  const a = centreOf(source);
  const b = centreOf(target);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (dx === 0 && dy === 0) return { sourceSide: 'right', targetSide: 'top' };
  const gapX = Math.abs(dx) - (source.width + target.width) / 2;
  const gapY = Math.abs(dy) - (source.height + target.height) / 2;
  if (gapX >= gapY)
    return dx >= 0
      ? { sourceSide: 'right', targetSide: 'left' }
      : { sourceSide: 'left', targetSide: 'right' };
  return dy >= 0 ? { sourceSide: 'bottom', targetSide: 'top' } : { sourceSide: 'top', targetSide: 'bottom' };
}

/**
 * How far a lane is moved from the middle of its side, across the flow's direction: lanes are
 * centred on the middle, LANE_SPACING apart.
 */
export function laneOffset(lane: Lane, spacing = LANE_SPACING): number {
  if (lane.count <= 1) return 0;
  return (lane.index - (lane.count - 1) / 2) * spacing;
}

/**
 * The point on `side` of `rect`, moved `offset` along the side — in absolute coordinates (+x or
 * +y), not relative to the flow's direction, so that A→B and B→A in different lanes stay apart —
 * and kept off the corners.
 */
export function sidePoint(rect: Rect, side: Side, offset = 0): Point {
  const c = centreOf(rect);
  const half = (horizontal(side) ? rect.height : rect.width) / 2;
  const limit = Math.max(0, half - CORNER_MARGIN);
  const along = Math.max(-limit, Math.min(limit, offset));
  switch (side) {
    case 'left':
      return { x: rect.x, y: c.y + along };
    case 'right':
      return { x: rect.x + rect.width, y: c.y + along };
    case 'top':
      return { x: c.x + along, y: rect.y };
    case 'bottom':
      return { x: c.x + along, y: rect.y + rect.height };
  }
}

/** Both ends of a flow between two component rectangles, in its lane. */
export function floatingEdgeEnds(source: Rect, target: Rect, lane: Lane = { index: 0, count: 1 }): EdgeEnds {
  const { sourceSide, targetSide } = pickSides(source, target);
  const offset = laneOffset(lane);
  return {
    source: sidePoint(source, sourceSide, offset),
    target: sidePoint(target, targetSide, offset),
    sourceSide,
    targetSide,
  };
}

/**
 * Lanes of flows between the same pair of components, whatever their direction, in the order
 * given. `pairs` are [source, target] ids; the result is in the same order.
 */
export function assignLanes(pairs: readonly (readonly [string, string])[]): Lane[] {
  const key = ([s, t]: readonly [string, string]) => (s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`);
  const counts = new Map<string, number>();
  for (const p of pairs) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return pairs.map((p) => {
    const k = key(p);
    const index = seen.get(k) ?? 0;
    seen.set(k, index + 1);
    return { index, count: counts.get(k)! };
  });
}
