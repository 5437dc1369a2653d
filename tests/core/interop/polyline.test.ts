/**
 * The polylines of the Threat Dragon importer give the answers of the naive pairwise definition
 * (kept here as the oracle), and bounded work where it was quadratic. BoxIndex, the other half of
 * that geometry, is tested with the layout (tests/core/layout/boxIndex.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Point } from '../../../src/core/layout/geometry';
import { Polyline, segmentsIntersect, simplifyPolyline } from '../../../src/core/interop/shared/polyline';

/** The definition the importer had, one pair at a time. */
const naive = {
  intersect(a: readonly Point[], b: readonly Point[]): boolean {
    for (let i = 0; i + 1 < a.length; i++)
      for (let j = 0; j + 1 < b.length; j++)
        if (segmentsIntersect(a[i]!, a[i + 1]!, b[j]!, b[j + 1]!)) return true;
    return false;
  },
};

// Small integer coordinates, so that shared edges and touching happen often.
const coord = fc.integer({ min: -20, max: 20 });
const point = fc.record({ x: coord, y: coord });

describe('Polyline', () => {
  const polyline = fc.array(point, { minLength: 2, maxLength: 8 });

  it('intersects exactly when the pairwise definition does, given budget enough', () => {
    fc.assert(
      fc.property(polyline, polyline, (a, b) => {
        expect(new Polyline(a).intersects(new Polyline(b), { left: Infinity })).toBe(naive.intersect(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives up (undefined) when the budget runs out, having spent at most the budget', () => {
    // A line along y = 0, and a hook around its left end along y = 1: overlapping bounding boxes,
    // never touching, so every segment pair is tested.
    const line = new Polyline(Array.from({ length: 1000 }, (_, i) => ({ x: i, y: 0 })));
    const hook = (y: number) =>
      new Polyline([{ x: -1, y: -1 }, { x: -1, y }, ...Array.from({ length: 999 }, (_, i) => ({ x: i, y }))]);
    const budget = { left: 10_000 };
    expect(line.intersects(hook(1), budget)).toBeUndefined();
    expect(budget.left).toBeLessThanOrEqual(0);
    expect(line.intersects(hook(1), { left: Infinity })).toBe(false);
    expect(line.intersects(hook(0), { left: 10_000 })).toBe(true);
  });

  it('answers at once for polylines far apart', () => {
    const budget = { left: 1 };
    const a = new Polyline(Array.from({ length: 1000 }, (_, i) => ({ x: i, y: 0 })));
    const b = new Polyline(Array.from({ length: 1000 }, (_, i) => ({ x: i, y: 10 })));
    expect(a.intersects(b, budget)).toBe(false);
  });
});

describe('simplifyPolyline', () => {
  it('keeps the first, the last and evenly spaced points, at most `max`', () => {
    const points = Array.from({ length: 10 }, (_, i) => i);
    expect(simplifyPolyline(points, 4)).toEqual([0, 3, 6, 9]);
    expect(simplifyPolyline(points, 2)).toEqual([0, 9]);
    expect(simplifyPolyline(points, 20)).toEqual(points);
    expect(
      simplifyPolyline(
        Array.from({ length: 20_001 }, (_, i) => i),
        1000,
      ),
    ).toHaveLength(1000);
  });
});
