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

/** Label sets whose predecessors `search` finds on first read. */
export function lazyLabelSets(
  labelCount: number,
  bits: Uint32Array,
  ownLabels: (index: number) => readonly number[],
  search: () => Int32Array,
): LabelSets {
  return new LazyLabelSets(labelCount, bits, ownLabels, search);
}

/** A class, not an object literal with a getter: every label set has one shape for the rules' reads. */
class LazyLabelSets implements LabelSets {
  readonly words: number;
  #pred: Int32Array | undefined;
  readonly #search: () => Int32Array;
  constructor(
    readonly labelCount: number,
    readonly bits: Uint32Array,
    readonly ownLabels: (index: number) => readonly number[],
    search: () => Int32Array,
  ) {
    this.words = Math.max(1, Math.ceil(labelCount / 32));
    this.#search = search;
  }
  get pred(): Int32Array {
    return (this.#pred ??= this.#search());
  }
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
