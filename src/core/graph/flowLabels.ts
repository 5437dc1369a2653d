import type { GraphIndex } from './graphIndex';
import { followPredecessors } from './reachability';

/** Marks what no search has reached; a label delivered by a seeding flow from s is stored as -2 - s. */
const UNREACHED = -1;

/**
 * Labels that travel along data flows: who sends prompts (principals) and where content comes
 * from (content origins). Unlike `propagateLabels`, a label starts on a *flow* (a user's message,
 * a data source's output, one agent's message to another), a component can refuse to pass a label
 * on (a store does not forward a user's prompt; a guard stops what it screens), and a flow can
 * refuse to carry labels (content does not travel back along a query). One breadth-first search
 * per label: O(labels × (components + flows)), with the first deliverer kept so a path can be shown.
 */
export interface FlowLabels {
  labelCount: number;
  /** reached[i * labelCount + l]: 1 when label l reaches component i (what rules read). */
  reached: Uint8Array;
  /**
   * pred[i * labelCount + l]: the component that delivered l to i; -2 - s when a seeding flow from s
   * did. Only explanations read it (built on first read when the labels were extended, see `Reach.pred`).
   */
  readonly pred: Int32Array;
}

export interface FlowLabelOptions {
  labelCount: number;
  /** Labels a flow starts carrying, by flow index (e.g. a public-web source's output: "public-web"). */
  seeds: (flow: number) => readonly number[];
  /**
   * Whether component `index` passes the labels it has on along its outgoing flows. All or none:
   * what stops a prompt (a store, a guard) stops every principal's.
   */
  passes: (index: number) => boolean;
  /** Whether a flow carries labels: its own seeds and those that have reached its source. */
  carries: (flow: number) => boolean;
}

export function propagateFlowLabels(graph: GraphIndex, options: FlowLabelOptions): FlowLabels {
  const { labelCount } = options;
  const reached = new Uint8Array(graph.size * labelCount);
  if (labelCount <= 32) searchFlowLabelBits(graph, options, reached);
  else searchFlowLabels(graph, options, reached, null);
  // Rules read only `reached`; predecessors are searched for when an explanation first reads them.
  return lazyFlowLabels(labelCount, reached, () => flowLabelPredecessors(graph, options));
}

/** Flow labels whose predecessors `search` finds on first read. */
export function lazyFlowLabels(
  labelCount: number,
  reached: Uint8Array,
  search: () => Int32Array,
): FlowLabels {
  return new LazyFlowLabels(labelCount, reached, search);
}

/** A class, not an object literal with a getter: every result has one shape for the rules' reads. */
class LazyFlowLabels implements FlowLabels {
  #pred: Int32Array | undefined;
  readonly #search: () => Int32Array;
  constructor(
    readonly labelCount: number,
    readonly reached: Uint8Array,
    search: () => Int32Array,
  ) {
    this.#search = search;
  }
  get pred(): Int32Array {
    return (this.#pred ??= this.#search());
  }
}

/**
 * What labels reach each component, all labels at once as bits of one word: the closure is the
 * same whatever order it is built in, so one worklist replaces a search per label. (The paths
 * shown are those of the per-label search, `flowLabelPredecessors`.)
 */
function searchFlowLabelBits(graph: GraphIndex, options: FlowLabelOptions, reached: Uint8Array): void {
  const { labelCount } = options;
  const { size, flowSource, flowTarget, outStart, outTarget, outFlow } = graph;
  const flowCount = flowSource.length;
  const carries = new Uint8Array(flowCount);
  const bits = new Uint32Array(size);
  for (let k = 0; k < flowCount; k++) {
    if (!options.carries(k)) continue;
    carries[k] = 1;
    const seeds = options.seeds(k);
    for (let j = 0; j < seeds.length; j++) {
      const l = seeds[j]!;
      if (l >= 0 && l < labelCount) bits[flowTarget[k]!]! |= 1 << l;
    }
  }
  const passes = new Uint8Array(size);
  const queued = new Uint8Array(size);
  const queue = new Int32Array(size + 1);
  const capacity = queue.length;
  let head = 0;
  let tail = 0;
  for (let i = 0; i < size; i++) {
    passes[i] = options.passes(i) ? 1 : 0;
    if (bits[i] !== 0 && passes[i] === 1) {
      queued[i] = 1;
      queue[tail++] = i;
    }
  }
  while (head !== tail) {
    const u = queue[head]!;
    head = head + 1 === capacity ? 0 : head + 1;
    queued[u] = 0;
    const carry = bits[u]!;
    for (let e = outStart[u]!; e < outStart[u + 1]!; e++) {
      if (carries[outFlow[e]!] === 0) continue;
      const v = outTarget[e]!;
      const fresh = carry & ~bits[v]!;
      if (fresh === 0) continue;
      bits[v]! |= fresh;
      if (queued[v] === 0 && passes[v] === 1) {
        queued[v] = 1;
        queue[tail] = v;
        tail = tail + 1 === capacity ? 0 : tail + 1;
      }
    }
  }
  for (let i = 0; i < size; i++)
    for (let b = bits[i]!; b !== 0; b &= b - 1) reached[i * labelCount + (31 - Math.clz32(b & -b))] = 1;
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

export function hasFlowLabel(labels: FlowLabels, index: number, label: number): boolean {
  return labels.reached[index * labels.labelCount + label] === 1;
}

export function flowLabelsOf(labels: FlowLabels, index: number): number[] {
  const out: number[] = [];
  for (let l = 0; l < labels.labelCount; l++) if (hasFlowLabel(labels, index, l)) out.push(l);
  return out;
}

/** Component indices from where the label entered (the seeding flow's source) to `index`. */
export function flowLabelPath(labels: FlowLabels, index: number, label: number): number[] | undefined {
  if (!hasFlowLabel(labels, index, label)) return undefined;
  return followPredecessors(
    (i) => labels.pred[i * labels.labelCount + label]!,
    index,
    labels.pred.length / labels.labelCount,
  );
}
