import { lazyFlowLabels, type FlowLabels } from '../graph/flowLabelSets';
import { lazyLabelSets, type LabelSets } from '../graph/labelSets';
import { withLazyPred, type Reach } from '../graph/reachability';
import { lazyUntrustedPaths } from '../graph/untrustedPaths';
import type { GraphFacts } from './graphFacts';

/**
 * Graph facts moved to the indices of a document with components added: component `i` of the old
 * document is `newIndexOfOld[i]` in the new one, and a new component (no old flow touches it) has
 * nothing reached. Only what rules read moves (membership); the result is a starting point for
 * `extendGraphFacts`, never explained itself, so its predecessors are not there to read.
 */
export function remapGraphFacts(old: GraphFacts, newIndexOfOld: Int32Array, size: number): GraphFacts {
  const move = <T extends Uint8Array | Uint32Array>(values: T, stride: number): T =>
    spread(values, stride, newIndexOfOld, size);
  const labels = (s: LabelSets): LabelSets =>
    lazyLabelSets(s.labelCount, move(s.bits, s.words), s.ownLabels, unexplained);
  const flowLabels = (l: FlowLabels): FlowLabels =>
    lazyFlowLabels(l.labelCount, move(l.reached, l.labelCount), unexplained);
  const untrusted = lazyUntrustedPaths(move(old.untrusted.member, 4), unexplained);
  return {
    ...old,
    untrusted,
    upstreamTypes: labels(old.upstreamTypes),
    downstreamTypes: labels(old.downstreamTypes),
    upstreamOrigins: labels(old.upstreamOrigins),
    llmDriven: remapReach(old.llmDriven, newIndexOfOld, size),
    exposedLlmDriven: remapReach(old.exposedLlmDriven, newIndexOfOld, size),
    unapprovedTools: remapReach(old.unapprovedTools, newIndexOfOld, size),
    prompters: flowLabels(old.prompters),
    promptersUnguarded: flowLabels(old.promptersUnguarded),
    content: flowLabels(old.content),
    contentUnguarded: flowLabels(old.contentUnguarded),
    reachesPromptedApi: labels(old.reachesPromptedApi),
  };
}

/** A reach (of a graph analysis or a path condition) moved to the new indices, hop counts included. */
export function remapReach(reach: Reach, newIndexOfOld: Int32Array, size: number): Reach {
  const hops = reach.hops ? spread(reach.hops, 1, newIndexOfOld, size) : undefined;
  return withLazyPred(spread(reach.reached, 1, newIndexOfOld, size), unexplained, hops);
}

function unexplained(): never {
  throw new Error('a remapped analysis is only extended, never explained');
}

function spread<T extends Uint8Array | Uint32Array | Int32Array>(
  values: T,
  stride: number,
  newIndexOfOld: Int32Array,
  size: number,
): T {
  const out = new (values.constructor as new (length: number) => T)(size * stride);
  for (let i = 0; i < newIndexOfOld.length; i++) {
    const from = i * stride;
    const to = newIndexOfOld[i]! * stride;
    for (let n = 0; n < stride; n++) out[to + n] = values[from + n]!;
  }
  return out;
}
