/**
 * The document as an ELK graph and ELK's result back into the document: pure translation, tested
 * on hand-written ELK results (the real engine runs in tests/ui/autoLayout.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  applyLayout,
  COMPONENT_SIZE,
  DEFAULT_BOUNDARY_SIZE,
  layoutDefects,
  readElkLayout,
  toElkGraph,
  type ElkNodeShape,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';
import { drawnBoundary, placedComponent } from './support';

const nested = (): ThreatModelDocument =>
  model({
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
    dataFlows: [
      flow('u', 'a', {}, 'f1'),
      flow('a', 'm', {}, 'f2'),
      flow('m', 'a', {}, 'f3'),
      flow('u', 'a', {}, 'f4'),
      flow('u', 'u', {}, 'loop'),
    ],
  });

const ids = (node: ElkNodeShape): unknown =>
  node.children ? { [node.id]: node.children.map(ids) } : node.id;

describe('toElkGraph', () => {
  it('nests components and boundaries as the document records them; empty boundaries keep their size', () => {
    const graph = toElkGraph(nested());
    expect(graph.children!.map(ids)).toEqual([{ outer: [{ inner: ['m'] }, 'a'] }, 'empty', 'u']);
    expect(graph.layoutOptions).toMatchObject({ 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' });
    const outer = graph.children![0]!;
    expect(outer.width).toBeUndefined();
    expect(outer.layoutOptions!['elk.padding']).toBe('[top=48,left=32,bottom=32,right=32]');
    expect(graph.children![1]).toEqual({ id: 'empty', ...DEFAULT_BOUNDARY_SIZE });
    expect(outer.children![1]).toEqual({ id: 'a', ...COMPONENT_SIZE });
  });

  it('gives one edge per connected pair, at the root, with no self loops', () => {
    expect(toElkGraph(nested()).edges).toEqual([
      { id: 'f1', sources: ['u'], targets: ['a'] },
      { id: 'f2', sources: ['a'], targets: ['m'] },
    ]);
  });

  it('puts elements of a missing boundary, and boundaries in a parent cycle, at the top level', () => {
    const doc = model({
      trustBoundaries: [
        boundary('x', 'internal', 'y'),
        boundary('y', 'internal', 'x'),
        boundary('z', 'dmz', 'gone'),
      ],
      components: [component('c', 'llm', {}, 'nowhere')],
    });
    expect(toElkGraph(doc).children!.map(ids)).toEqual(['x', 'y', 'z', 'c']);
  });
});

describe('readElkLayout and applyLayout', () => {
  /** What ELK returns for nested(): coordinates relative to each parent. */
  const result: ElkNodeShape = {
    id: '__root',
    children: [
      {
        id: 'outer',
        x: 300,
        y: 40,
        width: 600,
        height: 400,
        children: [
          { id: 'inner', x: 260, y: 60.4, width: 300, height: 200, children: [{ id: 'm', x: 40, y: 60 }] },
          { id: 'a', x: 32, y: 48 },
        ],
      },
      { id: 'empty', x: 32, y: 500, width: 440, height: 280 },
      { id: 'u', x: 32.6, y: 40 },
    ],
  };

  it('turns relative coordinates into absolute ones and sizes boundaries, in one new document', () => {
    const doc = nested();
    const laid = applyLayout(doc, readElkLayout(doc, result));
    const at = (id: string) => [...laid.components, ...laid.trustBoundaries].find((e) => e.id === id);
    expect(at('u')!.position).toEqual({ x: 33, y: 40 });
    expect(at('a')!.position).toEqual({ x: 332, y: 88 });
    expect(at('inner')).toMatchObject({ position: { x: 560, y: 100 }, size: { width: 300, height: 200 } });
    expect(at('m')!.position).toEqual({ x: 600, y: 160 });
    expect(at('outer')).toMatchObject({ position: { x: 300, y: 40 }, size: { width: 600, height: 400 } });
    // Everything else is the document as it was.
    expect(laid.dataFlows).toBe(doc.dataFlows);
    expect(doc.components[0]!.position).toBeUndefined();
    expect(layoutDefects(laid)).toEqual([]);
  });

  it('refuses a result that leaves an element out, naming it', () => {
    const doc = nested();
    const partial = { ...result, children: result.children!.slice(0, 2) };
    expect(() => readElkLayout(doc, partial)).toThrow('the layout returned no position for "u"');
  });
});

describe('layoutDefects', () => {
  it('finds overlapping siblings, members outside their boundary and members in its header', () => {
    const doc = model({
      trustBoundaries: [drawnBoundary('a', 0, 0, { width: 400, height: 300 }), drawnBoundary('b', 350, 0)],
      components: [
        placedComponent('in-header', 20, 10, 'a'),
        placedComponent('outside', 600, 600, 'a'),
        placedComponent('top', 900, 900),
        placedComponent('on-top', 950, 920),
      ],
    });
    expect(layoutDefects(doc)).toEqual([
      '"a" overlaps "b"',
      '"top" overlaps "on-top"',
      '"in-header" is not inside boundary "a"',
      '"outside" is not inside boundary "a"',
    ]);
    expect(layoutDefects(doc, 1)).toEqual(['"a" overlaps "b"']);
  });

  it('says which elements have no position', () => {
    expect(layoutDefects(nested())).toContain('component "u" has no position');
  });
});
