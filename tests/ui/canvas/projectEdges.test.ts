import { describe, expect, it } from 'vitest';
import { projectEdges } from '../../../src/ui/canvas/projectDocument';
import { component, flow, model } from '../../support/modelBuilders';

const at = (x: number, y: number) => ({ position: { x, y } });

describe('flow edges projected from the document', () => {
  const doc = model({
    components: [
      component('a', 'user', {}, undefined, at(0, 0)),
      component('b', 'llm-app', {}, undefined, at(600, 0)),
      component('c', 'llm', {}, undefined, at(600, 400)),
    ],
    dataFlows: [
      flow('a', 'b', {}, 'f1', { label: 'question' }),
      flow('b', 'a', {}, 'f2', { label: 'answer' }),
      flow('b', 'c', {}, 'f3', { label: 'prompt' }),
    ],
  });

  it('gives flows between the same two components lanes of their own, in either direction', () => {
    const edges = projectEdges(doc, new Set(), []);
    expect(edges.map((e) => [e.id, e.data?.lane])).toEqual([
      ['f1', { index: 0, count: 2 }],
      ['f2', { index: 1, count: 2 }],
      ['f3', { index: 0, count: 1 }],
    ]);
  });

  it('places every label of a roomy diagram, and the two labels between a and b apart', () => {
    const edges = projectEdges(doc, new Set(), []);
    expect(edges.every((e) => e.data?.labelSlot !== null)).toBe(true);
    // Both lanes' middle points are 16 px apart, closer than a label is tall: one moves.
    expect(edges[0]!.data?.labelSlot).not.toBe(edges[1]!.data?.labelSlot);
  });

  it('draws arrowheads in the edge colour, and in the accent colour when selected', () => {
    const [plain, picked] = projectEdges(doc, new Set(['f2']), []);
    expect(plain!.markerEnd).toMatchObject({ type: 'arrowclosed', color: 'var(--edge)' });
    expect(picked!.markerEnd).toMatchObject({ type: 'arrowclosed', color: 'var(--accent)' });
  });

  it('reuses an unchanged edge and rebuilds one whose label spot moved', () => {
    const first = projectEdges(doc, new Set(), []);
    expect(projectEdges(doc, new Set(), first)).toEqual(first);
    expect(projectEdges(doc, new Set(), first)[2]).toBe(first[2]);
    // Moving c right next to b leaves no room for b → c's label: it waits for hover.
    const crowded = {
      ...doc,
      components: doc.components.map((c) => (c.id === 'c' ? { ...c, ...at(600, 84) } : c)),
    };
    const next = projectEdges(crowded, new Set(), first);
    expect(next[2]!.data?.labelSlot).toBeNull();
    expect(next[0]).toBe(first[0]);
  });
});
