/**
 * BoxIndex, the one answer to "which box contains this" for the canvas and the Threat Dragon
 * importer and exporter, gives the answers of the naive pairwise definitions (kept here as the
 * oracle), and bounded work where those were quadratic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BoxIndex } from '../../../src/core/layout/boxIndex';
import { area, containsPoint, containsRect, type Point, type Rect } from '../../../src/core/layout/geometry';
import { expectLinearTime } from '../../support/growth';

/** The definitions the importer and the canvas had, one pair at a time. */
const naive = {
  innermost(boxes: readonly Rect[], p: Point): number {
    let best = -1;
    boxes.forEach((box, i) => {
      if (containsPoint(box, p) && (best < 0 || area(box) < area(boxes[best]!))) best = i;
    });
    return best;
  },
  /** The canvas's: both corners inside, strictly smaller wins (so the earlier of equal boxes). */
  innermostRect(boxes: readonly Rect[], r: Rect, skip: ReadonlySet<number>): number {
    let best = -1;
    boxes.forEach((box, i) => {
      if (skip.has(i)) return;
      if (!containsPoint(box, r) || !containsPoint(box, { x: r.x + r.width, y: r.y + r.height })) return;
      if (best < 0 || area(box) < area(boxes[best]!)) best = i;
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

  it('finds the same innermost box wholly containing a rectangle as the pairwise definition, skips included', () => {
    fc.assert(
      fc.property(
        fc.array(rect, { maxLength: 25 }),
        fc.array(rect, { maxLength: 10 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 24 }), { maxLength: 5 }),
        (boxes, queries, skipped) => {
          const index = new BoxIndex(boxes);
          const skip = new Set(skipped);
          for (const q of queries) {
            expect(index.innermostContainingRect(q, (i) => skip.has(i))).toBe(
              naive.innermostRect(boxes, q, skip),
            );
            expect(index.innermostContainingRect(q)).toBe(naive.innermostRect(boxes, q, new Set()));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a rectangle of size zero is a point', () => {
    const boxes = [
      { x: 0, y: 0, width: 100, height: 100 },
      { x: 10, y: 10, width: 50, height: 50 },
    ];
    const index = new BoxIndex(boxes);
    for (const p of [
      { x: 20, y: 20 },
      { x: 80, y: 80 },
      { x: 10, y: 60 },
      { x: 101, y: 0 },
    ])
      expect(index.innermostContainingRect({ ...p, width: 0, height: 0 })).toBe(index.innermostContaining(p));
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
    const nested = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ x: i, y: i, width: 4 * n - 2 * i, height: 4 * n - 2 * i }));
    // n boxes, their parents, and n questions: timed at 625 and 5,000 boxes, about 8 times as
    // long, not 64 (tests/support/growth.ts).
    const { index, parents } = expectLinearTime(
      'nested boxes',
      (n) => {
        const boxes = nested(n);
        return () => {
          const index = new BoxIndex(boxes);
          const parents = index.parents();
          for (let i = 0; i < n; i++) index.innermostContaining({ x: 2 * n, y: 2 * n });
          return { index, parents };
        };
      },
      5000,
    );
    expect(parents.slice(0, 3)).toEqual([-1, 0, 1]);
    expect(index.innermostContaining({ x: 10_000, y: 10_000 })).toBe(4999);
  });
});
