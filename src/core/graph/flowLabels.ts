import type { GraphIndex } from './graphIndex';
import { followPredecessors, reachedOf } from './reachability';

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
  /** Whether component `index` passes label `label`, once it has it, on along its outgoing flows. */
  passes: (index: number, label: number) => boolean;
  /** Whether a flow carries labels: its own seeds and those that have reached its source. */
  carries: (flow: number) => boolean;
}

export function propagateFlowLabels(graph: GraphIndex, options: FlowLabelOptions): FlowLabels {
  const { labelCount } = options;
  const pred = new Int32Array(graph.size * labelCount).fill(UNREACHED);
  const seedsByLabel: number[][] = Array.from({ length: labelCount }, () => []);
  for (let k = 0; k < graph.flowSource.length; k++) {
    if (!options.carries(k)) continue;
    for (const l of options.seeds(k)) if (l >= 0 && l < labelCount) seedsByLabel[l]!.push(k);
  }
  const queue = new Int32Array(graph.size);
  for (let l = 0; l < labelCount; l++) {
    let tail = 0;
    for (const k of seedsByLabel[l]!) {
      const t = graph.flowTarget[k]!;
      if (pred[t * labelCount + l] !== UNREACHED) continue;
      pred[t * labelCount + l] = -2 - graph.flowSource[k]!;
      queue[tail++] = t;
    }
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      if (!options.passes(u, l)) continue;
      for (let e = graph.outStart[u]!; e < graph.outStart[u + 1]!; e++) {
        if (!options.carries(graph.outFlow[e]!)) continue;
        const v = graph.outTarget[e]!;
        if (pred[v * labelCount + l] !== UNREACHED) continue;
        pred[v * labelCount + l] = u;
        queue[tail++] = v;
      }
    }
  }
  return { labelCount, pred, reached: reachedOf(pred) };
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
