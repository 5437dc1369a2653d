import { extendFlowLabels, extendLabels, extendReach, extendUntrustedPaths } from '../graph/graphExtension';
import { graphSpecs, type GraphFacts } from './graphFacts';
import type { EvaluationContext } from './evaluationContext';

/**
 * The graph facts of `ctx` — a context with the same components as the one `old` was computed for,
 * and the same flows plus `added` (flow indices in `ctx`) — by extending `old` rather than
 * analysing again (graphExtension.ts). Marks in `changed` every component whose facts changed.
 */
export function extendGraphFacts(
  old: GraphFacts,
  ctx: EvaluationContext,
  added: readonly number[],
  changed: Uint8Array,
): GraphFacts {
  const { graph } = ctx;
  const specs = graphSpecs(ctx, old);
  const { typeIds, ownType, originKinds, isHumanReview } = specs;
  const untrusted = extendUntrustedPaths(old.untrusted, graph, specs.untrustedOptions, added, changed);
  const exposed = specs.exposed(untrusted);
  const wasExposed = new Set(old.specs.exposed(old.untrusted));
  // An inference API that now receives prompts over a new flow gains the label of reachesPromptedApi.
  const prompted = added
    .map((k) => graph.flowTarget[k]!)
    .filter((i) => specs.promptedApi(i).length > 0 && old.specs.promptedApi(i).length === 0);
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
