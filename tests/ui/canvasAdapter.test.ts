// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  addComponent,
  addDataFlow,
  addTrustBoundary,
  boundarySize,
  COMPONENT_SIZE,
  createEmptyDocument,
  freeSpot,
  positionOf,
  updateComponent,
  updateDataFlow,
  type ThreatModelDocument,
} from '../../src/core/index';
import { autoLayout, needsLayout } from '../../src/ui/canvas/autoLayout';
import { commitMoves } from '../../src/ui/canvas/commitMoves';
import { projectEdges, projectNodes } from '../../src/ui/canvas/projectDocument';
import { apiModel, boundary, component, flow, model } from '../support/modelBuilders';

/** Nested boundaries with members at each level and no positions yet: what auto layout is for. */
const nested = (): ThreatModelDocument =>
  model({
    title: 'Nested',
    trustBoundaries: [
      boundary('outer', 'internal'),
      boundary('inner', 'restricted', 'outer'),
      boundary('empty', 'dmz'),
    ],
    components: [
      component('u', 'user'),
      component('a', 'llm-app', {}, 'outer'),
      component('m', 'llm', {}, 'inner'),
    ],
    dataFlows: [flow('u', 'a', {}, 'f1'), flow('a', 'm', {}, 'f2')],
  });

const rectOf = (doc: ThreatModelDocument, id: string) => {
  const b = doc.trustBoundaries.find((x) => x.id === id)!;
  return { ...positionOf(b), ...boundarySize(b) };
};
const inside = (
  outer: { x: number; y: number; width: number; height: number },
  inner: { x: number; y: number; width: number; height: number },
) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

describe('auto layout', () => {
  it('positions every element and keeps members inside their nested boundaries', async () => {
    const doc = nested();
    expect(needsLayout(doc)).toBe(true);
    const laid = await autoLayout(doc, (note) => expect.fail(note));
    expect(needsLayout(laid)).toBe(false);
    for (const c of laid.components) {
      if (!c.boundaryId) continue;
      expect(inside(rectOf(laid, c.boundaryId), { ...positionOf(c), ...COMPONENT_SIZE })).toBe(true);
    }
    expect(inside(rectOf(laid, 'outer'), rectOf(laid, 'inner'))).toBe(true);
    const u = laid.components[0]!.position!;
    const a = laid.components[1]!.position!;
    expect(a.x).toBeGreaterThan(u.x);
  });
});

describe('commitMoves', () => {
  it('dropping a component into a boundary sets its boundaryId; dragging it out clears it', () => {
    const doc = apiModel();
    const into = commitMoves(doc, [{ id: 'c-user', position: { x: 400, y: 150 } }]);
    expect(into.components[0]).toMatchObject({ boundaryId: 'tb-cloud', position: { x: 400, y: 150 } });
    const out = commitMoves(into, [{ id: 'c-user', position: { x: -300, y: 150 } }]);
    expect(out.components[0]!.boundaryId).toBeUndefined();
  });

  it('moving a boundary carries its members along and keeps them inside', () => {
    const doc = apiModel();
    const moved = commitMoves(doc, [{ id: 'tb-cloud', position: { x: 310, y: 20 } }]);
    expect(moved.trustBoundaries[0]!.position).toEqual({ x: 310, y: 20 });
    expect(moved.components[1]).toMatchObject({ boundaryId: 'tb-cloud', position: { x: 360, y: 120 } });
    expect(moved.components[0]!.position).toEqual({ x: 0, y: 100 });
  });

  it('a boundary dropped wholly inside a larger one nests there', () => {
    let doc = addTrustBoundary(apiModel(), {
      id: 'tb-small',
      label: 'Small',
      zone: 'restricted',
      position: { x: 900, y: 0 },
      size: { width: 100, height: 80 },
    });
    doc = commitMoves(doc, [{ id: 'tb-small', position: { x: 500, y: 150 } }]);
    expect(doc.trustBoundaries[1]!.parentId).toBe('tb-cloud');
    doc = commitMoves(doc, [{ id: 'tb-cloud', position: { x: 520, y: 160 } }]);
    expect(doc.trustBoundaries[0]!.parentId).toBeUndefined();
  });
});

describe('projecting the document onto the canvas', () => {
  it('reuses node objects for unchanged elements and positions members relative to their boundary', () => {
    const doc = apiModel();
    const first = projectNodes(doc, new Set(), []);
    expect(first.map((n) => n.id)).toEqual(['tb-cloud', 'c-user', 'c-api']);
    expect(first[2]).toMatchObject({
      parentId: 'tb-cloud',
      position: { x: 50, y: 100 },
      data: { id: 'c-api' },
    });
    const measured = { ...first[1]!, measured: { width: 184, height: 64 } };
    const changed = updateComponent(doc, 'c-api', { label: 'Gateway' });
    const second = projectNodes(changed, new Set(['c-user']), [first[0]!, measured, first[2]!]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(measured);
    expect(second[1]).toMatchObject({ selected: true, measured: { width: 184, height: 64 } });
    expect(second[2]).not.toBe(first[2]);
    // The flow is named after its ends for screen readers: renaming an end relabels its edge.
    const edges = projectEdges(doc, new Set(), []);
    const relabelledEdges = projectEdges(changed, new Set(), edges);
    expect(relabelledEdges[0]).not.toBe(edges[0]);
    expect(relabelledEdges[0]).toMatchObject({ ariaLabel: 'Data flow Customer → Gateway: questions' });
  });

  it('an unchanged document and selection give back the very same node and edge objects', () => {
    const doc = apiModel();
    const nodes = projectNodes(doc, new Set(['c-api']), []);
    const edges = projectEdges(doc, new Set(['c-api']), []);
    const again = projectNodes(doc, new Set(['c-api']), nodes);
    expect(again).toHaveLength(3);
    again.forEach((node, i) => expect(node, node.id).toBe(nodes[i]));
    const edgesAgain = projectEdges(doc, new Set(['c-api']), edges);
    edgesAgain.forEach((edge, i) => expect(edge, edge.id).toBe(edges[i]));
  });

  it('editing one component rebuilds only its node: the other components keep their objects', () => {
    let doc = apiModel();
    doc = addComponent(doc, { id: 'c-llm', type: 'llm', label: 'Model', position: { x: 0, y: 400 } });
    doc = addDataFlow(doc, { id: 'f-2', sourceId: 'c-api', targetId: 'c-llm', label: 'prompts' });
    const first = projectNodes(doc, new Set(), []);
    const byId = (nodes: readonly { id: string }[], id: string) => nodes.find((n) => n.id === id)!;

    const relabelled = updateComponent(doc, 'c-user', { label: 'Visitor' });
    const second = projectNodes(relabelled, new Set(), first);
    expect(second.map((n) => n.id)).toEqual(first.map((n) => n.id));
    expect(byId(second, 'c-user')).not.toBe(byId(first, 'c-user'));
    expect(byId(second, 'c-user')).toMatchObject({
      domAttributes: { 'aria-labelledby': 'component-name-c-user' },
    });
    // The invariant the canvas's speed rests on: React Flow skips nodes whose object is the same.
    expect(byId(second, 'c-api')).toBe(byId(first, 'c-api'));
    expect(byId(second, 'c-llm')).toBe(byId(first, 'c-llm'));
    expect(byId(second, 'tb-cloud')).toBe(byId(first, 'tb-cloud'));

    // Selecting a component rebuilds it (its `selected` changed) and nothing else.
    const third = projectNodes(relabelled, new Set(['c-llm']), second);
    expect(byId(third, 'c-llm')).not.toBe(byId(second, 'c-llm'));
    expect(byId(third, 'c-llm')).toMatchObject({ selected: true });
    expect(byId(third, 'c-user')).toBe(byId(second, 'c-user'));
    expect(byId(third, 'c-api')).toBe(byId(second, 'c-api'));

    // Moving a component rebuilds it at its new place; the others stay.
    const moved = updateComponent(relabelled, 'c-llm', { position: { x: 40, y: 440 } });
    const fourth = projectNodes(moved, new Set(['c-llm']), third);
    expect(byId(fourth, 'c-llm')).toMatchObject({ position: { x: 40, y: 440 } });
    expect(byId(fourth, 'c-user')).toBe(byId(third, 'c-user'));
    expect(byId(fourth, 'c-api')).toBe(byId(third, 'c-api'));
  });

  it('editing one data flow rebuilds only its edge; a component edit only the edges it names', () => {
    let doc = apiModel();
    doc = addComponent(doc, { id: 'c-llm', type: 'llm', label: 'Model', position: { x: 0, y: 400 } });
    doc = addDataFlow(doc, { id: 'f-2', sourceId: 'c-api', targetId: 'c-llm', label: 'prompts' });
    const first = projectEdges(doc, new Set(), []);
    expect(first.map((e) => e.id)).toEqual(['f-1', 'f-2']);

    const relabelled = projectEdges(updateComponent(doc, 'c-llm', { label: 'LLM' }), new Set(), first);
    expect(relabelled[0]).toBe(first[0]);
    expect(relabelled[1]).not.toBe(first[1]);
    expect(relabelled[1]).toMatchObject({ ariaLabel: 'Data flow Chat API → LLM: prompts' });
    const moved = projectEdges(updateComponent(doc, 'c-llm', { position: { x: 9, y: 9 } }), new Set(), first);
    expect(moved[0]).toBe(first[0]);
    expect(moved[1]).toBe(first[1]);

    const encrypted = updateDataFlow(doc, 'f-2', { props: { encrypted: true } });
    const second = projectEdges(encrypted, new Set(), first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);

    const selected = projectEdges(encrypted, new Set(['f-1']), second);
    expect(selected[0]).not.toBe(second[0]);
    expect(selected[0]).toMatchObject({ selected: true });
    expect(selected[1]).toBe(second[1]);
  });

  it('places new components next to existing ones rather than on top', () => {
    const doc = addComponent(createEmptyDocument(), {
      id: 'x',
      type: 'llm',
      label: 'x',
      position: { x: 0, y: 0 },
    });
    const spot = freeSpot(doc, { x: 0, y: 0 });
    expect(spot.x).toBeGreaterThanOrEqual(COMPONENT_SIZE.width);
    expect(spot.y).toBe(0);
  });
});
