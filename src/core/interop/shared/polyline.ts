/**
 * Polylines for foreign diagrams whose trust boundaries are drawn rather than declared (Threat
 * Dragon's boundary curves): a curve is crossed by the flows whose path intersects it. Which box
 * contains what is src/core/layout's BoxIndex. Coordinates are canvas pixels, y downwards.
 */
import type { Point } from '../../layout/geometry';

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
