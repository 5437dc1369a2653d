import { horizontal, type EdgeEnds, type Point, type Rect } from './edgeGeometry';

/**
 * Where flow labels go so that they neither print over each other nor over components: each
 * label tries a few spots along its route, and takes the first one that is free; a label with no
 * free spot is hidden until its flow is hovered or selected (its badge stays). Pure geometry.
 */

export const LABEL_HEIGHT = 18;
/** Longer labels are cut with an ellipsis on the canvas; the whole label is in the tooltip, and shown when selected. */
export const LABEL_CHARS = 28;
const CHAR_WIDTH = 6.2;
/** Free space kept around a placed label. */
const GAP = 3;
/** Above this many flows, labels keep their first spot: the search would cost more than it helps far out. */
export const LABEL_PLACEMENT_LIMIT = 3000;
const CELL = 96;

/** The text drawn for a label: cut to LABEL_CHARS unless shown in full. */
export function labelText(label: string, full = false): string {
  return full || label.length <= LABEL_CHARS ? label : `${label.slice(0, LABEL_CHARS - 1)}…`;
}

export function labelWidth(text: string): number {
  return text ? text.length * CHAR_WIDTH + 12 : 0;
}

/**
 * Candidate centres of a label along a smooth-step route between facing sides: the middle of its
 * middle leg (React Flow's own label point), then the middle of its first and last legs, then a
 * quarter of the way along the middle leg from either end.
 */
export function labelCandidates(ends: EdgeEnds): Point[] {
  const { source: s, target: t } = ends;
  if (horizontal(ends.sourceSide)) {
    const mx = (s.x + t.x) / 2;
    return [
      { x: mx, y: (s.y + t.y) / 2 },
      { x: (s.x + mx) / 2, y: s.y },
      { x: (mx + t.x) / 2, y: t.y },
      { x: mx, y: s.y + (t.y - s.y) * 0.25 },
      { x: mx, y: s.y + (t.y - s.y) * 0.75 },
    ];
  }
  const my = (s.y + t.y) / 2;
  return [
    { x: (s.x + t.x) / 2, y: my },
    { x: s.x, y: (s.y + my) / 2 },
    { x: t.x, y: (my + t.y) / 2 },
    { x: s.x + (t.x - s.x) * 0.25, y: my },
    { x: s.x + (t.x - s.x) * 0.75, y: my },
  ];
}

const labelRect = (at: Point, width: number): Rect => ({
  x: at.x - width / 2 - GAP,
  y: at.y - LABEL_HEIGHT / 2 - GAP,
  width: width + 2 * GAP,
  height: LABEL_HEIGHT + 2 * GAP,
});

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Rectangles bucketed on a grid, to ask "does this overlap anything placed?" without a full scan. */
class RectGrid {
  private readonly cells = new Map<string, Rect[]>();

  private *keys(r: Rect): Generator<string> {
    for (let cx = Math.floor(r.x / CELL); cx <= Math.floor((r.x + r.width) / CELL); cx++)
      for (let cy = Math.floor(r.y / CELL); cy <= Math.floor((r.y + r.height) / CELL); cy++)
        yield `${cx},${cy}`;
  }

  add(r: Rect): void {
    for (const key of this.keys(r)) {
      const cell = this.cells.get(key);
      if (cell) cell.push(r);
      else this.cells.set(key, [r]);
    }
  }

  hits(r: Rect): boolean {
    for (const key of this.keys(r)) if (this.cells.get(key)?.some((other) => overlaps(r, other))) return true;
    return false;
  }
}

/**
 * For each label (in order: earlier flows win), the index of its spot in labelCandidates, or
 * null when every spot overlaps a component or an earlier label. An empty label needs no spot (0).
 */
export function placeLabels(
  labels: readonly { ends: EdgeEnds; width: number }[],
  obstacles: readonly Rect[],
): (number | null)[] {
  if (labels.length > LABEL_PLACEMENT_LIMIT) return labels.map(() => 0);
  const taken = new RectGrid();
  for (const o of obstacles) taken.add(o);
  return labels.map(({ ends, width }) => {
    if (width === 0) return 0;
    const spots = labelCandidates(ends);
    for (let i = 0; i < spots.length; i++) {
      const rect = labelRect(spots[i]!, width);
      if (!taken.hits(rect)) {
        taken.add(rect);
        return i;
      }
    }
    return null;
  });
}
