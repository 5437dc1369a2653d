/**
 * Automatic layout with the real ELK engine (in-thread here; a worker in the app): boundaries as
 * compound nodes that never overlap, members inside them, the grid when ELK fails or the model is
 * too large.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  boundaryRect,
  layoutDefects,
  parseDocument,
  shippedLibrary,
  type ThreatModelDocument,
} from '../../src/core/index';
import { autoLayout, layoutIfNeeded, LAYERED_LAYOUT_LIMITS } from '../../src/ui/canvas/autoLayout';
import { unpositionedZonedModel } from '../../bench/layoutModel';

const failure = vi.hoisted(() => ({ layout: null as unknown }));
vi.mock('../../src/ui/canvas/runElk', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ui/canvas/runElk')>();
  return {
    elkEngine: async () => {
      const engine = await actual.elkEngine();
      return {
        layout: (graph: Parameters<typeof engine.layout>[0]) =>
          failure.layout ? Promise.reject(failure.layout as Error) : engine.layout(graph),
      };
    },
  };
});
afterEach(() => {
  failure.layout = null;
});

const layOut = async (doc: ThreatModelDocument) => {
  const notes: string[] = [];
  const laid = await autoLayout(doc, (note) => notes.push(note));
  return { laid, notes };
};

describe('automatic layout with ELK', () => {
  it('lays out 200 components in nested boundaries with nothing overlapping', async () => {
    const doc = unpositionedZonedModel(200, 400, 8);
    expect(layoutDefects(doc).length).toBeGreaterThan(0);
    const { laid, notes } = await layOut(doc);
    expect(notes).toEqual([]);
    expect(layoutDefects(laid, 1000)).toEqual([]);
    // Nested boundaries sit inside their parents, which grew around them.
    const rect = (id: string) => boundaryRect(laid.trustBoundaries.find((b) => b.id === id)!);
    const parent = rect('tb-1');
    const child = rect('tb-2');
    expect(child.x).toBeGreaterThan(parent.x);
    expect(child.x + child.width).toBeLessThan(parent.x + parent.width);
    // Same model, only geometry changed; the result is still a valid document.
    expect(laid.dataFlows).toBe(doc.dataFlows);
    expect(laid.components.map((c) => c.boundaryId)).toEqual(doc.components.map((c) => c.boundaryId));
    expect(
      parseDocument(JSON.parse(JSON.stringify(laid)), { catalogue: shippedLibrary().catalogue }).ok,
    ).toBe(true);
  });

  it('reads a chain left to right, and separates components that are not connected', async () => {
    const doc = unpositionedZonedModel(4, 3, 0);
    const { laid } = await layOut(doc);
    const x = laid.components.map((c) => c.position!.x);
    expect(x).toEqual([...x].sort((a, b) => a - b));
    expect(new Set(x).size).toBe(4);
  });

  it('leaves a model that has positions as it is', async () => {
    const { laid } = await layOut(unpositionedZonedModel(30, 40, 3));
    expect(await layoutIfNeeded(laid)).toBe(laid);
  });

  it('falls back to the grid when ELK fails, and says why', async () => {
    failure.layout = new Error('java.lang.IllegalStateException');
    const { laid, notes } = await layOut(unpositionedZonedModel(30, 40, 3));
    expect(notes).toEqual([
      'Laid out as a grid: the layered layout failed (java.lang.IllegalStateException).',
    ]);
    expect(layoutDefects(laid, 1000)).toEqual([]);
  });

  it('uses the grid above the limits, and says so', async () => {
    const { laid, notes } = await layOut(unpositionedZonedModel(50, LAYERED_LAYOUT_LIMITS.flows + 1, 2));
    expect(notes).toEqual([
      `Laid out as a grid: ${(LAYERED_LAYOUT_LIMITS.flows + 1).toLocaleString('en')} data flows is more than the layered layout handles (${LAYERED_LAYOUT_LIMITS.flows.toLocaleString('en')}).`,
    ]);
    expect(layoutDefects(laid, 1000)).toEqual([]);
  });
});
