import { describe, expect, it } from 'vitest';
import { boundaryRect, COMPONENT_SIZE, containsPoint } from '../../src/core/index';
import { autoLayout, LAYERED_LAYOUT_LIMITS } from '../../src/ui/canvas/autoLayout';
import { flowOrder, gridLayout } from '../../src/ui/canvas/gridLayout';
import { PARALLEL_FLOW_LIMIT } from '../../src/ui/canvas/edgeLayouts';
import { projectEdges } from '../../src/ui/canvas/projectDocument';
import { openingView } from '../../src/ui/canvas/useCanvasBridge';
import { manyFlowsModel, unpositionedChain } from '../../bench/largeInputs';

describe('large models on the canvas', () => {
  it('draws many parallel flows between two components as one edge that counts them', () => {
    const edges = projectEdges(manyFlowsModel(10_000), new Set(), []);
    expect(edges.map((e) => [e.id, e.source, e.target, e.data?.bundled])).toEqual([
      ['f-0', 'c-a', 'c-b', 5000],
      ['f-1', 'c-b', 'c-a', 5000],
    ]);
    expect(edges[0]!.ariaLabel).toBe('5,000 data flows App → API, drawn as one');
    // A few parallel flows are still drawn one by one.
    const few = projectEdges(manyFlowsModel(2 * PARALLEL_FLOW_LIMIT), new Set(['f-3']), []);
    expect(few).toHaveLength(2 * PARALLEL_FLOW_LIMIT);
    expect(few.every((e) => e.data?.bundled === undefined)).toBe(true);
    expect(few.find((e) => e.id === 'f-3')!.selected).toBe(true);
  });

  it('a 3,000-component chain is laid out as a grid in flow order, and says so', async () => {
    const notes: string[] = [];
    const doc = await autoLayout(unpositionedChain(3000), (note) => notes.push(note));
    expect(notes).toEqual([
      `Laid out as a grid: 3,000 components and boundaries is more than the layered layout handles (${LAYERED_LAYOUT_LIMITS.elements.toLocaleString('en')}).`,
    ]);
    const positions = doc.components.map((c) => c.position!);
    expect(new Set(positions.map((p) => `${p.x},${p.y}`)).size).toBe(3000);
    // Reading order: the chain runs left to right along each row.
    expect(positions[1]!.x).toBeGreaterThan(positions[0]!.x);
    expect(positions[1]!.y).toBe(positions[0]!.y);
    // Roughly square, not one 700,000-pixel line.
    const width = Math.max(...positions.map((p) => p.x));
    const height = Math.max(...positions.map((p) => p.y));
    expect(width / height).toBeLessThan(4);
  });

  it('the grid keeps members inside their boundaries, nested boundaries inside their parents', () => {
    const doc = unpositionedChain(30);
    doc.trustBoundaries.push(
      { id: 'outer', label: 'Outer', zone: 'internal' },
      { id: 'inner', label: 'Inner', zone: 'restricted', parentId: 'outer' },
      { id: 'empty', label: 'Empty', zone: 'dmz' },
    );
    doc.components.forEach((c, i) => {
      if (i % 3 === 1) c.boundaryId = 'outer';
      if (i % 3 === 2) c.boundaryId = 'inner';
    });
    const laid = gridLayout(doc);
    const rect = (id: string) => boundaryRect(laid.trustBoundaries.find((b) => b.id === id)!);
    for (const c of laid.components) {
      const centre = {
        x: c.position!.x + COMPONENT_SIZE.width / 2,
        y: c.position!.y + COMPONENT_SIZE.height / 2,
      };
      if (c.boundaryId) expect(containsPoint(rect(c.boundaryId), centre), c.id).toBe(true);
      else expect(containsPoint(rect('outer'), centre), c.id).toBe(false);
    }
    const inner = rect('inner');
    expect(containsPoint(rect('outer'), { x: inner.x + 1, y: inner.y + 1 })).toBe(true);
    expect(laid.trustBoundaries.find((b) => b.id === 'empty')!.size).toEqual({ width: 440, height: 280 });
  });

  it('orders a chain given backwards by its flows, and still places components in a cycle', () => {
    const doc = unpositionedChain(4);
    doc.components.reverse();
    doc.dataFlows.push({
      id: 'back',
      sourceId: 'c-3',
      targetId: 'c-0',
      label: '',
    } as (typeof doc.dataFlows)[0]);
    expect(flowOrder(doc).map((c) => c.id)).toEqual(['c-3', 'c-0', 'c-1', 'c-2']);
    expect(flowOrder(unpositionedChain(4)).map((c) => c.id)).toEqual(['c-0', 'c-1', 'c-2', 'c-3']);
  });

  it('a large model opens on its first components, a small one fitted whole', () => {
    expect(openingView(unpositionedChain(50))).toBeNull();
    expect(openingView(unpositionedChain(3000))?.map((n) => n.id)).toEqual(
      Array.from({ length: 100 }, (_, i) => `c-${i}`),
    );
  });
});
