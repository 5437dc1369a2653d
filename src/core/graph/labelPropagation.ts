import { neighbours, type Direction, type GraphIndex } from './graphIndex';
import { lazyLabelSets, type LabelSets } from './labelSets';
import { visitOrder } from './visitOrder';

export function propagateLabels(
  graph: GraphIndex,
  direction: Direction,
  labelCount: number,
  ownLabels: (index: number) => readonly number[],
): LabelSets {
  return propagateLabelGroups(graph, direction, [{ labelCount, ownLabels }])[0]!;
}

export interface LabelGroup {
  labelCount: number;
  ownLabels: (index: number) => readonly number[];
}

/**
 * Several label propagations in the same direction, in one search: each group's labels take the
 * next bits of a shared set, and the sets are split apart at the end. Label sets are a closure,
 * the same whatever else travels with them; only the paths shown depend on the search, so each
 * group's predecessors are searched for on their own when an explanation first reads them.
 */
export function propagateLabelGroups<const G extends readonly LabelGroup[]>(
  graph: GraphIndex,
  direction: Direction,
  groups: G,
): { [K in keyof G]: LabelSets } {
  const offsets: number[] = [];
  let total = 0;
  for (const g of groups) {
    offsets.push(total);
    total += g.labelCount;
  }
  const shared = searchLabels(graph, direction, total, groups, offsets, null);
  const sharedWords = Math.max(1, Math.ceil(total / 32));
  const sets = groups.map((g, k): LabelSets => {
    const bits =
      groups.length === 1 ? shared : splitBits(shared, sharedWords, offsets[k]!, g.labelCount, graph.size);
    // Rules read only the bits; the predecessors cost a write per label delivered and an array of
    // components × labels, so they are searched for when an explanation first reads them.
    return lazyLabelSets(g.labelCount, bits, g.ownLabels, () =>
      labelPredecessors(graph, direction, g.labelCount, g.ownLabels),
    );
  });
  return sets as { [K in keyof G]: LabelSets };
}

/** Labels offset .. offset + count of each component's shared set, as a set of their own. */
function splitBits(shared: Uint32Array, sharedWords: number, offset: number, count: number, size: number) {
  const words = Math.max(1, Math.ceil(count / 32));
  const bits = new Uint32Array(size * words);
  if (sharedWords === 1) {
    // Both in one word: a shift and a mask per component.
    const mask = count === 32 ? 0xffffffff : (1 << count) - 1;
    for (let i = 0; i < size; i++) bits[i] = (shared[i]! >>> offset) & mask;
    return bits;
  }
  for (let i = 0; i < size; i++)
    for (let l = 0; l < count; l++) {
      const at = offset + l;
      if ((shared[i * sharedWords + (at >>> 5)]! & (1 << (at & 31))) !== 0)
        bits[i * words + (l >>> 5)]! |= 1 << (l & 31);
    }
  return bits;
}

/** The first deliverer of each label to each component, by the very search `propagateLabels` runs. */
export function labelPredecessors(
  graph: GraphIndex,
  direction: Direction,
  labelCount: number,
  ownLabels: (index: number) => readonly number[],
): Int32Array {
  const pred = new Int32Array(graph.size * labelCount).fill(-1);
  searchLabels(graph, direction, labelCount, [{ labelCount, ownLabels }], [0], pred);
  return pred;
}

/**
 * The worklist search of `labelCount` labels, each group's own labels from its offset on; it
 * records first deliverers in `pred` when given one.
 */
function searchLabels(
  graph: GraphIndex,
  direction: Direction,
  labelCount: number,
  groups: readonly LabelGroup[],
  offsets: readonly number[],
  pred: Int32Array | null,
): Uint32Array {
  const { start, next } = neighbours(graph, direction);
  const words = Math.max(1, Math.ceil(labelCount / 32));
  const bits = new Uint32Array(graph.size * words);
  // "carry" = labels a component passes on: its own plus those it received.
  const carry = new Uint32Array(graph.size * words);
  const queued = new Uint8Array(graph.size);
  const queue = new Int32Array(graph.size + 1);
  // A ring: a component is queued at most once at a time, so the queue never holds more than all.
  let head = 0;
  let tail = 0;
  groups.forEach(({ ownLabels }, k) => {
    const offset = offsets[k]!;
    for (let i = 0; i < graph.size; i++)
      for (const own of ownLabels(i)) {
        const l = offset + own;
        carry[i * words + (l >>> 5)]! |= 1 << (l & 31);
      }
  });
  // Membership alone does not depend on the order: components go first in the order that visits
  // each once where no cycle leads in (visitOrder.ts). The first deliverers do, so the search that
  // records them keeps index order: the paths shown stay as they were.
  const order = pred ? null : visitOrder(graph, direction);
  for (let n = 0; n < graph.size; n++) {
    const i = order ? order[n]! : n;
    if (start[i + 1]! > start[i]!) {
      queue[tail++] = i;
      queued[i] = 1;
    }
  }
  const capacity = queue.length;
  while (head !== tail) {
    const u = queue[head]!;
    head = head + 1 === capacity ? 0 : head + 1;
    queued[u] = 0;
    for (let e = start[u]!; e < start[u + 1]!; e++) {
      const v = next[e]!;
      let changed = false;
      for (let w = 0; w < words; w++) {
        const incoming = carry[u * words + w]!;
        const fresh = incoming & ~bits[v * words + w]!;
        if (fresh === 0) continue;
        changed = true;
        bits[v * words + w]! |= fresh;
        carry[v * words + w]! |= fresh;
        // Only the bits that are set: most words deliver one or two labels of up to 32.
        if (pred)
          for (let b = fresh; b !== 0; b &= b - 1)
            pred[v * labelCount + w * 32 + (31 - Math.clz32(b & -b))] = u;
      }
      if (changed && queued[v] === 0) {
        queued[v] = 1;
        queue[tail] = v;
        tail = tail + 1 === capacity ? 0 : tail + 1;
      }
    }
  }
  return bits;
}
