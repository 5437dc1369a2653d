/**
 * Membership is geometry: after any canvas edit, every drawn element belongs where it is drawn.
 * The oracle here is a brute-force reading of the rule, written independently of BoxIndex.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBoundaryByGeometry,
  boundaryRect,
  COMPONENT_SIZE,
  moveElementsCarrying,
  rederiveMembership,
  removeElementsByGeometry,
  resizeBoundary,
  type Component,
  type ThreatModelDocument,
  type TrustBoundary,
} from '../../../src/core/index';
import { boundary, component, model } from '../../support/modelBuilders';
import { expectLinearTime } from '../../support/growth';
import { drawnBoundary, placedComponent } from './support';

type Rect = { x: number; y: number; width: number; height: number };
const inRect = (r: Rect, x: number, y: number) =>
  x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height;
const rectIn = (outer: Rect, inner: Rect) =>
  inRect(outer, inner.x, inner.y) && inRect(outer, inner.x + inner.width, inner.y + inner.height);

/** What the rule says, by brute force: innermost (smallest area, then earliest) drawn boundary. */
function oracle(doc: ThreatModelDocument): Map<string, string | null> {
  const drawn = doc.trustBoundaries.map((b, i) => ({ b, i, r: boundaryRect(b) })).filter((d) => d.b.position);
  const innermost = (hits: typeof drawn) =>
    hits.reduce<(typeof drawn)[number] | null>((best, d) => {
      if (!best) return d;
      const [a, b] = [d.r.width * d.r.height, best.r.width * best.r.height];
      return a < b || (a === b && d.i < best.i) ? d : best;
    }, null)?.b.id ?? null;
  const out = new Map<string, string | null>();
  for (const c of doc.components) {
    if (!c.position) continue;
    const [x, y] = [c.position.x + COMPONENT_SIZE.width / 2, c.position.y + COMPONENT_SIZE.height / 2];
    out.set(c.id, innermost(drawn.filter((d) => inRect(d.r, x, y))));
  }
  for (const self of drawn) {
    const area = self.r.width * self.r.height;
    const holders = drawn.filter(
      (d) => d.b !== self.b && rectIn(d.r, self.r) && !(d.r.width * d.r.height === area && d.i > self.i),
    );
    out.set(self.b.id, innermost(holders));
  }
  return out;
}

/** The membership the document states, for the elements the oracle speaks about. */
function stated(doc: ThreatModelDocument, ids: Iterable<string>): Map<string, string | null> {
  const byId = new Map<string, Component | TrustBoundary>([
    ...doc.components.map((c) => [c.id, c] as const),
    ...doc.trustBoundaries.map((b) => [b.id, b] as const),
  ]);
  return new Map(
    [...ids].map((id) => {
      const e = byId.get(id)!;
      return [id, ('boundaryId' in e ? e.boundaryId : 'parentId' in e ? e.parentId : null) ?? null];
    }),
  );
}

function hasCycle(doc: ThreatModelDocument): boolean {
  const parent = new Map(doc.trustBoundaries.map((b) => [b.id, b.parentId ?? null]));
  return doc.trustBoundaries.some((b) => {
    let current = parent.get(b.id) ?? null;
    for (let steps = 0; current !== null; steps++) {
      if (current === b.id || steps > parent.size) return true;
      current = parent.get(current) ?? null;
    }
    return false;
  });
}

const expectGeometry = (doc: ThreatModelDocument) => {
  const truth = oracle(doc);
  expect(stated(doc, truth.keys())).toEqual(truth);
  expect(hasCycle(doc)).toBe(false);
};

describe('rederiveMembership', () => {
  it('puts components where their centre is and boundaries in the innermost one wholly holding them', () => {
    const doc = model({
      trustBoundaries: [
        drawnBoundary('outer', 0, 0, { width: 1000, height: 800 }),
        drawnBoundary('inner', 100, 100, { width: 400, height: 300 }), // stated nowhere
      ],
      components: [
        placedComponent('in-inner', 150, 150, 'outer'),
        placedComponent('in-outer', 600, 600, 'inner'),
        placedComponent('outside', 1200, 0, 'outer'),
      ],
    });
    const next = rederiveMembership(doc);
    expect(next.trustBoundaries[1]!.parentId).toBe('outer');
    expect(next.components.map((c) => c.boundaryId ?? null)).toEqual(['inner', 'outer', null]);
    expect('boundaryId' in next.components[2]!).toBe(false);
    expectGeometry(next);
  });

  it('is idempotent and returns an agreeing document unchanged', () => {
    const doc = rederiveMembership(
      model({
        trustBoundaries: [drawnBoundary('a', 0, 0, { width: 500, height: 500 })],
        components: [placedComponent('c', 10, 10)],
      }),
    );
    expect(rederiveMembership(doc)).toBe(doc);
  });

  it('keeps the stated membership of elements without a position, and undrawn boundaries hold nothing', () => {
    const doc = model({
      trustBoundaries: [
        boundary('undrawn', 'internal'),
        drawnBoundary('drawn', 0, 0, { width: 500, height: 500 }),
      ],
      components: [component('by-id', 'llm', {}, 'drawn'), placedComponent('placed', 1000, 1000, 'undrawn')],
    });
    const next = rederiveMembership(doc);
    expect(next.components[0]!.boundaryId).toBe('drawn');
    expect(next.components[1]!.boundaryId).toBeUndefined();
    expect(next.trustBoundaries[0]).toBe(doc.trustBoundaries[0]);
  });

  it('touches only the scope it is given', () => {
    const doc = model({
      trustBoundaries: [drawnBoundary('a', 0, 0, { width: 500, height: 500 })],
      components: [placedComponent('x', 10, 10), placedComponent('y', 20, 20)],
    });
    const next = rederiveMembership(doc, ['x']);
    expect(next.components.map((c) => c.boundaryId ?? null)).toEqual(['a', null]);
  });

  it('never closes a cycle through a boundary whose stated parent contradicts its drawing', () => {
    // big is drawn around small, but a hand-edited file says big sits in small.
    const doc = model({
      trustBoundaries: [
        drawnBoundary('big', 0, 0, { width: 800, height: 800 }, 'small'),
        drawnBoundary('small', 100, 100, { width: 200, height: 200 }),
      ],
    });
    const next = rederiveMembership(doc, ['small']);
    expect(next.trustBoundaries.find((b) => b.id === 'small')!.parentId).toBe('big');
    expect(hasCycle(next)).toBe(false);
    expectGeometry(next);
  });

  it('gives identical boundaries to the earlier one, never to each other', () => {
    const same = { width: 300, height: 300 };
    const next = rederiveMembership(
      model({ trustBoundaries: [drawnBoundary('first', 0, 0, same), drawnBoundary('second', 0, 0, same)] }),
    );
    expect(next.trustBoundaries.map((b) => b.parentId ?? null)).toEqual([null, 'first']);
  });

  it('is near-linear: 10,000 components and 1,000 boundaries in well under a second', () => {
    const trustBoundaries = Array.from({ length: 1000 }, (_, i) =>
      drawnBoundary(`b${i}`, (i % 40) * 600, Math.floor(i / 40) * 400, { width: 560, height: 360 }),
    );
    const components = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        placedComponent(`c${i}`, (i % 200) * 120, Math.floor(i / 200) * 200),
      );
    // Timed at 1,250 and 10,000 components in the same 1,000 boundaries: about 8 times as long,
    // not 64 (tests/support/growth.ts).
    const resized = expectLinearTime(
      'membership of components',
      (n) => {
        const doc = model({ trustBoundaries, components: components(n) });
        return () =>
          resizeBoundary(rederiveMembership(doc), 'b10', { x: 6000, y: 0, width: 1200, height: 800 });
      },
      10_000,
    );
    expect(resized.components).toHaveLength(10_000);
    expectGeometry(resized);
  });
});

describe('canvas edits keep membership equal to geometry', () => {
  it('resizing a boundary over a component takes it in; shrinking it lets it go', () => {
    let doc = model({
      trustBoundaries: [drawnBoundary('tb', 0, 0, { width: 300, height: 200 })],
      components: [placedComponent('c', 400, 50)],
    });
    doc = resizeBoundary(doc, 'tb', { x: 0, y: 0, width: 700, height: 200 });
    expect(doc.components[0]!.boundaryId).toBe('tb');
    doc = resizeBoundary(doc, 'tb', { x: 0, y: 0, width: 300, height: 200 });
    expect(doc.components[0]!.boundaryId).toBeUndefined();
  });

  it('moving a boundary over a component takes it in, and carries its members', () => {
    let doc = model({
      trustBoundaries: [drawnBoundary('tb', 0, 0, { width: 300, height: 200 })],
      components: [placedComponent('member', 20, 20, 'tb'), placedComponent('c', 1000, 50)],
    });
    doc = moveElementsCarrying(doc, [{ id: 'tb', position: { x: 900, y: 0 } }]);
    expect(doc.components.map((c) => [c.position, c.boundaryId])).toEqual([
      [{ x: 920, y: 20 }, 'tb'],
      [{ x: 1000, y: 50 }, 'tb'],
    ]);
  });

  it('deleting a boundary gives what it held to whatever now holds it', () => {
    // c sits in small, which overlaps overlap (not its parent); the parent is big.
    const doc = rederiveMembership(
      model({
        trustBoundaries: [
          drawnBoundary('big', 0, 0, { width: 2000, height: 2000 }),
          drawnBoundary('small', 100, 100, { width: 300, height: 300 }),
          drawnBoundary('overlap', 200, 200, { width: 400, height: 400 }),
        ],
        components: [placedComponent('c', 250, 250)],
      }),
    );
    expect(doc.components[0]!.boundaryId).toBe('small');
    const next = removeElementsByGeometry(doc, ['small']);
    expect(next.components[0]!.boundaryId).toBe('overlap');
  });

  it('a new boundary nests where it is drawn and captures exactly what it is drawn around', () => {
    const doc = rederiveMembership(
      model({
        trustBoundaries: [
          drawnBoundary('outer', 0, 0, { width: 2000, height: 2000 }),
          drawnBoundary('inside', 220, 220, { width: 200, height: 200 }),
          drawnBoundary('straddling', 500, 100, { width: 400, height: 200 }),
        ],
        components: [placedComponent('around', 100, 100), placedComponent('beyond', 1200, 1200)],
      }),
    );
    const next = addBoundaryByGeometry(doc, {
      id: 'drawn',
      label: 'Drawn',
      zone: 'internal',
      position: { x: 50, y: 50 },
      size: { width: 600, height: 600 },
    });
    const parent = (id: string) => next.trustBoundaries.find((b) => b.id === id)!.parentId ?? null;
    expect(parent('drawn')).toBe('outer');
    expect(parent('inside')).toBe('drawn');
    expect(parent('straddling')).toBe('outer');
    expect(next.components.map((c) => c.boundaryId)).toEqual(['drawn', 'outer']);
  });

  const coordinate = fc.integer({ min: 0, max: 40 }).map((n) => n * 25);
  const extent = fc.integer({ min: 4, max: 40 }).map((n) => n * 25);
  const rect = fc.record({ x: coordinate, y: coordinate, width: extent, height: extent });
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), x: coordinate, y: coordinate }),
    fc.record({
      kind: fc.constant('moveMany' as const),
      picks: fc.array(fc.nat(), { maxLength: 3 }),
      dx: coordinate,
      dy: coordinate,
    }),
    fc.record({ kind: fc.constant('resize' as const), pick: fc.nat(), rect }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('add' as const), rect }),
  );

  it('after any sequence of moves, resizes, deletions and new boundaries, membership is geometry', () => {
    fc.assert(
      fc.property(
        fc.array(rect, { maxLength: 6 }),
        fc.array(fc.record({ x: coordinate, y: coordinate }), { maxLength: 10 }),
        fc.array(edit, { maxLength: 12 }),
        (boxes, spots, edits) => {
          let doc = rederiveMembership(
            model({
              trustBoundaries: boxes.map((r, i) => drawnBoundary(`b${i}`, r.x, r.y, r)),
              components: spots.map((p, i) => placedComponent(`c${i}`, p.x, p.y)),
            }),
          );
          expectGeometry(doc);
          let added = 0;
          for (const e of edits) {
            const ids = [...doc.trustBoundaries.map((b) => b.id), ...doc.components.map((c) => c.id)];
            const boundaries = doc.trustBoundaries.map((b) => b.id);
            const pick = (n: number, from: string[]) => (from.length ? from[n % from.length]! : null);
            if (e.kind === 'move') {
              const id = pick(e.pick, ids);
              if (id) doc = moveElementsCarrying(doc, [{ id, position: { x: e.x, y: e.y } }]);
            } else if (e.kind === 'moveMany') {
              const chosen = [...new Set(e.picks.map((n) => pick(n, ids)).filter((id) => id !== null))];
              const at = (id: string) =>
                [...doc.components, ...doc.trustBoundaries].find((el) => el.id === id)!.position!;
              doc = moveElementsCarrying(
                doc,
                chosen.map((id) => ({ id, position: { x: at(id).x + e.dx, y: at(id).y + e.dy } })),
              );
            } else if (e.kind === 'resize') {
              const id = pick(e.pick, boundaries);
              if (id) doc = resizeBoundary(doc, id, e.rect);
            } else if (e.kind === 'remove') {
              const id = pick(e.pick, ids);
              if (id) doc = removeElementsByGeometry(doc, [id]);
            } else {
              doc = addBoundaryByGeometry(doc, {
                id: `n${added++}`,
                label: 'new',
                zone: 'internal',
                position: { x: e.rect.x, y: e.rect.y },
                size: { width: e.rect.width, height: e.rect.height },
              });
            }
            expectGeometry(doc);
            expect(rederiveMembership(doc)).toBe(doc);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
