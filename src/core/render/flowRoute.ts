import type { Rect } from '../layout/geometry';

export interface Point {
  x: number;
  y: number;
}

/** A flow's line: its corners from source to target, and the SVG path through them. */
export interface FlowRoute {
  points: Point[];
  d: string;
}

/** Rounds to a tenth: short, stable numbers in the output. */
export const num = (n: number): string => String(Math.round(n * 10) / 10);

/**
 * An orthogonal route between the nearest sides of two boxes: right/left when they sit more side
 * by side than one above the other, bottom/top otherwise, with one bend in the middle. `offset`
 * shifts both ends along their sides, so that flows between the same two boxes (there and back)
 * run side by side instead of on top of each other.
 */
export function routeFlow(from: Rect, to: Rect, offset = 0): FlowRoute {
  if (from === to || (from.x === to.x && from.y === to.y)) return selfLoop(from, offset);
  const a = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const b = { x: to.x + to.width / 2, y: to.y + to.height / 2 };
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  // Gaps between the boxes along each axis; side by side when the horizontal gap is the larger.
  const gapX = Math.abs(dx) - (from.width + to.width) / 2;
  const gapY = Math.abs(dy) - (from.height + to.height) / 2;
  if (gapX >= gapY) {
    const sx = dx >= 0 ? from.x + from.width : from.x;
    const tx = dx >= 0 ? to.x : to.x + to.width;
    const sy = a.y + offset;
    const ty = b.y + offset;
    const mx = (sx + tx) / 2;
    return path(
      Math.abs(sy - ty) < 1
        ? [
            { x: sx, y: sy },
            { x: tx, y: sy },
          ]
        : [
            { x: sx, y: sy },
            { x: mx, y: sy },
            { x: mx, y: ty },
            { x: tx, y: ty },
          ],
    );
  }
  const sy = dy >= 0 ? from.y + from.height : from.y;
  const ty = dy >= 0 ? to.y : to.y + to.height;
  const sx = a.x + offset;
  const tx = b.x + offset;
  const my = (sy + ty) / 2;
  return path(
    Math.abs(sx - tx) < 1
      ? [
          { x: sx, y: sy },
          { x: sx, y: ty },
        ]
      : [
          { x: sx, y: sy },
          { x: sx, y: my },
          { x: tx, y: my },
          { x: tx, y: ty },
        ],
  );
}

/** A flow from a box to itself: a loop out of the right side and back. */
function selfLoop(box: Rect, offset: number): FlowRoute {
  const x = box.x + box.width;
  const y1 = box.y + box.height / 2 - 12 + offset;
  const y2 = box.y + box.height / 2 + 12 + offset;
  return path([
    { x, y: y1 },
    { x: x + 32, y: y1 },
    { x: x + 32, y: y2 },
    { x, y: y2 },
  ]);
}

/** An orthogonal polyline as a path: `M` to the start, then `H` and `V` along its segments. */
function path(points: Point[]): FlowRoute {
  const [start, ...rest] = points;
  let d = `M${num(start!.x)} ${num(start!.y)}`;
  let at = start!;
  for (const p of rest) {
    if (p.y === at.y) d += `H${num(p.x)}`;
    else d += `V${num(p.y)}`;
    at = p;
  }
  return { points, d };
}

/** How far along a segment a label may sit, best first. */
const ALONG = [0.5, 0.3, 0.7];
/** How far beside its line a label may sit (label heights: on the line, just off it, further). */
const BESIDE = [0, -13, 13, -35, 35, -57, 57, -79, 79, -101, 101];

/**
 * Where a flow's label (of `width`) goes: the first spot, nearest its line first, where `free`
 * says it covers nothing drawn — on the line (middle segment first, its middle first), then just
 * beside it, then further away — or, when none is free, the middle of the middle segment. At most
 * 99 spots are tried, and none is allocated until it is the answer (this runs once per flow).
 */
export function placeLabel(
  points: readonly Point[],
  width: number,
  free: (x: number, y: number) => boolean,
): Point {
  const segments = points.length - 1;
  const middle = Math.floor((segments - 1) / 2);
  for (const beside of BESIDE)
    for (let s = -1; s < segments; s++) {
      const i = s === -1 ? middle : s;
      if (s === middle) continue;
      const a = points[i]!;
      const b = points[i + 1]!;
      const horizontal = a.y === b.y;
      for (const t of ALONG) {
        let x = a.x + (b.x - a.x) * t;
        let y = a.y + (b.y - a.y) * t;
        // Beside a vertical line means left or right of it, clear of it by the label's half width.
        if (horizontal) y += beside;
        else if (beside !== 0) x += Math.sign(beside) * (width / 2 + 4 + Math.abs(beside) - 13);
        if (free(x, y)) return { x, y };
      }
    }
  const a = points[middle]!;
  const b = points[middle + 1]!;
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
