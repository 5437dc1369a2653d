import { describe, expect, it } from 'vitest';
import { floatingEdgeEnds, type Rect } from '../../../src/ui/canvas/edgeGeometry';
import {
  LABEL_CHARS,
  labelCandidates,
  labelText,
  labelWidth,
  placeLabels,
} from '../../../src/ui/canvas/labelPlacement';

const node = (x: number, y: number): Rect => ({ x, y, width: 184, height: 64 });

describe('flow label placement', () => {
  it('cuts long labels with an ellipsis unless shown in full', () => {
    const long = 'retrieved passages and their source metadata';
    expect(labelText(long)).toHaveLength(LABEL_CHARS);
    expect(labelText(long).endsWith('…')).toBe(true);
    expect(labelText(long, true)).toBe(long);
    expect(labelText('question')).toBe('question');
    expect(labelWidth('')).toBe(0);
  });

  it('starts at the middle of the route, then tries its legs', () => {
    const ends = floatingEdgeEnds(node(0, 0), node(400, 200));
    const [middle, first, last] = labelCandidates(ends);
    // Right side (184, 32) to left side (400, 232): the middle leg is vertical at x = 292.
    expect(middle).toEqual({ x: 292, y: 132 });
    expect(first).toEqual({ x: 238, y: 32 });
    expect(last).toEqual({ x: 346, y: 232 });
  });

  it('moves a label that would print over another to a free spot on its own route', () => {
    const a = node(0, 0);
    const b = node(600, 0);
    const c = node(600, 20);
    // Two flows from a with the same middle point: the second label must go elsewhere.
    const first = { ends: floatingEdgeEnds(a, b), width: labelWidth('first flow') };
    const second = { ends: floatingEdgeEnds(a, c), width: labelWidth('second flow') };
    const [s1, s2] = placeLabels([first, second], [a, b, c]);
    expect(s1).toBe(0);
    expect(s2).not.toBe(0);
    expect(s2).not.toBeNull();
  });

  it('hides a label that fits nowhere (a gap narrower than the label), and never over a node', () => {
    const a = node(0, 0);
    const b = node(224, 0); // 40 px apart
    const label = { ends: floatingEdgeEnds(a, b), width: labelWidth('a label wider than the gap') };
    expect(placeLabels([label], [a, b])).toEqual([null]);
    const wide = node(600, 0);
    expect(placeLabels([{ ends: floatingEdgeEnds(a, wide), width: labelWidth('fits') }], [a, wide])).toEqual([
      0,
    ]);
  });

  it('gives an empty label its first spot without taking space', () => {
    const a = node(0, 0);
    const b = node(600, 0);
    const [empty, named] = placeLabels(
      [
        { ends: floatingEdgeEnds(a, b), width: 0 },
        { ends: floatingEdgeEnds(a, b), width: labelWidth('named') },
      ],
      [a, b],
    );
    expect([empty, named]).toEqual([0, 0]);
  });
});
