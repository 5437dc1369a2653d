import type { Rect } from '../layout/geometry';

/** Cell size of the grid, about one component wide. */
const CELL = 256;
/**
 * A crowded cell (elements stacked on one spot, e.g. a model whose positions all collide) is not
 * searched past this many rectangles: the answer may then miss an overlap, but the cost stays
 * linear in the size of the model.
 */
const MAX_CHECKED = 64;

/**
 * Rectangles hashed on a uniform grid, to ask "does this overlap anything placed?" in about
 * constant time (flow labels are placed clear of components and of each other).
 */
export class RectGrid {
  private readonly cells = new Map<number, Rect[]>();

  /** Calls `visit` with each cell `r` touches, until it returns true; true if one did. */
  private some(r: Rect, visit: (key: number) => boolean): boolean {
    return this.someIn(r.x, r.y, r.x + r.width, r.y + r.height, visit);
  }

  private someIn(ax: number, ay: number, bx: number, by: number, visit: (key: number) => boolean): boolean {
    const x1 = Math.floor(ax / CELL);
    const y1 = Math.floor(ay / CELL);
    const x2 = Math.floor(bx / CELL);
    const y2 = Math.floor(by / CELL);
    // Coordinates are bounded (LIMITS.coordinate), so cells fit in a number key.
    for (let x = x1; x <= x2; x++) for (let y = y1; y <= y2; y++) if (visit(x * 1_000_003 + y)) return true;
    return false;
  }

  add(r: Rect): void {
    this.some(r, (key) => {
      const cell = this.cells.get(key);
      if (cell) cell.push(r);
      else this.cells.set(key, [r]);
      return false;
    });
  }

  /** True when the rectangle from (ax, ay) to (bx, by) overlaps one that was added. */
  overlapsAny(ax: number, ay: number, bx: number, by: number): boolean {
    return this.someIn(ax, ay, bx, by, (key) => {
      const cell = this.cells.get(key);
      if (!cell) return false;
      const n = Math.min(cell.length, MAX_CHECKED);
      for (let i = 0; i < n; i++) {
        const c = cell[i]!;
        if (c.x < bx && ax < c.x + c.width && c.y < by && ay < c.y + c.height) return true;
      }
      return false;
    });
  }
}
