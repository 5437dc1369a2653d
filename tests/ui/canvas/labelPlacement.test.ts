import { describe, expect, it } from 'vitest';
import { floatingEdgeEnds, type Rect } from '../../../src/ui/canvas/edgeGeometry';
import {
  LABEL_CHARS,
  labelCandidates,
  labelText,
  labelWidth,
  placeAllLabels,
  placeLabels,
  placeLabelsAgain,
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

describe('placing labels again after a move', () => {
  /** A deterministic pseudo-random sequence (a test needs the same moves every run). */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  /** Components crowded on a grid, flows between near and far ones, labels of several lengths. */
  function scene(next: () => number, components: number, flows: number) {
    const rects = Array.from({ length: components }, (_, i) =>
      node((i % 10) * 230, Math.floor(i / 10) * 130),
    );
    const pairs = Array.from({ length: flows }, () => {
      const s = Math.floor(next() * components);
      const near = s + (next() < 0.7 ? 1 : Math.floor(next() * components));
      return [s, near % components === s ? (s + 1) % components : near % components] as const;
    });
    const names = ['', 'q', 'answers', 'retrieved passages', 'prompts and tool calls of the agent'];
    const widths = pairs.map((_, i) => labelWidth(labelText(names[i % names.length]!)));
    const labelsOf = (at: Rect[]) =>
      pairs.map(([s, t], i) => ({ ends: floatingEdgeEnds(at[s]!, at[t]!), width: widths[i]! }));
    return { rects, labelsOf };
  }

  it('gives exactly what placing all gives, over random moves of one or a few components', () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const { rects, labelsOf } = scene(next, 60, 140);
      let at = rects;
      let placement = placeAllLabels(labelsOf(at), at);
      let changedSomeSlot = false;
      for (let move = 0; move < 150; move++) {
        at = [...at];
        const count = next() < 0.8 ? 1 : 1 + Math.floor(next() * 4);
        for (let k = 0; k < count; k++) {
          const i = Math.floor(next() * at.length);
          // Small nudges (as a drag ends) and long jumps across the grid.
          const far = next() < 0.3;
          const dx = Math.round((next() - 0.5) * (far ? 2000 : 120));
          const dy = Math.round((next() - 0.5) * (far ? 1200 : 80));
          at[i] = { ...at[i]!, x: at[i]!.x + dx, y: at[i]!.y + dy };
        }
        const labels = labelsOf(at);
        const again = placeLabelsAgain(placement, labels, at);
        const all = placeLabels(labels, at);
        expect(again.slots).toEqual(all);
        if (again.slots.some((s, i) => s !== placement.slots[i])) changedSomeSlot = true;
        placement = again;
      }
      // The moves did change where labels go, so the comparison was not of two unchanged lists.
      expect(changedSomeSlot).toBe(true);
    }
  });

  it('places all again when labels or components were added or removed, or from a spent placement', () => {
    const { rects, labelsOf } = scene(random(9), 20, 40);
    const first = placeAllLabels(labelsOf(rects), rects);
    const fewer = rects.slice(0, 19);
    const labels = labelsOf(rects).filter((_, i) => i % 2 === 0);
    expect(placeLabelsAgain(first, labels, fewer).slots).toEqual(placeLabels(labels, fewer));
    const moved = rects.map((r, i) => (i === 3 ? { ...r, x: r.x + 400 } : r));
    const movedMore = rects.map((r, i) => (i === 3 ? { ...r, x: r.x - 300, y: r.y + 90 } : r));
    expect(placeLabelsAgain(first, labelsOf(moved), moved).slots).toEqual(
      placeLabels(labelsOf(moved), moved),
    );
    // `first` is spent now (its grid went to the placement above): from it again, all are placed.
    expect(placeLabelsAgain(first, labelsOf(movedMore), movedMore).slots).toEqual(
      placeLabels(labelsOf(movedMore), movedMore),
    );
  });
});
