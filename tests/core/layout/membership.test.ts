/**
 * Boundary membership by geometry, as the canvas and the Threat Dragon importer decide it: the
 * innermost boundary wins, the earlier of equal ones, edges count as inside.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundaryAt,
  boundaryOfComponentAt,
  COMPONENT_SIZE,
  DEFAULT_BOUNDARY_SIZE,
  parentBoundaryAt,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { model } from '../../support/modelBuilders';
import { drawnBoundary } from './support';

/** Outer (0,0 1000×800) holds middle (100,100 600×500), which holds inner (200,200 200×150). */
const nested = () =>
  model({
    trustBoundaries: [
      drawnBoundary('outer', 0, 0, { width: 1000, height: 800 }),
      drawnBoundary('middle', 100, 100, { width: 600, height: 500 }, 'outer'),
      drawnBoundary('inner', 200, 200, { width: 200, height: 150 }, 'middle'),
    ],
  });

describe('boundaryAt', () => {
  it('answers the innermost of nested boundaries, whatever their order in the document', () => {
    const doc = nested();
    const reversed = { ...doc, trustBoundaries: [...doc.trustBoundaries].reverse() };
    for (const d of [doc, reversed]) {
      expect(boundaryAt(d, { x: 250, y: 250 })).toBe('inner');
      expect(boundaryAt(d, { x: 150, y: 150 })).toBe('middle');
      expect(boundaryAt(d, { x: 900, y: 700 })).toBe('outer');
      expect(boundaryAt(d, { x: 1200, y: 100 })).toBeNull();
    }
  });

  it('counts the edges as inside, and a pixel beyond as outside', () => {
    const doc = nested();
    expect(boundaryAt(doc, { x: 400, y: 350 })).toBe('inner'); // bottom-right corner of inner
    expect(boundaryAt(doc, { x: 200, y: 200 })).toBe('inner'); // top-left corner
    expect(boundaryAt(doc, { x: 401, y: 350 })).toBe('middle');
    expect(boundaryAt(doc, { x: 1000, y: 800 })).toBe('outer');
    expect(boundaryAt(doc, { x: 1000.5, y: 800 })).toBeNull();
  });

  it('gives a tie between boundaries of the same area to the earlier one in the document', () => {
    const same = { width: 300, height: 200 };
    const doc = model({
      trustBoundaries: [drawnBoundary('first', 0, 0, same), drawnBoundary('second', 100, 0, same)],
    });
    expect(boundaryAt(doc, { x: 150, y: 100 })).toBe('first'); // in both
    expect(boundaryAt(doc, { x: 350, y: 100 })).toBe('second'); // only in the second
    const swapped = { ...doc, trustBoundaries: [...doc.trustBoundaries].reverse() };
    expect(boundaryAt(swapped, { x: 150, y: 100 })).toBe('second');
    // A smaller boundary beats an earlier, larger one.
    const smaller = model({
      trustBoundaries: [
        drawnBoundary('big', 0, 0, same),
        drawnBoundary('small', 100, 50, { width: 50, height: 50 }),
      ],
    });
    expect(boundaryAt(smaller, { x: 120, y: 70 })).toBe('small');
  });

  it('wants a rectangle wholly inside, and skips the boundaries excluded', () => {
    const doc = nested();
    expect(boundaryAt(doc, { x: 210, y: 210, width: 190, height: 140 })).toBe('inner'); // touches inner's edges
    expect(boundaryAt(doc, { x: 210, y: 210, width: 191, height: 140 })).toBe('middle'); // a pixel over
    expect(boundaryAt(doc, { x: 210, y: 210, width: 10, height: 10 }, new Set(['inner']))).toBe('middle');
    expect(boundaryAt(doc, { x: 210, y: 210, width: 10, height: 10 }, new Set(['inner', 'middle']))).toBe(
      'outer',
    );
    expect(boundaryAt(doc, { x: -10, y: 0, width: 10, height: 10 })).toBeNull();
  });

  it('puts a boundary without position at the origin and one without size at the default size', () => {
    const doc = model({ trustBoundaries: [{ id: 'loose', label: 'loose', zone: 'internal' }] });
    expect(boundaryAt(doc, { x: 0, y: 0 })).toBe('loose');
    expect(boundaryAt(doc, { x: DEFAULT_BOUNDARY_SIZE.width, y: DEFAULT_BOUNDARY_SIZE.height })).toBe(
      'loose',
    );
    expect(boundaryAt(doc, { x: DEFAULT_BOUNDARY_SIZE.width + 1, y: 0 })).toBeNull();
    expect(boundaryAt(model({}), { x: 0, y: 0 })).toBeNull();
  });

  it('answers what the canvas answered before it moved to the core (the pairwise definition)', () => {
    // The canvas's own definition, kept as the oracle: strictly smaller wins, both corners inside.
    const canvasBoundaryAt = (
      doc: ThreatModelDocument,
      area: { x: number; y: number; width?: number; height?: number },
      exclude: ReadonlySet<string>,
    ): string | null => {
      const inner = { x: area.x, y: area.y, width: area.width ?? 0, height: area.height ?? 0 };
      const inside = (
        r: { x: number; y: number; width: number; height: number },
        p: { x: number; y: number },
      ) => p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;
      let best: { id: string; area: number } | null = null;
      for (const b of doc.trustBoundaries) {
        if (exclude.has(b.id)) continue;
        const r = { ...(b.position ?? { x: 0, y: 0 }), ...(b.size ?? DEFAULT_BOUNDARY_SIZE) };
        if (!inside(r, inner) || !inside(r, { x: inner.x + inner.width, y: inner.y + inner.height }))
          continue;
        if (!best || r.width * r.height < best.area) best = { id: b.id, area: r.width * r.height };
      }
      return best?.id ?? null;
    };
    const c = fc.integer({ min: -50, max: 50 }).map((n) => n * 8);
    const size = fc.option(
      fc.record({
        width: fc.integer({ min: 1, max: 60 }).map((n) => n * 8),
        height: fc.integer({ min: 1, max: 60 }).map((n) => n * 8),
      }),
      { nil: undefined },
    );
    const boundaries = fc.array(fc.record({ x: c, y: c, size }), { maxLength: 12 });
    const query = fc.record({
      x: c,
      y: c,
      width: fc.integer({ min: 0, max: 400 }),
      height: fc.integer({ min: 0, max: 400 }),
    });
    fc.assert(
      fc.property(
        boundaries,
        fc.array(query, { maxLength: 8 }),
        fc.array(fc.nat(11), { maxLength: 3 }),
        (bs, queries, ex) => {
          const doc = model({ trustBoundaries: bs.map((b, i) => drawnBoundary(`b${i}`, b.x, b.y, b.size)) });
          const exclude = new Set(ex.map((i) => `b${i}`));
          for (const q of queries) {
            expect(boundaryAt(doc, q, exclude)).toBe(canvasBoundaryAt(doc, q, exclude));
            const p = { x: q.x, y: q.y };
            expect(boundaryAt(doc, p)).toBe(canvasBoundaryAt(doc, p, new Set()));
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('boundaryOfComponentAt', () => {
  it('decides by the centre of the component box, COMPONENT_SIZE unless measured', () => {
    const doc = nested();
    // Top-left at (110, 110): the centre (202, 142) is in middle only.
    expect(boundaryOfComponentAt(doc, { x: 110, y: 110 })).toBe('middle');
    // Centre exactly on inner's top-left corner.
    const onCorner = { x: 200 - COMPONENT_SIZE.width / 2, y: 200 - COMPONENT_SIZE.height / 2 };
    expect(boundaryOfComponentAt(doc, onCorner)).toBe('inner');
    // A measured, taller node: its centre moves down into inner.
    expect(boundaryOfComponentAt(doc, { x: 210, y: 150 }, { width: 100, height: 120 })).toBe('inner');
    expect(boundaryOfComponentAt(doc, { x: 210, y: 150 })).toBe('middle');
  });
});

describe('parentBoundaryAt', () => {
  it('never nests a boundary in itself or in one nested inside it', () => {
    const doc = nested();
    // Middle dragged onto itself, wholly inside inner's rectangle: the answer is outer.
    expect(parentBoundaryAt(doc, 'middle', { x: 210, y: 210, width: 10, height: 10 })).toBe('outer');
    expect(parentBoundaryAt(doc, 'inner', { x: 210, y: 210, width: 10, height: 10 })).toBe('middle');
    expect(parentBoundaryAt(doc, 'outer', { x: 210, y: 210, width: 10, height: 10 })).toBeNull();
  });
});
