/**
 * The indexed geometry of the Threat Dragon importer gives the answers of the naive pairwise
 * definitions (kept here as the oracle), and bounded work where those were quadratic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  area,
  BoxIndex,
  containsPoint,
  containsRect,
  Polyline,
  segmentsIntersect,
  simplifyPolyline,
  type Point,
  type Rect,
} from '../../../src/core/interop/shared/polyline';

/** The definitions the importer had, one pair at a time. */
const naive = {
  innermost(boxes: readonly Rect[], p: Point): number {
    let best = -1;
    boxes.forEach((box, i) => {
      if (containsPoint(box, p) && (best < 0 || area(box) < area(boxes[best]!))) best = i;
    });
    return best;
  },
  parents(boxes: readonly Rect[]): number[] {
    return boxes.map((box, i) => {
      let best = -1;
      boxes.forEach((other, j) => {
        if (j === i || !containsRect(other, box)) return;
        if (area(other) < area(box) || (area(other) === area(box) && j > i)) return;
        if (best < 0 || area(other) < area(boxes[best]!)) best = j;
      });
      return best;
    });
  },
  intersect(a: readonly Point[], b: readonly Point[]): boolean {
    for (let i = 0; i + 1 < a.length; i++)
      for (let j = 0; j + 1 < b.length; j++)
        if (segmentsIntersect(a[i]!, a[i + 1]!, b[j]!, b[j + 1]!)) return true;
    return false;
  },
};

// Small integer coordinates, so that equal areas, shared edges and touching happen often.
const coord = fc.integer({ min: -20, max: 20 });
const point = fc.record({ x: coord, y: coord });
const rect = fc.record({
  x: coord,
  y: coord,
  width: fc.integer({ min: -2, max: 30 }),
  height: fc.integer({ min: -2, max: 30 }),
});

describe('BoxIndex', () => {
  it('finds the same innermost box and the same parents as the pairwise definitions', () => {
    fc.assert(
      fc.property(fc.array(rect, { maxLength: 25 }), fc.array(point, { maxLength: 10 }), (boxes, points) => {
        const index = new BoxIndex(boxes);
        expect(index.parents()).toEqual(naive.parents(boxes));
        for (const p of points) expect(index.innermostContaining(p)).toBe(naive.innermost(boxes, p));
      }),
      { numRuns: 500 },
    );
  });

  it('duplicated boxes nest in the first copy', () => {
    const boxes = [
      { x: 0, y: 0, width: 100, height: 100 },
      { x: 10, y: 10, width: 5, height: 5 },
      { x: 10, y: 10, width: 5, height: 5 },
      { x: 10, y: 10, width: 5, height: 5 },
    ];
    expect(new BoxIndex(boxes).parents()).toEqual([-1, 0, 1, 1]);
  });

  it('answers for 5,000 nested boxes in linear time', () => {
    const boxes = Array.from({ length: 5000 }, (_, i) => ({
      x: i,
      y: i,
      width: 20_000 - 2 * i,
      height: 20_000 - 2 * i,
    }));
    const start = performance.now();
    const index = new BoxIndex(boxes);
    const parents = index.parents();
    for (let i = 0; i < 5000; i++) index.innermostContaining({ x: 10_000, y: 10_000 });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(parents.slice(0, 3)).toEqual([-1, 0, 1]);
    expect(index.innermostContaining({ x: 10_000, y: 10_000 })).toBe(4999);
  });
});

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
