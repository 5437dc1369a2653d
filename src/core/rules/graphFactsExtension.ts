import { extendFlowLabels, extendLabels, extendReach, extendUntrustedPaths } from '../graph/graphExtension';
import { graphSpecs, type GraphFacts } from './graphFacts';
import type { EvaluationContext } from './evaluationContext';

/**
 * The graph facts of `ctx` — a context with the components of the one `old` was computed for (and
 * perhaps new ones, which no old flow touches), and its flows plus `added` (flow indices in `ctx`) —
 * by extending `old` rather than analysing again (graphExtension.ts). `old` is in `ctx`'s indices
 * (graphFactsRemap.ts moves it there when components were added; then `sameComponents` is false and
 * what is per component is computed again). Marks in `changed` every component whose facts changed.
 */
export function extendGraphFacts(
  old: GraphFacts,
  ctx: EvaluationContext,
  added: readonly number[],
  changed: Uint8Array,
  sameComponents = true,
): GraphFacts {
  const { graph } = ctx;
  const specs = graphSpecs(ctx, sameComponents ? old : undefined);
  const { typeIds, ownType, originKinds, isHumanReview } = specs;
  const untrusted = extendUntrustedPaths(old.untrusted, graph, specs.untrustedOptions, added, changed);
  const exposed = specs.exposed(untrusted);
  const wasExposed = new Set(specs.exposed(old.untrusted));
  // An inference API that receives prompts only over new flows gains the label of reachesPromptedApi.
  const isAdded = new Set(added);
  const promptedBefore = (i: number) => {
    for (let e = graph.inStart[i]!; e < graph.inStart[i + 1]!; e++) {
      const k = graph.inFlow[e]!;
      if (!isAdded.has(k) && ctx.doc.dataFlows[k]!.props?.data?.includes('prompts')) return true;
    }
    return false;
  };
  const prompted = [...new Set(added.map((k) => graph.flowTarget[k]!))].filter(
    (i) => specs.promptedApi(i).length > 0 && !promptedBefore(i),
  );
  const ownTypes = (i: number) => ownType[i]!;
  const origins = (i: number) => originKinds[i]!;
  return {
    typeIds,
    typeLabel: specs.typeLabel,
    originKinds,
    specs,
    untrusted,
    upstreamTypes: extendLabels(old.upstreamTypes, graph, 'forward', ownTypes, added, [], changed),
    downstreamTypes: extendLabels(old.downstreamTypes, graph, 'backward', ownTypes, added, [], changed),
    upstreamOrigins: extendLabels(old.upstreamOrigins, graph, 'forward', origins, added, [], changed),
    llmDriven: extendReach(
      old.llmDriven,
      graph,
      specs.llmDriven,
      [],
      'forward',
      isHumanReview,
      added,
      changed,
    ),
    exposedLlmDriven: extendReach(
      old.exposedLlmDriven,
      graph,
      exposed,
      exposed.filter((i) => !wasExposed.has(i)),
      'forward',
      isHumanReview,
      added,
      changed,
    ),
    unapprovedTools: extendReach(
      old.unapprovedTools,
      graph,
      specs.unapproved,
      [],
      'backward',
      isHumanReview,
      added,
      changed,
    ),
    prompters: extendFlowLabels(old.prompters, graph, specs.promptOptions, added, changed),
    promptersUnguarded: extendFlowLabels(
      old.promptersUnguarded,
      graph,
      specs.promptUnguardedOptions,
      added,
      changed,
    ),
    content: extendFlowLabels(old.content, graph, specs.contentOptions, added, changed),
    contentUnguarded: extendFlowLabels(
      old.contentUnguarded,
      graph,
      specs.contentUnguardedOptions,
      added,
      changed,
    ),
    reachesPromptedApi: extendLabels(
      old.reachesPromptedApi,
      graph,
      'backward',
      specs.promptedApi,
      added,
      prompted,
      changed,
    ),
  };
}
