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
 * Boxes ordered once by area (smallest first, ties by array order), for the two questions the
 * Threat Dragon importer and exporter ask: the innermost box containing a point, and the box each
 * box nests in. Each answer is the first hit of a scan in that order, so nested boxes are answered
 * at once; the worst case (many boxes, few containing each other) costs the number of boxes per
 * question, which callers bound (the importer caps the number of boxes).
 */
export class BoxIndex {
  /** Box indices by (area, index). */
  private readonly order: number[];
  /** Position of each box in `order`. */
  private readonly rank: number[];
  private readonly x1: Float64Array;
  private readonly y1: Float64Array;
  private readonly x2: Float64Array;
  private readonly y2: Float64Array;
  private readonly areas: Float64Array;

  constructor(boxes: readonly Rect[]) {
    const n = boxes.length;
    this.x1 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    this.x2 = new Float64Array(n);
    this.y2 = new Float64Array(n);
    this.areas = new Float64Array(n);
    boxes.forEach((box, i) => {
      this.x1[i] = box.x;
      this.y1[i] = box.y;
      this.x2[i] = box.x + box.width;
      this.y2[i] = box.y + box.height;
      this.areas[i] = area(box);
    });
    this.order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => this.areas[a]! - this.areas[b]! || a - b,
    );
    this.rank = new Array<number>(n);
    this.order.forEach((box, position) => (this.rank[box] = position));
  }

  /** Index of the innermost (smallest) box containing the point, or -1; ties go to the earlier box. */
  innermostContaining(p: Point): number {
    const { order, x1, y1, x2, y2 } = this;
    for (const i of order) {
      if (p.x >= x1[i]! && p.x <= x2[i]! && p.y >= y1[i]! && p.y <= y2[i]!) return i;
    }
    return -1;
  }

  /**
   * For each box, the index of the smallest other box that contains it entirely, or -1. A box of
   * the same area can only be the parent of a later box, so equal boxes never nest in each other.
   */
  parents(): number[] {
    const { order, rank, areas } = this;
    return Array.from(this.rank, (_, i) => {
      const own = rank[i]!;
      // Earlier boxes of the same area (identical to this one if they contain it), first in order.
      let k = own - 1;
      while (k >= 0 && areas[order[k]!] === areas[i]) k--;
      for (let m = k + 1; m < own; m++) if (this.contains(order[m]!, i)) return order[m]!;
      // Then the larger boxes, smallest first.
      let next = own + 1;
      while (next < order.length && areas[order[next]!] === areas[i]) next++;
      for (let m = next; m < order.length; m++) if (this.contains(order[m]!, i)) return order[m]!;
      return -1;
    });
  }

  private contains(outer: number, inner: number): boolean {
    return (
      this.x1[inner]! >= this.x1[outer]! &&
      this.y1[inner]! >= this.y1[outer]! &&
      this.x2[inner]! <= this.x2[outer]! &&
      this.y2[inner]! <= this.y2[outer]!
    );
  }
}

/** Index of the innermost (smallest) box containing the point, or -1 (see BoxIndex to ask many times). */
export function innermostContaining(boxes: readonly Rect[], p: Point): number {
  return new BoxIndex(boxes).innermostContaining(p);
}

/** For each box, the index of the smallest other box that contains it entirely, or -1 (see BoxIndex). */
export function boxParents(boxes: readonly Rect[]): number[] {
  return new BoxIndex(boxes).parents();
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
  return new Polyline(a).intersects(new Polyline(b), { left: Infinity }) === true;
}

/** Slack for bounding-box tests, so that touching (within segmentsIntersect's tolerance) still counts. */
const SLACK = 1e-6;

/** How many more elementary tests (bounding boxes or segment pairs) a caller allows. */
export interface Budget {
  left: number;
}

/** A polyline with its bounding box, for repeated intersection tests. */
export class Polyline {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;

  constructor(readonly points: readonly Point[]) {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const p of points) {
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
    [this.minX, this.minY, this.maxX, this.maxY] = [minX, minY, maxX, maxY];
  }

  /**
   * True when the two polylines intersect anywhere, false when they do not, undefined when the
   * budget ran out first. Each bounding-box test and each segment pair tested costs one unit, so
   * the work is bounded by the budget however many vertices the polylines have; segments outside
   * the other polyline's bounding box are skipped, which makes most tests cheap.
   */
  intersects(other: Polyline, budget: Budget): boolean | undefined {
    if (budget.left-- <= 0) return undefined;
    if (!overlaps(this, other)) return false;
    const a = this.points;
    const b = other.points;
    for (let i = 0; i + 1 < a.length; i++) {
      const p1 = a[i]!;
      const p2 = a[i + 1]!;
      const box = segmentBox(p1, p2);
      if (budget.left-- <= 0) return undefined;
      if (!overlaps(box, other)) continue;
      for (let j = 0; j + 1 < b.length; j++) {
        if (budget.left-- <= 0) return undefined;
        const q1 = b[j]!;
        const q2 = b[j + 1]!;
        if (!overlaps(box, segmentBox(q1, q2))) continue;
        if (segmentsIntersect(p1, p2, q1, q2)) return true;
      }
    }
    return false;
  }
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function segmentBox(p: Point, q: Point): Box {
  return {
    minX: Math.min(p.x, q.x),
    minY: Math.min(p.y, q.y),
    maxX: Math.max(p.x, q.x),
    maxY: Math.max(p.y, q.y),
  };
}

function overlaps(a: Box, b: Box): boolean {
  return (
    a.minX <= b.maxX + SLACK &&
    b.minX <= a.maxX + SLACK &&
    a.minY <= b.maxY + SLACK &&
    b.minY <= a.maxY + SLACK
  );
}

/**
 * At most `max` points of a polyline (max ≥ 2): the first, the last and evenly spaced ones between,
 * in order. Used to bound the vertices of a Threat Dragon edge.
 */
export function simplifyPolyline<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, k) => points[Math.round(k * step)]!);
}
