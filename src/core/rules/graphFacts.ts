import type { GraphIndex } from '../graph/graphIndex';
import { propagateLabelGroups } from '../graph/labelPropagation';
import type { LabelSets } from '../graph/labelSets';
import { reachFrom, type Reach } from '../graph/reachability';
import { analyseUntrustedPaths } from '../graph/untrustedPathSearch';
import { reachedBy, type UntrustedPathAnalysis, type UntrustedPathOptions } from '../graph/untrustedPaths';
import { propagateFlowLabelGroups } from '../graph/flowLabels';
import type { FlowLabelOptions, FlowLabels } from '../graph/flowLabelSets';
import type { PropValue, ThreatModelDocument } from '../model/document';
import type { Library } from '../library/loadLibrary';
import {
  CONTENT_ORIGINS,
  INDIRECT_TYPES,
  LLM_DRIVEN_TYPES,
  ORIGIN_KINDS,
  PRINCIPALS,
  principalOf,
} from './graphVocabulary';

export interface GraphFacts {
  typeIds: string[];
  typeLabel: Map<string, number>;
  originKinds: (readonly number[])[];
  untrusted: UntrustedPathAnalysis;
  upstreamTypes: LabelSets;
  downstreamTypes: LabelSets;
  upstreamOrigins: LabelSets;
  llmDriven: Reach;
  exposedLlmDriven: Reach;
  unapprovedTools: Reach;
  /** Principals whose prompts reach each component (PRINCIPALS order), and those that pass no injection guard. */
  prompters: FlowLabels;
  promptersUnguarded: FlowLabels;
  /** Content origins whose content reaches each component (CONTENT_ORIGINS order), and those that pass no injection guard. */
  content: FlowLabels;
  contentUnguarded: FlowLabels;
  /** Components with a path to an inference API that receives prompts (a generative endpoint). */
  reachesPromptedApi: LabelSets;
  /** What the analyses were run with (for extending them over added flows). */
  specs: GraphSpecs;
}

interface GraphInputs {
  doc: ThreatModelDocument;
  library: Library;
  graph: GraphIndex;
  types: string[];
  prop: (index: number, name: string) => PropValue | undefined;
  zones: string[];
}

/** Origin kinds of one component: why it counts as a source of untrusted input, if it does. */
// These take the component's index and the context's `prop`, not a closure over them: they run
// for every component of every evaluation, and a closure each was megabytes of garbage at 10,000.
function originKindsOf(type: string, i: number, prop: PropOf, zone: string): readonly number[] {
  const kinds: number[] = [];
  if (type === 'user' && prop(i, 'trust') === 'anonymous') kinds.push(0);
  if (type === 'data-source' && prop(i, 'origin') === 'public-web') kinds.push(1);
  if (type === 'data-source' && prop(i, 'origin') === 'user-generated') kinds.push(2);
  // A service serving public content (fetched pages, search results) is also public-web.
  if (type === 'external-service' && prop(i, 'publicContent') === true) kinds.push(1);
  if (type === 'external-service') kinds.push(3);
  if (zone === 'internet') kinds.push(4);
  return kinds.length === 0 ? NONE : kinds;
}

type PropOf = (index: number, name: string) => PropValue | undefined;

/** The content origin a component's output counts as, or -1 when it is none (people send prompts, not content). */
function contentOriginOf(type: string, i: number, prop: PropOf): number {
  if (type === 'data-source') {
    const origin = prop(i, 'origin');
    if (origin === 'user-generated') return CONTENT_ORIGINS.indexOf('user-upload');
    if (origin === 'partner' || origin === 'internal' || origin === 'public-web')
      return CONTENT_ORIGINS.indexOf(origin);
    return -1;
  }
  if (type === 'external-service')
    return CONTENT_ORIGINS.indexOf(prop(i, 'publicContent') === true ? 'public-web' : 'third-party-service');
  if (type === 'agent-tool') return CONTENT_ORIGINS.indexOf('tool-output');
  return -1;
}

/** Agents and LLM applications: a flow between two of them is one agent messaging another. */
const AGENT_TYPES: ReadonlySet<string> = new Set(['agent', 'llm-app']);

/**
 * What the graph analyses start from and what they let through, for one context: shared by the full
 * analysis below and by its extension over added flows (graphFactsExtension.ts), so both compute the
 * very same facts.
 */
export interface GraphSpecs {
  typeIds: string[];
  typeLabel: Map<string, number>;
  ownType: (readonly number[])[];
  originKinds: (readonly number[])[];
  /** Per component: the principal its prompts carry, and the content origin its output counts as (-1: none). */
  principal: number[];
  origin: number[];
  untrustedOptions: UntrustedPathOptions;
  promptOptions: FlowLabelOptions;
  promptUnguardedOptions: FlowLabelOptions;
  contentOptions: FlowLabelOptions;
  contentUnguardedOptions: FlowLabelOptions;
  /** An inference API that receives prompts: the one label of `reachesPromptedApi`. */
  promptedApi: (index: number) => readonly number[];
  isHumanReview: (index: number) => boolean;
  llmDriven: number[];
  unapproved: number[];
  /** LLM-driven components that are untrusted origins or reached by untrusted input. */
  exposed: (untrusted: UntrustedPathAnalysis) => number[];
}

/**
 * The specs of a context. Everything per component depends on types, properties and zones only, so
 * `reuse` (the facts of a context with the same components) lends its arrays.
 */
export function graphSpecs(input: GraphInputs, reuse?: GraphFacts): GraphSpecs {
  const { graph, types, prop, zones } = input;
  const { typeIds, typeLabel } = reuse ?? typeLabelsOf(input.library);
  const ownType = reuse?.specs.ownType ?? types.map((t) => single(typeLabel.get(t) ?? 0));
  const originKinds = reuse?.originKinds ?? types.map((t, i) => originKindsOf(t, i, prop, zones[i]!));
  const origins =
    reuse?.specs.untrustedOptions.origins ??
    indicesWhere(originKinds.length, (i) => originKinds[i]!.length > 0);

  // Guards are typed: only a guardrail that screens for injection (or everything) or a validating
  // pipeline stops injected instructions. A PII scrubber is not an injection guard.
  const isGuard = (i: number) =>
    (types[i] === 'guardrail' &&
      prop(i, 'direction') !== 'output' &&
      (prop(i, 'catches') ?? 'all') !== 'sensitive-data' &&
      prop(i, 'catches') !== 'harmful-content') ||
    (types[i] === 'data-pipeline' && prop(i, 'validatesData') === true);
  // Every analysis asks each flow's kind; read from the document once.
  let kinds: (string | undefined)[] | undefined;
  const kindOf = (k: number) => (kinds ??= input.doc.dataFlows.map((f) => f.props?.kind))[k];
  const untrustedOptions: UntrustedPathOptions = {
    origins,
    startsIndirect: (i) => types[i] !== 'user',
    isGuard,
    makesIndirect: (i) => INDIRECT_TYPES.has(types[i]!),
    terminal: (k) => kindOf(k) === 'query',
  };

  // Principals: a user's flows carry its principal; a message from one agent to another carries
  // `agent`. Prompts do not travel along responses or updates; they travel through applications, models,
  // guards and processes, but a store, tool, source or service does not forward them: what comes
  // out of those is content, not a prompt.
  const principal =
    reuse?.specs.principal ??
    types.map((t, i) => (t === 'user' ? principalOf(t, (name) => prop(i, name)) : -1));
  const agentLabel = PRINCIPALS.indexOf('agent');
  let agents: Uint8Array | undefined;
  const isAgent = (i: number) =>
    (agents ??= flagsOf(types.length, (j) => AGENT_TYPES.has(types[j]!)))[i] === 1;
  const isAgentMessage = (k: number) => isAgent(graph.flowSource[k]!) && isAgent(graph.flowTarget[k]!);
  const principalSeeds = (k: number): readonly number[] => {
    const own = principal[graph.flowSource[k]!]!;
    if (own >= 0) return single(own);
    return isAgentMessage(k) ? single(agentLabel) : NONE;
  };
  const forwardsPrompts = (i: number) => types[i] !== 'user' && !INDIRECT_TYPES.has(types[i]!);
  const promptOptions: FlowLabelOptions = {
    labelCount: PRINCIPALS.length,
    seeds: principalSeeds,
    passes: forwardsPrompts,
    carries: (k: number) => kindOf(k) !== 'response' && kindOf(k) !== 'update',
  };
  // Content origins: a source's, service's or tool's output carries its origin, and any flow from
  // one agent to another carries `agent-output`. Content travels through stores (what is written
  // is read back) but not back along a query, and not into people.
  const origin = reuse?.specs.origin ?? types.map((t, i) => contentOriginOf(t, i, prop));
  const agentOutput = CONTENT_ORIGINS.indexOf('agent-output');
  const contentSeeds = (k: number): readonly number[] => {
    const own = origin[graph.flowSource[k]!]!;
    if (!isAgentMessage(k)) return own >= 0 ? single(own) : NONE;
    return own >= 0 ? [own, agentOutput] : single(agentOutput);
  };
  const contentOptions: FlowLabelOptions = {
    labelCount: CONTENT_ORIGINS.length,
    seeds: contentSeeds,
    passes: (i: number) => types[i] !== 'user',
    carries: (k: number) => kindOf(k) !== 'query' && kindOf(k) !== 'update',
  };
  const receivesPrompts = (i: number) => {
    for (let e = graph.inStart[i]!; e < graph.inStart[i + 1]!; e++)
      if (input.doc.dataFlows[graph.inFlow[e]!]!.props?.data?.includes('prompts')) return true;
    return false;
  };
  const promptedApi = (i: number) => (types[i] === 'inference-api' && receivesPrompts(i) ? PROMPTED : NONE);

  // A supervised agent asks a person before it acts, so it approves like a human-review step: it
  // drives nothing on its own, and a model behind it drives nothing through it.
  const supervised = (i: number) => types[i] === 'agent' && prop(i, 'autonomy') === 'supervised';
  const isHumanReview = (i: number) => types[i] === 'human-review' || supervised(i);
  const llmDriven =
    reuse?.specs.llmDriven ??
    indicesWhere(types.length, (i) => LLM_DRIVEN_TYPES.has(types[i]!) && !supervised(i));
  const unapproved =
    reuse?.specs.unapproved ??
    indicesWhere(
      types.length,
      (i) => types[i] === 'agent-tool' && prop(i, 'access') !== 'read' && prop(i, 'humanApproval') !== true,
    );
  return {
    typeIds,
    typeLabel,
    ownType,
    originKinds,
    untrustedOptions,
    promptOptions,
    promptUnguardedOptions: { ...promptOptions, passes: (i) => forwardsPrompts(i) && !isGuard(i) },
    contentOptions,
    contentUnguardedOptions: { ...contentOptions, passes: (i) => types[i] !== 'user' && !isGuard(i) },
    promptedApi,
    isHumanReview,
    llmDriven,
    unapproved,
    exposed: (untrusted) => llmDriven.filter((i) => originKinds[i]!.length > 0 || reachedBy(untrusted, i)),
    principal,
    origin,
  };
}

const typeLabelsByLibrary = new WeakMap<Library, { typeIds: string[]; typeLabel: Map<string, number> }>();

/** The catalogue's types in label order, and each type's label: once per library, which never changes. */
function typeLabelsOf(library: Library): { typeIds: string[]; typeLabel: Map<string, number> } {
  let labels = typeLabelsByLibrary.get(library);
  if (!labels) {
    const typeIds = [...library.catalogue.types.keys()];
    labels = { typeIds, typeLabel: new Map(typeIds.map((t, i) => [t, i])) };
    typeLabelsByLibrary.set(library, labels);
  }
  return labels;
}

/** 1 for each index below `count` that satisfies `test` (a loop: `Uint8Array.from` iterates). */
function flagsOf(count: number, test: (index: number) => boolean): Uint8Array {
  const flags = new Uint8Array(count);
  for (let i = 0; i < count; i++) if (test(i)) flags[i] = 1;
  return flags;
}

/** The indices below `count` that satisfy `test`, in order (a loop: `flatMap` made an array per component). */
function indicesWhere(count: number, test: (index: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) if (test(i)) out.push(i);
  return out;
}

const PROMPTED: readonly number[] = [0];
const NONE: readonly number[] = [];
/** One-label seed lists, shared: asked for once per flow and analysis, they need not be new arrays. */
const SINGLES: readonly (readonly number[])[] = Array.from({ length: 32 }, (_, l) => [l]);
const single = (label: number): readonly number[] => SINGLES[label] ?? [label];

/** All graph facts, each one linear pass over the model, shared by every rule. */
export function analyseGraph(input: GraphInputs): GraphFacts {
  const { graph } = input;
  const specs = graphSpecs(input);
  const { typeIds, ownType, originKinds, isHumanReview } = specs;
  const untrusted = analyseUntrustedPaths(graph, specs.untrustedOptions);
  const types = { labelCount: typeIds.length, ownLabels: (i: number) => ownType[i]! };
  // Two searches, one per direction, instead of one per label set.
  const [upstreamTypes, upstreamOrigins] = propagateLabelGroups(graph, 'forward', [
    types,
    { labelCount: ORIGIN_KINDS.length, ownLabels: (i) => originKinds[i]! },
  ]);
  const [downstreamTypes, reachesPromptedApi] = propagateLabelGroups(graph, 'backward', [
    types,
    { labelCount: 1, ownLabels: specs.promptedApi },
  ]);
  // Who prompts and where content comes from, guarded or not: one search for all four.
  const [prompters, promptersUnguarded, content, contentUnguarded] = propagateFlowLabelGroups(graph, [
    specs.promptOptions,
    specs.promptUnguardedOptions,
    specs.contentOptions,
    specs.contentUnguardedOptions,
  ]);
  return {
    typeIds,
    typeLabel: specs.typeLabel,
    originKinds,
    specs,
    untrusted,
    upstreamTypes,
    downstreamTypes,
    upstreamOrigins,
    llmDriven: reachFrom(graph, specs.llmDriven, 'forward', isHumanReview),
    exposedLlmDriven: reachFrom(graph, specs.exposed(untrusted), 'forward', isHumanReview),
    unapprovedTools: reachFrom(graph, specs.unapproved, 'backward', isHumanReview),
    prompters,
    promptersUnguarded,
    content,
    contentUnguarded,
    reachesPromptedApi,
  };
}
