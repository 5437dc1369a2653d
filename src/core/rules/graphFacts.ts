import type { GraphIndex } from '../graph/graphIndex';
import { propagateLabels, type LabelSets } from '../graph/labelPropagation';
import { reachFrom, type Reach } from '../graph/reachability';
import { analyseUntrustedPaths, reachedBy, type UntrustedPathAnalysis } from '../graph/untrustedPaths';
import type { PropValue } from '../model/document';
import type { Library } from '../library/loadLibrary';

/** Kinds of untrusted origin, in the order of their labels. */
export const ORIGIN_KINDS = [
  'anonymous-user',
  'public-web',
  'user-generated',
  'external-service',
  'internet-zone',
] as const;

/** Component types whose behaviour is driven by a language model's output. */
export const LLM_DRIVEN_TYPES: ReadonlySet<string> = new Set(['llm', 'llm-app', 'agent']);
/** Passing through one of these turns content into indirect input: it was stored, retrieved or fetched. */
const INDIRECT_TYPES: ReadonlySet<string> = new Set([
  'vector-store',
  'memory-store',
  'data-store',
  'dataset-store',
  'feedback-store',
  'agent-tool',
  'data-source',
  'external-service',
]);

export interface GraphFacts {
  typeIds: string[];
  typeLabel: Map<string, number>;
  originKinds: number[][];
  untrusted: UntrustedPathAnalysis;
  upstreamTypes: LabelSets;
  downstreamTypes: LabelSets;
  upstreamOrigins: LabelSets;
  llmDriven: Reach;
  exposedLlmDriven: Reach;
  unapprovedTools: Reach;
}

interface GraphInputs {
  library: Library;
  graph: GraphIndex;
  types: string[];
  prop: (index: number, name: string) => PropValue | undefined;
  zones: string[];
}

/** Origin kinds of one component: why it counts as a source of untrusted input, if it does. */
function originKindsOf(type: string, prop: (name: string) => PropValue | undefined, zone: string): number[] {
  const kinds: number[] = [];
  if (type === 'user' && prop('trust') === 'anonymous') kinds.push(0);
  if (type === 'data-source' && prop('origin') === 'public-web') kinds.push(1);
  if (type === 'data-source' && prop('origin') === 'user-generated') kinds.push(2);
  if (type === 'external-service') kinds.push(3);
  if (zone === 'internet') kinds.push(4);
  return kinds;
}

/** All graph facts, each one linear pass over the model, shared by every rule. */
export function analyseGraph(input: GraphInputs): GraphFacts {
  const { graph, types, prop, zones } = input;
  const typeIds = [...input.library.catalogue.types.keys()];
  const typeLabel = new Map(typeIds.map((t, i) => [t, i]));
  const ownType = types.map((t) => [typeLabel.get(t) ?? 0]);
  const originKinds = types.map((t, i) => originKindsOf(t, (name) => prop(i, name), zones[i]!));
  const origins = originKinds.flatMap((kinds, i) => (kinds.length > 0 ? [i] : []));

  const isGuard = (i: number) =>
    (types[i] === 'guardrail' && prop(i, 'direction') !== 'output') ||
    (types[i] === 'data-pipeline' && prop(i, 'validatesData') === true);
  const untrusted = analyseUntrustedPaths(graph, {
    origins,
    startsIndirect: (i) => types[i] !== 'user',
    isGuard,
    makesIndirect: (i) => INDIRECT_TYPES.has(types[i]!),
  });

  const isHumanReview = (i: number) => types[i] === 'human-review';
  const llmDriven = types.flatMap((t, i) => (LLM_DRIVEN_TYPES.has(t) ? [i] : []));
  const exposed = llmDriven.filter((i) => originKinds[i]!.length > 0 || reachedBy(untrusted, i));
  const unapproved = types.flatMap((t, i) =>
    t === 'agent-tool' && prop(i, 'access') !== 'read' && prop(i, 'humanApproval') !== true ? [i] : [],
  );

  return {
    typeIds,
    typeLabel,
    originKinds,
    untrusted,
    upstreamTypes: propagateLabels(graph, 'forward', typeIds.length, (i) => ownType[i]!),
    downstreamTypes: propagateLabels(graph, 'backward', typeIds.length, (i) => ownType[i]!),
    upstreamOrigins: propagateLabels(graph, 'forward', ORIGIN_KINDS.length, (i) => originKinds[i]!),
    llmDriven: reachFrom(graph, llmDriven, 'forward', isHumanReview),
    exposedLlmDriven: reachFrom(graph, exposed, 'forward', isHumanReview),
    unapprovedTools: reachFrom(graph, unapproved, 'backward', isHumanReview),
  };
}
