/**
 * Plane geometry for Threat Dragon diagrams, whose trust boundaries are drawn rather than declared:
 * a boundary box contains the components whose centre lies inside it, and a boundary curve is
 * crossed by the flows whose path intersects it. Coordinates are X6 canvas pixels, y downwards.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function centre(rect: Rect): Point {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
}

export function area(rect: Rect): number {
  return rect.width * rect.height;
}

export function containsPoint(rect: Rect, p: Point): boolean {
  return p.x >= rect.x && p.x <= rect.x + rect.width && p.y >= rect.y && p.y <= rect.y + rect.height;
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/**
 * Index of the innermost (smallest) box containing the point, or -1. Ties are broken by array
 * order, so the result is deterministic.
 */
export function innermostContaining(boxes: readonly Rect[], p: Point): number {
  let best = -1;
  boxes.forEach((box, i) => {
    if (containsPoint(box, p) && (best < 0 || area(box) < area(boxes[best]!))) best = i;
  });
  return best;
}

/**
 * For each box, the index of the smallest other box that contains it entirely, or -1. A box of the
 * same area can only be the parent of a later box, so equal boxes never nest inside each other.
 */
export function boxParents(boxes: readonly Rect[]): number[] {
  return boxes.map((box, i) => {
    let best = -1;
    boxes.forEach((other, j) => {
      if (j === i || !containsRect(other, box)) return;
      if (area(other) < area(box) || (area(other) === area(box) && j > i)) return;
      if (best < 0 || area(other) < area(boxes[best]!)) best = j;
    });
    return best;
  });
}

function orientation(a: Point, b: Point, c: Point): number {
  const v = (b.y - a.y) * (c.x - b.x) - (b.x - a.x) * (c.y - b.y);
  return Math.abs(v) < 1e-9 ? 0 : v > 0 ? 1 : 2;
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return (
    p.x <= Math.max(a.x, b.x) + 1e-9 &&
    p.x >= Math.min(a.x, b.x) - 1e-9 &&
    p.y <= Math.max(a.y, b.y) + 1e-9 &&
    p.y >= Math.min(a.y, b.y) - 1e-9
  );
}

/** True when segments p1-p2 and q1-q2 share at least one point (touching counts). */
export function segmentsIntersect(p1: Point, p2: Point, q1: Point, q2: Point): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, p2, q2)) return true;
  if (o3 === 0 && onSegment(q1, q2, p1)) return true;
  if (o4 === 0 && onSegment(q1, q2, p2)) return true;
  return false;
}

/** True when two polylines (lists of at least two points) intersect anywhere. */
export function polylinesIntersect(a: readonly Point[], b: readonly Point[]): boolean {
  for (let i = 0; i + 1 < a.length; i++) {
    for (let j = 0; j + 1 < b.length; j++) {
      if (segmentsIntersect(a[i]!, a[i + 1]!, b[j]!, b[j + 1]!)) return true;
    }
  }
  return false;
}
