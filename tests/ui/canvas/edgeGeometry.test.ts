import { describe, expect, it } from 'vitest';
import {
  assignLanes,
  floatingEdgeEnds,
  laneOffset,
  LANE_SPACING,
  pickSides,
  sidePoint,
  type Rect,
} from '../../../src/ui/canvas/edgeGeometry';

const node = (x: number, y: number): Rect => ({ x, y, width: 184, height: 64 });

describe('floating edge geometry', () => {
  it('attaches a flow to the sides that face the other node', () => {
    const a = node(0, 0);
    expect(pickSides(a, node(400, 0))).toEqual({ sourceSide: 'right', targetSide: 'left' });
    expect(pickSides(a, node(-400, 0))).toEqual({ sourceSide: 'left', targetSide: 'right' });
    expect(pickSides(a, node(0, 300))).toEqual({ sourceSide: 'bottom', targetSide: 'top' });
    expect(pickSides(a, node(0, -300))).toEqual({ sourceSide: 'top', targetSide: 'bottom' });
  });

  it('picks the axis with the wider free gap, not the centre line’s angle', () => {
    // Centres 300 right and 150 down: the centre line leaves a 184 × 64 box through its bottom,
    // but the free gap is wider across (116 px) than down (86 px): reached from the side.
    expect(pickSides(node(0, 0), node(300, 150))).toEqual({ sourceSide: 'right', targetSide: 'left' });
    // Centres 260 right and 200 down: gaps of 76 px across and 136 px down.
    expect(pickSides(node(0, 0), node(260, 200))).toEqual({ sourceSide: 'bottom', targetSide: 'top' });
  });

  it('is symmetric: the reverse flow uses the same two sides', () => {
    for (const [x, y] of [
      [400, 30],
      [-300, 250],
      [50, -400],
      [260, 200],
    ] as const) {
      const forward = pickSides(node(0, 0), node(x, y));
      const back = pickSides(node(x, y), node(0, 0));
      expect(back).toEqual({ sourceSide: forward.targetSide, targetSide: forward.sourceSide });
    }
  });

  it('puts the ends on the rectangles’ sides, in the middle of each', () => {
    const ends = floatingEdgeEnds(node(0, 0), node(400, 100));
    expect(ends.source).toEqual({ x: 184, y: 32 });
    expect(ends.target).toEqual({ x: 400, y: 132 });
    expect(sidePoint(node(0, 0), 'top')).toEqual({ x: 92, y: 0 });
    expect(sidePoint(node(0, 0), 'bottom')).toEqual({ x: 92, y: 64 });
  });

  it('spreads lanes around the middle and keeps them off the corners', () => {
    expect([0, 1, 2].map((index) => laneOffset({ index, count: 3 }))).toEqual([
      -LANE_SPACING,
      0,
      LANE_SPACING,
    ]);
    expect(laneOffset({ index: 0, count: 1 })).toBe(0);
    // A 64 px tall side leaves 22 px either way of its middle (10 px from each corner).
    expect(sidePoint(node(0, 0), 'right', 500)).toEqual({ x: 184, y: 54 });
    expect(sidePoint(node(0, 0), 'left', -500)).toEqual({ x: 0, y: 10 });
  });

  it('keeps flows in opposite directions between two nodes apart', () => {
    const [there, back] = assignLanes([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    const a = node(0, 0);
    const b = node(400, 0);
    const forward = floatingEdgeEnds(a, b, there);
    const reverse = floatingEdgeEnds(b, a, back);
    // Both run between a's right side and b's left side, on different heights.
    expect(forward.source.x).toBe(reverse.target.x);
    expect(Math.abs(forward.source.y - reverse.target.y)).toBe(LANE_SPACING);
    expect(Math.abs(forward.target.y - reverse.source.y)).toBe(LANE_SPACING);
  });

  it('numbers lanes per pair of nodes, whatever the direction, in document order', () => {
    expect(
      assignLanes([
        ['a', 'b'],
        ['c', 'd'],
        ['b', 'a'],
        ['a', 'b'],
      ]),
    ).toEqual([
      { index: 0, count: 3 },
      { index: 0, count: 1 },
      { index: 1, count: 3 },
      { index: 2, count: 3 },
    ]);
  });
});
