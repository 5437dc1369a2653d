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
class RectGrid<T extends Rect = Rect> {
  private readonly cells = new Map<string, T[]>();

  private *keys(r: Rect): Generator<string> {
    for (let cx = Math.floor(r.x / CELL); cx <= Math.floor((r.x + r.width) / CELL); cx++)
      for (let cy = Math.floor(r.y / CELL); cy <= Math.floor((r.y + r.height) / CELL); cy++)
        yield `${cx},${cy}`;
  }

  add(r: T): void {
    for (const key of this.keys(r)) {
      const cell = this.cells.get(key);
      if (cell) cell.push(r);
      else this.cells.set(key, [r]);
    }
  }

  /** Takes out this very rectangle (by identity). */
  remove(r: T): void {
    for (const key of this.keys(r)) {
      const cell = this.cells.get(key);
      const at = cell ? cell.indexOf(r) : -1;
      if (at >= 0) cell!.splice(at, 1);
    }
  }

  hits(r: Rect, counts: (other: T) => boolean = () => true): boolean {
    for (const key of this.keys(r))
      if (this.cells.get(key)?.some((other) => counts(other) && overlaps(r, other))) return true;
    return false;
  }
}

export interface LabelToPlace {
  ends: EdgeEnds;
  width: number;
}

/**
 * For each label (in order: earlier flows win), the index of its spot in labelCandidates, or
 * null when every spot overlaps a component or an earlier label. An empty label needs no spot (0).
 */
export function placeLabels(labels: readonly LabelToPlace[], obstacles: readonly Rect[]): (number | null)[] {
  return placeAllLabels(labels, obstacles).slots;
}

/** A rectangle in the placement: a component (order -1) or the label of that order. */
type Placed = Rect & { order: number };

/**
 * A placement of labels, kept so that the next one, after components moved, can be worked out
 * from the change (placeLabelsAgain). Its grid passes on to the next placement: a placement that
 * has been placed again is spent, and placing it again once more starts from scratch.
 */
export interface LabelPlacement {
  readonly slots: (number | null)[];
  readonly labels: readonly LabelToPlace[];
  readonly obstacles: readonly Rect[];
  /** The rectangle each label took (null: none), and all of them with the components, on a grid. */
  readonly state: {
    taken: (Placed | null)[];
    walls: Placed[];
    grid: RectGrid<Placed>;
    spent: boolean;
  } | null;
}

/** The first free spot of a label (see placeLabels): the first whose rectangle `fits`. */
function firstFree(
  { ends, width }: LabelToPlace,
  fits: (rect: Rect) => boolean,
): { slot: number | null; rect: Rect | null } {
  if (width === 0) return { slot: 0, rect: null };
  const spots = labelCandidates(ends);
  for (let i = 0; i < spots.length; i++) {
    const rect = labelRect(spots[i]!, width);
    if (fits(rect)) return { slot: i, rect };
  }
  return { slot: null, rect: null };
}

export function placeAllLabels(labels: readonly LabelToPlace[], obstacles: readonly Rect[]): LabelPlacement {
  if (labels.length > LABEL_PLACEMENT_LIMIT)
    return { slots: labels.map(() => 0), labels, obstacles, state: null };
  const grid = new RectGrid<Placed>();
  const walls = obstacles.map((o) => ({ ...o, order: -1 }));
  for (const wall of walls) grid.add(wall);
  const taken: (Placed | null)[] = [];
  const slots = labels.map((label, order) => {
    const { slot, rect } = firstFree(label, (r) => !grid.hits(r));
    const placed = rect && { ...rect, order };
    if (placed) grid.add(placed);
    taken.push(placed);
    return slot;
  });
  return { slots, labels, obstacles, state: { taken, walls, grid, spent: false } };
}

const sameRect = (a: Rect | null, b: Rect | null) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
const samePoint = (a: Point, b: Point) => a.x === b.x && a.y === b.y;
const sameLabel = (a: LabelToPlace, b: LabelToPlace) =>
  a === b ||
  (a.width === b.width &&
    a.ends.sourceSide === b.ends.sourceSide &&
    a.ends.targetSide === b.ends.targetSide &&
    samePoint(a.ends.source, b.ends.source) &&
    samePoint(a.ends.target, b.ends.target));

/**
 * The placement of `labels` among `obstacles` — exactly what placeAllLabels gives — worked out
 * from `previous` when only some labels and obstacles changed (components moved): a label is
 * placed again only when it changed or one of its spots overlaps something that changed before
 * it in the order (a moved component's old or new place, an earlier label's old or new spot).
 * After a drag this places a handful of labels instead of all of them. Any other change (labels
 * or components added or removed) places all again.
 */
export function placeLabelsAgain(
  previous: LabelPlacement,
  labels: readonly LabelToPlace[],
  obstacles: readonly Rect[],
): LabelPlacement {
  const state = previous.state;
  if (
    !state ||
    state.spent ||
    labels.length !== previous.labels.length ||
    obstacles.length !== previous.obstacles.length
  )
    return placeAllLabels(labels, obstacles);
  state.spent = true;
  const { grid } = state;
  const taken = [...state.taken];
  const walls = [...state.walls];
  // What changed, with the order it changed at: a spot is affected only by what comes before it.
  const changed: Placed[] = [];
  obstacles.forEach((o, i) => {
    if (sameRect(previous.obstacles[i]!, o)) return;
    const old = walls[i]!;
    const now: Placed = { ...o, order: -1 };
    grid.remove(old);
    grid.add(now);
    walls[i] = now;
    changed.push(old, now);
  });
  const slots = labels.map((label, order) => {
    const was = previous.slots[order]!;
    if (sameLabel(label, previous.labels[order]!) && !spotsTouch(label, changed, order)) return was;
    const old = taken[order]!;
    if (old) grid.remove(old);
    const { slot, rect } = firstFree(label, (r) => !grid.hits(r, (other) => other.order < order));
    const placed = rect && { ...rect, order };
    if (placed) grid.add(placed);
    taken[order] = placed;
    if (!sameRect(old, placed)) {
      if (old) changed.push(old);
      if (placed) changed.push(placed);
    }
    return slot;
  });
  return { slots, labels, obstacles, state: { taken, walls, grid, spent: false } };
}

/**
 * True when a spot of the label overlaps something changed before it in the order. Most labels
 * are far from a move: their candidates' hull (the route's box, grown by a label's half size)
 * says so without looking at each spot.
 */
function spotsTouch(label: LabelToPlace, changed: readonly Placed[], order: number): boolean {
  if (label.width === 0) return false;
  const { source: s, target: t } = label.ends;
  const dx = label.width / 2 + GAP;
  const dy = LABEL_HEIGHT / 2 + GAP;
  const hull = {
    x: Math.min(s.x, t.x) - dx,
    y: Math.min(s.y, t.y) - dy,
    width: Math.abs(s.x - t.x) + 2 * dx,
    height: Math.abs(s.y - t.y) + 2 * dy,
  };
  const near = changed.filter((r) => r.order < order && overlaps(hull, r));
  if (near.length === 0) return false;
  return labelCandidates(label.ends).some((spot) => {
    const rect = labelRect(spot, label.width);
    return near.some((r) => overlaps(rect, r));
  });
}
