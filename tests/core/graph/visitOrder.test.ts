import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraphIndex, type GraphIndex } from '../../../src/core/graph/graphIndex';
import { visitOrder } from '../../../src/core/graph/visitOrder';
import type { ThreatModelDocument } from '../../../src/core/index';

/** A graph of `size` components c0.. and the given flows (source, target) between them. */
function graph(size: number, flows: readonly (readonly [number, number])[]): GraphIndex {
  const doc = {
    components: Array.from({ length: size }, (_, i) => ({ id: `c${i}` })),
    dataFlows: flows.map(([s, t], k) => ({ id: `f${k}`, sourceId: `c${s}`, targetId: `c${t}` })),
  } as unknown as ThreatModelDocument;
  return buildGraphIndex(doc);
}

/** Whether `to` can be reached from `from` along the flows (a component reaches itself). */
function reaches(g: GraphIndex, from: number, to: number): boolean {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const u = queue.shift()!;
    if (u === to) return true;
    for (let e = g.outStart[u]!; e < g.outStart[u + 1]!; e++)
      if (!seen.has(g.outTarget[e]!)) {
        seen.add(g.outTarget[e]!);
        queue.push(g.outTarget[e]!);
      }
  }
  return false;
}

const graphs = fc
  .integer({ min: 1, max: 30 })
  .chain((size) =>
    fc.tuple(
      fc.constant(size),
      fc.array(fc.tuple(fc.nat(size - 1), fc.nat(size - 1)), { maxLength: size * 3 }),
    ),
  );

describe('visitOrder', () => {
  it('lists every component once, each after those that can hand it something unless they share a cycle', () => {
    fc.assert(
      fc.property(graphs, ([size, flows]) => {
        const g = graph(size, flows);
        for (const direction of ['forward', 'backward'] as const) {
          const order = [...visitOrder(g, direction)];
          expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
          const position = new Map(order.map((c, n) => [c, n]));
          for (const [s, t] of flows) {
            // Forward, labels go from s to t: s first; backward, from t to s: t first.
            const [giver, taker] = direction === 'forward' ? [s, t] : [t, s];
            const sameCycle = reaches(g, t, s);
            if (!sameCycle) expect(position.get(giver)!).toBeLessThan(position.get(taker)!);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the members of a cycle together', () => {
    // c0 → c1 → c2 → c1 (a cycle of c1 and c2) → c3, and c4 → c0.
    const g = graph(5, [
      [0, 1],
      [1, 2],
      [2, 1],
      [2, 3],
      [4, 0],
    ]);
    const order = [...visitOrder(g, 'forward')];
    expect(order[0]).toBe(4);
    expect(order[1]).toBe(0);
    expect(new Set(order.slice(2, 4))).toEqual(new Set([1, 2]));
    expect(order[4]).toBe(3);
  });

  it('follows a chain of 100,000 components without recursion', () => {
    const size = 100_000;
    const flows = Array.from({ length: size - 1 }, (_, i) => [size - 1 - i, size - 2 - i] as const);
    const order = visitOrder(graph(size, flows), 'forward');
    expect(order[0]).toBe(size - 1);
    expect(order[size - 1]).toBe(0);
  });
});
