// @vitest-environment jsdom
import * as dagre from '@dagrejs/dagre';
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
  type ThreatModelDocument,
} from '../../src/core/index';
import { layoutWith, needsLayout } from '../../src/ui/canvas/autoLayout';
import { commitMoves } from '../../src/ui/canvas/commitMoves';
import { projectEdges, projectNodes } from '../../src/ui/canvas/projectDocument';
import { apiModel } from './helpers/builders';

function nested(): ThreatModelDocument {
  let doc = createEmptyDocument('Nested');
  doc = addTrustBoundary(doc, { id: 'outer', label: 'Outer', zone: 'internal' });
  doc = addTrustBoundary(doc, { id: 'inner', label: 'Inner', zone: 'restricted', parentId: 'outer' });
  doc = addTrustBoundary(doc, { id: 'empty', label: 'Empty', zone: 'dmz' });
  doc = addComponent(doc, { id: 'u', type: 'user', label: 'User' });
  doc = addComponent(doc, { id: 'a', type: 'llm-app', label: 'App', boundaryId: 'outer' });
  doc = addComponent(doc, { id: 'm', type: 'llm', label: 'Model', boundaryId: 'inner' });
  doc = addDataFlow(doc, { id: 'f1', sourceId: 'u', targetId: 'a', label: '' });
  doc = addDataFlow(doc, { id: 'f2', sourceId: 'a', targetId: 'm', label: '' });
  return doc;
}

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
  it('positions every element and keeps members inside their nested boundaries', () => {
    const doc = nested();
    expect(needsLayout(doc)).toBe(true);
    const laid = layoutWith(dagre, doc);
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
    const edges = projectEdges(doc, new Set(), []);
    expect(projectEdges(changed, new Set(), edges)[0]).toBe(edges[0]);
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
