import { neighbours, type Direction, type GraphIndex } from './graphIndex';

/**
 * Which labels (component types, kinds of untrusted origin…) lie upstream or downstream of each
 * component. Each component's label set only grows and each label is set at most once per
 * component, so the worklist runs in O(labels × flows) — linear in the model for a fixed
 * catalogue. The first component that delivered a label is kept, so a path can be shown.
 */
export interface LabelSets {
  labelCount: number;
  words: number;
  bits: Uint32Array;
  /**
   * pred[i * labelCount + l]: the neighbour that first delivered label l to i; -1 if none. Only
   * explanations read it (built on first read when the labels were extended, see `Reach.pred`).
   */
  readonly pred: Int32Array;
  ownLabels: (index: number) => readonly number[];
}

export function propagateLabels(
  graph: GraphIndex,
  direction: Direction,
  labelCount: number,
  ownLabels: (index: number) => readonly number[],
): LabelSets {
  const { start, next } = neighbours(graph, direction);
  const words = Math.max(1, Math.ceil(labelCount / 32));
  const bits = new Uint32Array(graph.size * words);
  const pred = new Int32Array(graph.size * labelCount).fill(-1);
  // "carry" = labels a component passes on: its own plus those it received.
  const carry = new Uint32Array(graph.size * words);
  const queued = new Uint8Array(graph.size);
  const queue: number[] = [];
  for (let i = 0; i < graph.size; i++) {
    for (const l of ownLabels(i)) carry[i * words + (l >>> 5)]! |= 1 << (l & 31);
    if (start[i + 1]! > start[i]!) {
      queue.push(i);
      queued[i] = 1;
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
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
        for (let bits = fresh; bits !== 0; bits &= bits - 1)
          pred[v * labelCount + w * 32 + (31 - Math.clz32(bits & -bits))] = u;
      }
      if (changed && queued[v] === 0) {
        queued[v] = 1;
        queue.push(v);
      }
    }
  }
  return { labelCount, words, bits, pred, ownLabels };
}

export function hasLabel(sets: LabelSets, index: number, label: number): boolean {
  return (sets.bits[index * sets.words + (label >>> 5)]! & (1 << (label & 31))) !== 0;
}

export function labelsOf(sets: LabelSets, index: number): number[] {
  const out: number[] = [];
  for (let l = 0; l < sets.labelCount; l++) if (hasLabel(sets, index, l)) out.push(l);
  return out;
}

/** The chain of components from the nearest carrier of `label` to `index` (carrier first, in search order). */
export function labelPath(sets: LabelSets, index: number, label: number): number[] | undefined {
  if (!hasLabel(sets, index, label)) return undefined;
  const path = [index];
  let current = index;
  for (let guard = 0; guard < sets.pred.length / sets.labelCount; guard++) {
    const p = sets.pred[current * sets.labelCount + label]!;
    if (p < 0) break;
    path.push(p);
    if (sets.ownLabels(p).includes(label)) break;
    current = p;
  }
  return path.reverse();
}
