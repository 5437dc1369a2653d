import type { Reach } from '../graph/reachability';
import { testCondition, type CompiledCondition } from './conditions';
import type { EvaluationContext } from './evaluationContext';
import type { GraphFacts } from './graphFacts';

/** A predecessor array of a graph analysis: `stride` entries per component; `states` when entries are states (4 per component). */
interface PredArray {
  pred: Int32Array;
  stride: number;
  states: boolean;
}

function predArrays(f: GraphFacts): PredArray[] {
  const labels = (s: { pred: Int32Array; labelCount: number }): PredArray => ({
    pred: s.pred,
    stride: s.labelCount,
    states: false,
  });
  const reach = (r: Reach): PredArray => ({ pred: r.pred, stride: 1, states: false });
  return [
    { pred: f.untrusted.pred, stride: 4, states: true },
    { pred: f.untrusted.ends, stride: 4, states: true },
    labels(f.upstreamTypes),
    labels(f.downstreamTypes),
    labels(f.upstreamOrigins),
    reach(f.llmDriven),
    reach(f.exposedLlmDriven),
    reach(f.unapprovedTools),
    labels(f.prompters),
    labels(f.promptersUnguarded),
    labels(f.content),
    labels(f.contentUnguarded),
    labels(f.reachesPromptedApi),
  ];
}

/**
 * Components whose facts or explanations may differ between two contexts of documents with the
 * same components (same ids, so the same indices) but different flows or graph properties.
 * A component is dirty when it is a seed (an end of a changed flow, a component whose graph
 * properties changed), when any of its entries in any graph analysis or memoised path condition
 * differs, or when a path shown for it runs through a dirty component (its predecessors are
 * followed). Undefined when a memoised `some` condition changes: every target may then change.
 */
export function dirtyComponents(
  before: EvaluationContext,
  after: EvaluationContext,
  seeds: Iterable<number>,
): Uint8Array | undefined {
  const size = after.types.length;
  const dirty = new Uint8Array(size);
  for (const i of seeds) dirty[i] = 1;
  const arrays: [PredArray, PredArray][] = [];
  const a = predArrays(before.facts);
  const b = predArrays(after.facts);
  for (let n = 0; n < a.length; n++) arrays.push([a[n]!, b[n]!]);
  for (const [node, value] of before.nodeMemo) {
    const condition = node as CompiledCondition;
    if (condition.kind === 'some') {
      if (testCondition(condition, after, 0) !== value) return undefined;
      continue;
    }
    if (condition.kind !== 'path') continue;
    testCondition(condition, after, 0); // memoises its reach in `after`
    const reached = after.nodeMemo.get(node) as Reach;
    arrays.push([
      { pred: (value as Reach).pred, stride: 1, states: false },
      { pred: reached.pred, stride: 1, states: false },
    ]);
  }
  for (let i = 0; i < size; i++) {
    const x = before.facts.originKinds[i]!;
    const y = after.facts.originKinds[i]!;
    if (x.length !== y.length || x.some((k, n) => y[n] !== k)) dirty[i] = 1;
  }

  // Entries that differ, and the predecessor links of the new analyses (parent → child).
  const childCount = new Int32Array(size + 1);
  for (const [old, now] of arrays) {
    const { pred, stride, states } = now;
    for (let e = 0; e < pred.length; e++) {
      const v = pred[e]!;
      const child = (e / stride) | 0;
      if (old.pred[e] !== v) dirty[child] = 1;
      if (v >= 0) childCount[(states ? v >> 2 : v) + 1]!++;
    }
  }
  for (let i = 0; i < size; i++) childCount[i + 1]! += childCount[i]!;
  const children = new Int32Array(childCount[size]!);
  const fill = childCount.slice(0, size);
  for (const [, now] of arrays) {
    const { pred, stride, states } = now;
    for (let e = 0; e < pred.length; e++) {
      const v = pred[e]!;
      if (v >= 0) children[fill[states ? v >> 2 : v]!++] = (e / stride) | 0;
    }
  }
  const queue: number[] = [];
  for (let i = 0; i < size; i++) if (dirty[i]) queue.push(i);
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (let e = childCount[u]!; e < childCount[u + 1]!; e++) {
      const c = children[e]!;
      if (!dirty[c]) {
        dirty[c] = 1;
        queue.push(c);
      }
    }
  }
  return dirty;
}
