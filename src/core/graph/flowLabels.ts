import type { GraphIndex } from './graphIndex';
import { lazyFlowLabels, type FlowLabelOptions, type FlowLabels } from './flowLabelSets';
import { visitOrder } from './visitOrder';

/** Marks what no search has reached; a label delivered by a seeding flow from s is stored as -2 - s. */
const UNREACHED = -1;

export function propagateFlowLabels(graph: GraphIndex, options: FlowLabelOptions): FlowLabels {
  return propagateFlowLabelGroups(graph, [options])[0]!;
}

/**
 * Several flow-label propagations in one search: each group's labels take the next bits of one
 * word, and a flow carries (a component passes on) exactly the groups whose options say so. The
 * labels that reach a component are a closure, the same whatever order it is built in, so one
 * worklist replaces a search per label and per group. The paths shown are those of the per-label
 * search of each group on its own (`flowLabelPredecessors`), searched for when first read.
 */
export function propagateFlowLabelGroups<const G extends readonly FlowLabelOptions[]>(
  graph: GraphIndex,
  groups: G,
): { [K in keyof G]: FlowLabels } {
  const total = groups.reduce((sum, g) => sum + g.labelCount, 0);
  const reached = groups.map((g) => new Uint8Array(graph.size * g.labelCount));
  if (total <= 32) searchFlowLabelBits(graph, groups, reached);
  else groups.forEach((g, k) => searchFlowLabels(graph, g, reached[k]!, null));
  return groups.map((g, k) =>
    lazyFlowLabels(g.labelCount, reached[k]!, () => flowLabelPredecessors(graph, g)),
  ) as { [K in keyof G]: FlowLabels };
}

/** The grouped search of `propagateFlowLabelGroups`, all labels as bits of one word. */
function searchFlowLabelBits(
  graph: GraphIndex,
  groups: readonly FlowLabelOptions[],
  reached: readonly Uint8Array[],
): void {
  const { size, flowSource, flowTarget, outStart, outTarget, outFlow } = graph;
  const flowCount = flowSource.length;
  // Groups often share their `carries`, `seeds` or `passes` (a guarded and an unguarded variant):
  // each distinct function is asked once per flow or component.
  const flagsOf = memoByFunction((test: (index: number) => boolean, count: number) => {
    const flags = new Uint8Array(count);
    for (let i = 0; i < count; i++) if (test(i)) flags[i] = 1;
    return flags;
  });
  const seedBitsOf = memoByFunction((seeds: FlowLabelOptions['seeds'], labelCount: number) => {
    const bits = new Uint32Array(flowCount);
    for (let k = 0; k < flowCount; k++) {
      const list = seeds(k);
      for (let j = 0; j < list.length; j++) {
        const l = list[j]!;
        if (l >= 0 && l < labelCount) bits[k]! |= 1 << l;
      }
    }
    return bits;
  });
  const flowMask = new Uint32Array(flowCount);
  const passMask = new Uint32Array(size);
  const bits = new Uint32Array(size);
  let offset = 0;
  for (const g of groups) {
    const mask = lowBits(g.labelCount) << offset;
    const carries = flagsOf(g.carries, flowCount);
    const seeds = seedBitsOf(g.seeds, g.labelCount);
    const passes = flagsOf(g.passes, size);
    for (let k = 0; k < flowCount; k++)
      if (carries[k] === 1) {
        flowMask[k]! |= mask;
        bits[flowTarget[k]!]! |= seeds[k]! << offset;
      }
    for (let i = 0; i < size; i++) if (passes[i] === 1) passMask[i]! |= mask;
    offset += g.labelCount;
  }
  const queued = new Uint8Array(size);
  const queue = new Int32Array(size + 1);
  const capacity = queue.length;
  let head = 0;
  let tail = 0;
  // Every component that passes labels on is queued at the start, each after those that can hand
  // it labels (visitOrder.ts): labels arriving later then find it still queued, and where no
  // cycle leads in it is visited once, with everything it will receive.
  const order = visitOrder(graph, 'forward');
  for (let n = 0; n < size; n++) {
    const i = order[n]!;
    if (passMask[i] !== 0) {
      queued[i] = 1;
      queue[tail++] = i;
    }
  }
  while (head !== tail) {
    const u = queue[head]!;
    head = head + 1 === capacity ? 0 : head + 1;
    queued[u] = 0;
    const carry = bits[u]! & passMask[u]!;
    if (carry === 0) continue;
    for (let e = outStart[u]!; e < outStart[u + 1]!; e++) {
      const v = outTarget[e]!;
      const fresh = carry & flowMask[outFlow[e]!]! & ~bits[v]!;
      if (fresh === 0) continue;
      bits[v]! |= fresh;
      if (queued[v] === 0 && (fresh & passMask[v]!) !== 0) {
        queued[v] = 1;
        queue[tail] = v;
        tail = tail + 1 === capacity ? 0 : tail + 1;
      }
    }
  }
  offset = 0;
  groups.forEach((g, k) => {
    const out = reached[k]!;
    const { labelCount } = g;
    const mask = lowBits(labelCount);
    for (let i = 0; i < size; i++)
      for (let b = (bits[i]! >>> offset) & mask; b !== 0; b &= b - 1)
        out[i * labelCount + (31 - Math.clz32(b & -b))] = 1;
    offset += labelCount;
  });
}

/** A mask of the `count` lowest bits. */
const lowBits = (count: number) => (count >= 32 ? 0xffffffff : (1 << count) - 1);

/** `compute(fn, n)` once per distinct `fn` (and `n`). */
function memoByFunction<F extends object, T>(compute: (fn: F, n: number) => T): (fn: F, n: number) => T {
  const cache = new Map<F, Map<number, T>>();
  return (fn, n) => {
    let byN = cache.get(fn);
    if (!byN) cache.set(fn, (byN = new Map()));
    let hit = byN.get(n);
    if (hit === undefined) byN.set(n, (hit = compute(fn, n)));
    return hit;
  };
}

/** The deliverer of each label to each component, by the very search `propagateFlowLabels` runs. */
export function flowLabelPredecessors(graph: GraphIndex, options: FlowLabelOptions): Int32Array {
  const pred = new Int32Array(graph.size * options.labelCount).fill(UNREACHED);
  searchFlowLabels(graph, options, new Uint8Array(pred.length), pred);
  return pred;
}

/** One breadth-first search per label; it records deliverers in `pred` when given one. */
function searchFlowLabels(
  graph: GraphIndex,
  options: FlowLabelOptions,
  reached: Uint8Array,
  pred: Int32Array | null,
): void {
  const { labelCount } = options;
  const flowCount = graph.flowSource.length;
  // Asked once per flow, not once per label and visit.
  const carries = new Uint8Array(flowCount);
  for (let k = 0; k < flowCount; k++) carries[k] = options.carries(k) ? 1 : 0;
  const seedsByLabel: number[][] = Array.from({ length: labelCount }, () => []);
  for (let k = 0; k < flowCount; k++) {
    if (carries[k] === 0) continue;
    for (const l of options.seeds(k)) if (l >= 0 && l < labelCount) seedsByLabel[l]!.push(k);
  }
  const queue = new Int32Array(graph.size);
  for (let l = 0; l < labelCount; l++) {
    let tail = 0;
    for (const k of seedsByLabel[l]!) {
      const t = graph.flowTarget[k]!;
      if (reached[t * labelCount + l] === 1) continue;
      reached[t * labelCount + l] = 1;
      if (pred) pred[t * labelCount + l] = -2 - graph.flowSource[k]!;
      queue[tail++] = t;
    }
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      if (!options.passes(u)) continue;
      for (let e = graph.outStart[u]!; e < graph.outStart[u + 1]!; e++) {
        if (carries[graph.outFlow[e]!] === 0) continue;
        const v = graph.outTarget[e]!;
        if (reached[v * labelCount + l] === 1) continue;
        reached[v * labelCount + l] = 1;
        if (pred) pred[v * labelCount + l] = u;
        queue[tail++] = v;
      }
    }
  }
}
