import type { Reach } from '../graph/reachability';
import { testCondition, type CompiledCondition } from './conditions';
import type { EvaluationContext } from './evaluationContext';
import type { GraphFacts } from './graphFacts';

/** A membership array of a graph analysis: `stride` entries per component, set where it holds. */
interface Membership {
  values: ArrayLike<number>;
  stride: number;
}

function memberships(f: GraphFacts): Membership[] {
  const labels = (s: { bits: Uint32Array; words: number }): Membership => ({
    values: s.bits,
    stride: s.words,
  });
  const reach = (r: Reach): Membership => ({ values: r.reached, stride: 1 });
  const flowLabels = (l: { reached: Uint8Array; labelCount: number }): Membership => ({
    values: l.reached,
    stride: l.labelCount,
  });
  return [
    // Reached over a terminal flow or not is the same answer to rules (reachedBy).
    { values: f.untrusted.member.map((m) => (m === 0 ? 0 : 1)), stride: 4 },
    labels(f.upstreamTypes),
    labels(f.downstreamTypes),
    labels(f.upstreamOrigins),
    reach(f.llmDriven),
    reach(f.exposedLlmDriven),
    reach(f.unapprovedTools),
    flowLabels(f.prompters),
    flowLabels(f.promptersUnguarded),
    flowLabels(f.content),
    flowLabels(f.contentUnguarded),
    labels(f.reachesPromptedApi),
  ];
}

/**
 * Components whose facts may differ between two contexts of documents with the same components,
 * or with components removed (`oldIndexOf[i]`: where component i of `after` was in `before`), but
 * different flows or graph properties. A component is dirty when it is a seed (an end of a changed
 * flow, a component whose graph properties changed) or when its answer in any graph analysis or
 * memoised path condition differs. The paths explanations show need no comparing: they are built
 * from the current context when read. Undefined when a memoised `some` condition changes: every
 * target may then change.
 */
export function dirtyComponents(
  before: EvaluationContext,
  after: EvaluationContext,
  seeds: Iterable<number>,
  oldIndexOf?: Int32Array,
): Uint8Array | undefined {
  const size = after.types.length;
  const was = oldIndexOf ? (i: number) => oldIndexOf[i]! : (i: number) => i;
  const dirty = new Uint8Array(size);
  for (const i of seeds) if (i !== undefined && i >= 0) dirty[i] = 1;
  const pairs: [Membership, Membership][] = [];
  const a = memberships(before.facts);
  const b = memberships(after.facts);
  for (let n = 0; n < a.length; n++) pairs.push([a[n]!, b[n]!]);
  for (const [node, value] of before.nodeMemo) {
    const condition = node as CompiledCondition;
    if (condition.kind === 'some') {
      if (testCondition(condition, after, 0) !== value) return undefined;
      continue;
    }
    if (condition.kind !== 'path') continue;
    testCondition(condition, after, 0); // memoises its reach in `after`
    const reached = after.nodeMemo.get(node) as Reach;
    pairs.push([
      { values: (value as Reach).reached, stride: 1 },
      { values: reached.reached, stride: 1 },
    ]);
  }
  for (let i = 0; i < size; i++) {
    if (dirty[i]) continue;
    const o = was(i);
    const x = before.facts.originKinds[o]!;
    const y = after.facts.originKinds[i]!;
    if (x.length !== y.length || x.some((k, n) => y[n] !== k)) {
      dirty[i] = 1;
      continue;
    }
    for (const [old, now] of pairs) {
      const stride = now.stride;
      let differs = false;
      for (let e = 0; e < stride && !differs; e++)
        differs = old.values[o * stride + e] !== now.values[i * stride + e];
      if (differs) {
        dirty[i] = 1;
        break;
      }
    }
  }
  return dirty;
}
