/**
 * Membership is geometry: after the canvas changes where something is, the model must say what
 * the room sees. This re-derives `boundaryId` and `parentId` from positions with the one rule of
 * membership.ts — a component belongs to the innermost boundary containing its centre, a boundary
 * nests in the innermost boundary wholly containing it (of equal boxes the earlier one) — for the
 * elements a change can affect, so that a move in one corner never rewrites the rest of the model.
 *
 * Only drawn (positioned) elements are re-derived, and only drawn boundaries contain anything: an
 * imported or hand-written file states membership by id without coordinates, and that statement
 * is kept until the element is placed (the canvas lays such files out when they are opened).
 */
import { mapSame, withArray } from '../document/commandHelpers';
import type { ThreatModelDocument, TrustBoundary } from '../model/document';
import { BoxIndex } from './boxIndex';
import { boundaryRect, componentCentre } from './elementRects';
import { area, containsPoint, type Rect } from './geometry';

/**
 * Above this many changed boundaries (a select-all drag), re-deriving everything is cheaper than
 * finding what each of them touches.
 */
const SCOPED_BOUNDARY_LIMIT = 64;

/**
 * The document with the membership of `scope` (element ids; all elements when omitted) re-derived
 * from geometry. Near-linear: one BoxIndex over the drawn boundaries, one question per element.
 * Never nests a boundary in itself or its descendants; elements that already agree with geometry
 * keep their identity, and a document that agrees throughout is returned unchanged.
 */
export function rederiveMembership(doc: ThreatModelDocument, scope?: Iterable<string>): ThreatModelDocument {
  const only = scope === undefined ? null : new Set(scope);
  if (only?.size === 0) return doc;
  const inScope = (id: string) => only === null || only.has(id);

  const drawn = doc.trustBoundaries.filter((b) => b.position !== undefined);
  const rects = drawn.map(boundaryRect);
  const areas = rects.map(area);
  const index = new BoxIndex(rects);
  const slotOf = new Map(drawn.map((b, i) => [b.id, i]));

  // A boundary's parent by geometry: never itself, nor an identical box later in the document,
  // so parents always come strictly earlier in (area descending, document order): no cycles.
  const geometricParent = (i: number): string | null => {
    const found = index.innermostContainingRect(
      rects[i]!,
      (j) => j === i || (j > i && areas[j] === areas[i]),
    );
    return found < 0 ? null : drawn[found]!.id;
  };

  const parentOf = new Map<string, string | null>(doc.trustBoundaries.map((b) => [b.id, b.parentId ?? null]));
  const derived = new Set<string>();
  const derive = (id: string) => {
    parentOf.set(id, geometricParent(slotOf.get(id)!));
    derived.add(id);
  };
  for (const b of drawn) if (inScope(b.id)) derive(b.id);
  breakCycles(doc.trustBoundaries, parentOf, (id) =>
    slotOf.has(id) && !derived.has(id) ? (derive(id), true) : false,
  );

  const trustBoundaries = mapSame(doc.trustBoundaries, (b) => withParent(b, parentOf.get(b.id) ?? null));
  const components = mapSame(doc.components, (c) => {
    if (c.position === undefined || !inScope(c.id)) return c;
    const found = index.innermostContaining(componentCentre(c.position));
    const boundaryId = found < 0 ? null : drawn[found]!.id;
    if (boundaryId === (c.boundaryId ?? null)) return c;
    const { boundaryId: _old, ...rest } = c;
    return boundaryId === null ? rest : { ...rest, boundaryId };
  });
  return withArray(withArray(doc, 'trustBoundaries', trustBoundaries), 'components', components);
}

function withParent(b: TrustBoundary, parentId: string | null): TrustBoundary {
  if (parentId === (b.parentId ?? null)) return b;
  const { parentId: _old, ...rest } = b;
  return parentId === null ? rest : { ...rest, parentId };
}

/**
 * Re-derived boundaries never form a cycle among themselves, but one can run through a boundary
 * outside the scope whose stated parent contradicts its drawing (a hand-edited file). Such a
 * boundary is re-derived too (`rederive` says whether it could be); a cycle only of undrawn
 * boundaries is the input's, and left for validation to report.
 */
function breakCycles(
  boundaries: readonly TrustBoundary[],
  parentOf: Map<string, string | null>,
  rederive: (id: string) => boolean,
): void {
  for (let changed = true; changed;) {
    changed = false;
    const state = new Map<string, 1 | 2>(); // 1: on the current walk, 2: known to reach the top
    for (const start of boundaries) {
      const path: string[] = [];
      let current: string | null = start.id;
      while (current !== null && parentOf.has(current) && !state.has(current)) {
        state.set(current, 1);
        path.push(current);
        current = parentOf.get(current) ?? null;
      }
      if (current !== null && state.get(current) === 1) {
        const cycle = path.slice(path.indexOf(current));
        for (const id of cycle) if (rederive(id)) changed = true;
      }
      for (const id of path) state.set(id, 2);
    }
  }
}

/**
 * The elements whose membership can change when the elements `changed` are moved, resized, added
 * or removed between `before` and `after`: the changed elements themselves, and for each changed
 * boundary whatever it held or holds (stated, or drawn over its old or new rectangle). Undefined
 * means everything (a change of too many boundaries to be worth narrowing).
 */
export function membershipScope(
  before: ThreatModelDocument,
  after: ThreatModelDocument,
  changed: Iterable<string>,
): Set<string> | undefined {
  const out = new Set(changed);
  const boundaries = new Set<string>();
  const areas: Rect[] = [];
  const beforeById = new Map(before.trustBoundaries.map((b) => [b.id, b]));
  const afterById = new Map(after.trustBoundaries.map((b) => [b.id, b]));
  for (const id of out) {
    for (const b of [beforeById.get(id), afterById.get(id)]) {
      if (!b) continue;
      boundaries.add(id);
      if (b.position !== undefined) areas.push(boundaryRect(b));
    }
  }
  if (boundaries.size === 0) return out;
  if (boundaries.size > SCOPED_BOUNDARY_LIMIT) return undefined;

  const over = (centre: { x: number; y: number }) => areas.some((r) => containsPoint(r, centre));
  const touches = (rect: Rect) => areas.some((r) => closedIntersect(r, rect));
  for (const doc of [before, after]) {
    for (const c of doc.components) {
      if (c.boundaryId != null && boundaries.has(c.boundaryId)) out.add(c.id);
      else if (c.position !== undefined && over(componentCentre(c.position))) out.add(c.id);
    }
    for (const b of doc.trustBoundaries) {
      if (b.parentId != null && boundaries.has(b.parentId)) out.add(b.id);
      else if (b.position !== undefined && touches(boundaryRect(b))) out.add(b.id);
    }
  }
  return out;
}

/** Rectangles sharing at least a point, edges included (a box inside another always does). */
function closedIntersect(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

/** `after` with the membership of everything a change of `changed` (since `before`) can affect re-derived. */
export function rederiveAfter(
  before: ThreatModelDocument,
  after: ThreatModelDocument,
  changed: Iterable<string>,
): ThreatModelDocument {
  return rederiveMembership(after, membershipScope(before, after, changed));
}
