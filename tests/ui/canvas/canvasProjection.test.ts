import { describe, expect, it } from 'vitest';
import { updateComponent, updateDataFlow, type ThreatModelDocument } from '../../../src/core';
import { advanceProjection, startProjection, type Projection } from '../../../src/ui/canvas/canvasProjection';
import { layoutEdges } from '../../../src/ui/canvas/edgeLayouts';
import {
  projectEdges,
  projectNodes,
  type CanvasNode,
  type FlowEdgeType,
} from '../../../src/ui/canvas/projectDocument';
import { boundary, component, flow, model } from '../../support/modelBuilders';

const at = (x: number, y: number) => ({ position: { x, y } });

function start(doc: ThreatModelDocument) {
  const projection = startProjection(doc, []);
  return {
    projection,
    nodes: projectNodes(doc, projection.selected, []),
    edges: projectEdges(doc, projection.selected, [], projection.layouts),
  };
}

type State = { projection: Projection; nodes: CanvasNode[]; edges: FlowEdgeType[] };
const advance = (s: State, doc: ThreatModelDocument, selection = s.projection.selection) =>
  advanceProjection(s.projection, doc, selection, s.nodes, s.edges);

/** What a projection from scratch gives: the incremental one must always equal it. */
const fromScratch = (doc: ThreatModelDocument, selection: readonly string[]) => ({
  nodes: projectNodes(doc, new Set(selection), []),
  edges: projectEdges(doc, new Set(selection), []),
});

const changed = <T>(before: readonly T[], after: readonly T[]) => after.filter((x, i) => x !== before[i]);

describe('the canvas advanced from the change', () => {
  const doc = model({
    trustBoundaries: [
      boundary('tb', 'internal', undefined, {
        label: 'Inside',
        ...at(-20, -20),
        size: { width: 900, height: 600 },
      }),
    ],
    components: [
      component('a', 'user', {}, undefined, at(0, 0)),
      component('b', 'llm-app', {}, 'tb', at(600, 0)),
      component('c', 'llm', {}, 'tb', at(600, 400)),
    ],
    dataFlows: [
      flow('a', 'b', {}, 'f1', { label: 'question' }),
      flow('b', 'a', {}, 'f2', { label: 'answer' }),
      flow('b', 'c', {}, 'f3', { label: 'prompt' }),
    ],
  });

  it('a selection change renews only the nodes and edges it selects or leaves', () => {
    const s0 = start(doc);
    const s1 = advance(s0, doc, ['b', 'f3']);
    expect(changed(s0.nodes, s1.nodes).map((n) => n.id)).toEqual(['b']);
    expect(changed(s0.edges, s1.edges).map((e) => e.id)).toEqual(['f3']);
    expect(s1.projection.layouts).toBe(s0.projection.layouts);
    const s2 = advance(s1, doc, ['c']);
    expect(changed(s1.nodes, s2.nodes).map((n) => n.id)).toEqual(['b', 'c']);
    expect(changed(s1.edges, s2.edges).map((e) => e.id)).toEqual(['f3']);
    expect(s2.nodes.find((n) => n.id === 'c')?.selected).toBe(true);
    expect(s2.edges.find((e) => e.id === 'f3')?.selected).toBe(false);
    expect({ nodes: s2.nodes, edges: s2.edges }).toEqual(fromScratch(doc, ['c']));
  });

  it('a flow property edit keeps every node and the layout, and renews that edge only', () => {
    const s0 = start(doc);
    const edited = updateDataFlow(doc, 'f2', { props: { encrypted: true } });
    const s1 = advance(s0, edited);
    expect(s1.nodes).toBe(s0.nodes);
    expect(changed(s0.edges, s1.edges).map((e) => e.id)).toEqual(['f2']);
    expect(s1.projection.layouts).toBe(s0.projection.layouts);
    expect({ nodes: s1.nodes, edges: s1.edges }).toEqual(fromScratch(edited, []));
  });

  it('a component property edit hands React Flow the very same node and edge lists', () => {
    const s0 = start(doc);
    const edited = updateComponent(doc, 'b', { props: { authenticated: true }, description: 'Gateway' });
    const s1 = advance(s0, edited);
    expect(s1.nodes).toBe(s0.nodes);
    expect(s1.edges).toBe(s0.edges);
    expect(s1.projection.layouts).toBe(s0.projection.layouts);
    expect({ nodes: s1.nodes, edges: s1.edges }).toEqual(fromScratch(edited, []));
  });

  it('a rename keeps the very node list (a node is named by its own text) and renews the edges naming it', () => {
    const s0 = start(doc);
    const renamed = updateComponent(doc, 'a', { label: 'Researchers' });
    const s1 = advance(s0, renamed);
    expect(s1.nodes).toBe(s0.nodes);
    expect(changed(s0.edges, s1.edges).map((e) => e.id)).toEqual(['f1', 'f2']);
    expect(s1.edges[0]!.ariaLabel).toContain('Researchers');
    expect(s1.projection.layouts).toBe(s0.projection.layouts);
    expect({ nodes: s1.nodes, edges: s1.edges }).toEqual(fromScratch(renamed, []));
  });

  it('a move places the labels again, renews the moved node only and keeps the very edge list', () => {
    const s0 = start(doc);
    const moved = updateComponent(doc, 'c', { position: { x: 40, y: 420 } });
    const s1 = advance(s0, moved);
    expect(changed(s0.nodes, s1.nodes).map((n) => n.id)).toEqual(['c']);
    expect(s1.edges).toBe(s0.edges);
    expect(s1.projection.layouts).not.toBe(s0.projection.layouts);
    expect({ nodes: s1.nodes, edges: s1.edges }).toEqual(fromScratch(moved, []));
  });

  it('a move that renames too (one change) renews the edges naming the renamed component only', () => {
    const s0 = start(doc);
    const both = updateComponent(doc, 'a', { position: { x: 40, y: 420 }, label: 'Researchers' });
    const s1 = advance(s0, both);
    expect(changed(s0.edges, s1.edges).map((e) => e.id)).toEqual(['f1', 'f2']);
    expect({ nodes: s1.nodes, edges: s1.edges }).toEqual(fromScratch(both, []));
  });

  it('a new flow lays the edges out again and keeps the nodes', () => {
    const s0 = start(doc);
    const connected = { ...doc, dataFlows: [...doc.dataFlows, flow('a', 'c', {}, 'f4')] };
    const s1 = advance(s0, connected);
    expect(s1.nodes).toBe(s0.nodes);
    expect(s1.edges.map((e) => e.id)).toEqual(['f1', 'f2', 'f3', 'f4']);
    expect(changed(s0.edges, s1.edges.slice(0, 3))).toEqual([]);
    expect({ nodes: s1.nodes, edges: s1.edges }).toEqual(fromScratch(connected, []));
  });

  it('keeps node objects React Flow changed locally (measured sizes, drag positions) when nothing of theirs changed', () => {
    const s0 = start(doc);
    const local = s0.nodes.map((n) => (n.id === 'a' ? { ...n, measured: { width: 184, height: 64 } } : n));
    const s1 = advanceProjection(s0.projection, doc, ['c'], local, s0.edges);
    expect(s1.nodes[local.findIndex((n) => n.id === 'a')]).toBe(local.find((n) => n.id === 'a'));
  });

  it('component nodes carry their size and connection points, so off-screen ones need no mounting', () => {
    const node = start(doc).nodes.find((n) => n.id === 'a')!;
    expect(node.measured).toEqual({ width: 184, height: 64 });
    expect(node.handles?.map((h) => h.position)).toEqual(['top', 'right', 'bottom', 'left']);
  });

  it('over random moves, places the labels as from scratch, and keeps the very edge list (spots are beside it)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const names = ['', 'q', 'answers', 'retrieved passages', 'prompts and tool calls of the agent'];
    let current = model({
      components: ids.map((id, i) =>
        component(id, 'llm-app', {}, undefined, at((i % 8) * 230, Math.floor(i / 8) * 130)),
      ),
      dataFlows: Array.from({ length: 90 }, (_, i) => {
        const s = Math.floor(next() * ids.length);
        const t = (s + (next() < 0.7 ? 1 : 1 + Math.floor(next() * (ids.length - 1)))) % ids.length;
        return flow(ids[s]!, ids[t]!, {}, `f${i}`, { label: names[i % names.length]! });
      }),
    });
    let state: State = start(current);
    let kept = 0;
    let respotted = 0;
    for (let move = 0; move < 80; move++) {
      const id = ids[Math.floor(next() * ids.length)]!;
      const c = current.components.find((x) => x.id === id)!;
      const far = next() < 0.3;
      current = updateComponent(current, id, {
        position: {
          x: c.position!.x + Math.round((next() - 0.5) * (far ? 1600 : 100)),
          y: c.position!.y + Math.round((next() - 0.5) * (far ? 900 : 60)),
        },
      });
      const after = advance(state, current);
      expect(after.projection.layouts.slots).toEqual(layoutEdges(current).slots);
      expect({ nodes: after.nodes, edges: after.edges }).toEqual(fromScratch(current, []));
      if (after.edges === state.edges) kept++;
      if (after.projection.layouts.slots.some((slot, i) => slot !== state.projection.layouts.slots[i]))
        respotted++;
      state = after;
    }
    // Moves that placed labels elsewhere still hand React Flow the very same edges.
    expect(respotted).toBeGreaterThan(0);
    expect(kept).toBe(80);
  });
});
