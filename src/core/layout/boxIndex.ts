import { area, type Point, type Rect } from './geometry';

/**
 * Boxes ordered once by area (smallest first, ties by array order), for the questions boundary
 * membership asks — on the canvas, and in the Threat Dragon importer and exporter: the innermost
 * box containing a point or a rectangle, and the box each box nests in. Innermost wins, and of
 * boxes of the same area the earlier one. Each answer is the first hit of a scan in that order, so
 * nested boxes are answered at once; the worst case (many boxes, few containing each other) costs
 * the number of boxes per question, which callers bound (the importer caps the number of boxes).
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
   * Index of the innermost box that wholly contains `rect` (both its corners inside, edges
   * included), or -1; ties go to the earlier box. `skip` leaves boxes out (a boundary cannot be
   * dropped into itself or its own descendants).
   */
  innermostContainingRect(rect: Rect, skip?: (index: number) => boolean): number {
    const { order, x1, y1, x2, y2 } = this;
    const [ax, ay, bx, by] = [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height];
    for (const i of order) {
      if (ax < x1[i]! || ax > x2[i]! || ay < y1[i]! || ay > y2[i]!) continue;
      if (bx < x1[i]! || bx > x2[i]! || by < y1[i]! || by > y2[i]!) continue;
      if (skip?.(i)) continue;
      return i;
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
