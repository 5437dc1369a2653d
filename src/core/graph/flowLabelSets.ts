import { followPredecessors } from './reachability';

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
