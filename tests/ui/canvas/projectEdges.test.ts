import { describe, expect, it } from 'vitest';
import { flowMarkerEnd } from '../../../src/ui/canvas/FlowMarkers';
import { layoutEdges } from '../../../src/ui/canvas/edgeLayouts';
import { projectEdges, reselect } from '../../../src/ui/canvas/projectDocument';
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
    const { slots } = layoutEdges(doc);
    expect(slots.every((slot) => slot !== null)).toBe(true);
    // Both lanes' middle points are 16 px apart, closer than a label is tall: one moves.
    expect(slots[0]).not.toBe(slots[1]);
  });

  it('hands React Flow no marker per edge: FlowEdge points at the canvas arrowheads, accent when selected', () => {
    const [plain, picked] = projectEdges(doc, new Set(['f2']), []);
    expect(plain!.markerEnd).toBeUndefined();
    expect(picked!.markerEnd).toBeUndefined();
    expect(flowMarkerEnd(false)).not.toBe(flowMarkerEnd(true));
    expect(flowMarkerEnd(true)).toMatch(/^url\('#[\w-]+'\)$/);
  });

  it('keeps the very same edge list when a selection changes only nodes', () => {
    const edges = projectEdges(doc, new Set(), []);
    expect(reselect(edges, new Set(), new Set(['a']))).toBe(edges);
    const picked = reselect(edges, new Set(['a']), new Set(['f2']));
    expect(picked).not.toBe(edges);
    expect(picked.filter((e, i) => e !== edges[i]).map((e) => e.id)).toEqual(['f2']);
  });

  it('reuses every edge when only a label spot moved (the spots are beside the edges: labelSlots.ts)', () => {
    const first = projectEdges(doc, new Set(), []);
    expect(projectEdges(doc, new Set(), first)).toEqual(first);
    expect(projectEdges(doc, new Set(), first)[2]).toBe(first[2]);
    // Moving c right next to b leaves no room for b → c's label: it waits for hover.
    const crowded = {
      ...doc,
      components: doc.components.map((c) => (c.id === 'c' ? { ...c, ...at(600, 84) } : c)),
    };
    expect(layoutEdges(crowded).slots[2]).toBeNull();
    expect(projectEdges(crowded, new Set(), first)).toBe(first);
  });
});
