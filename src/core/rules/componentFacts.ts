import { ZONES } from '../model/vocabulary';
import { hasLabel, labelPath, labelsOf, type LabelSets } from '../graph/labelPropagation';
import { isReached, orient, pathTo } from '../graph/reachability';
import { reachedBy, untrustedPath, type PathQuery } from '../graph/untrustedPaths';
import type { Catalogue } from '../library/catalogue';
import type { FactDefinition } from './factTypes';
import type { FactValue } from '../library/librarySchema';
import type { EvaluationContext } from './evaluationContext';
import { CONTENT_ORIGINS, ORIGIN_KINDS, PRINCIPALS, principalOf } from './graphFacts';
import { flowLabelPath, flowLabelsOf, hasFlowLabel, type FlowLabels } from '../graph/flowLabels';
import { FLOW_KINDS } from '../model/vocabulary';

/**
 * Facts about a component. Graph facts read the analysis computed once per evaluation
 * (graphFacts.ts); none of them searches the graph per rule.
 */
const ZONE_VALUES = [...ZONES, 'none'];
const FLOW_KIND_VALUES = [...FLOW_KINDS, 'unspecified'];

/** Computes a component fact once per component per evaluation. */
function memoised(
  name: string,
  compute: (ctx: EvaluationContext, i: number) => FactValue,
): (ctx: EvaluationContext, i: number) => FactValue {
  return (ctx, i) => {
    let cache = ctx.memo.get(name);
    if (!cache) {
      cache = new Array<FactValue | undefined>(ctx.types.length);
      ctx.memo.set(name, cache);
    }
    const hit = cache[i];
    if (hit !== undefined) return hit;
    const value = compute(ctx, i);
    cache[i] = value;
    return value;
  };
}

function untrustedFact(name: string, query: PathQuery, description: string, phrase: string): FactDefinition {
  return {
    name,
    target: 'component',
    valueType: 'boolean',
    description,
    phrase,
    get: (ctx, i) => reachedBy(ctx.facts.untrusted, i, query),
    path: (ctx, i) => untrustedPath(ctx.facts.untrusted, i, query),
  };
}

function labelListFact(
  name: string,
  sets: (ctx: EvaluationContext) => LabelSets,
  labelNames: (ctx: EvaluationContext) => readonly string[],
  description: string,
  phrase: string,
  backward: boolean,
  values?: readonly string[],
): FactDefinition {
  return {
    name,
    target: 'component',
    valueType: 'list',
    ...(values ? { values } : {}),
    description,
    phrase,
    get: memoised(name, (ctx, i) => {
      const names = labelNames(ctx);
      return labelsOf(sets(ctx), i).map((l) => names[l]!);
    }),
    path: (ctx, i, value) => {
      const names = labelNames(ctx);
      const wanted = Array.isArray(value) ? value : [value];
      for (const v of wanted) {
        const label = names.indexOf(String(v));
        if (label >= 0 && hasLabel(sets(ctx), i, label))
          return orient(labelPath(sets(ctx), i, label), backward ? 'backward' : 'forward');
      }
      return undefined;
    },
  };
}

function flowLabelFact(
  name: string,
  labels: (ctx: EvaluationContext) => FlowLabels,
  values: readonly string[],
  description: string,
  phrase: string,
): FactDefinition {
  return {
    name,
    target: 'component',
    valueType: 'list',
    values,
    description,
    phrase,
    get: memoised(name, (ctx, i) => flowLabelsOf(labels(ctx), i).map((l) => values[l]!)),
    path: (ctx, i, value) => {
      const wanted = Array.isArray(value) ? value : [value];
      for (const v of wanted) {
        const label = values.indexOf(String(v));
        if (label >= 0 && hasFlowLabel(labels(ctx), i, label)) return flowLabelPath(labels(ctx), i, label);
      }
      return undefined;
    },
  };
}

/** Where prompts enter a model's context: the finding for injection belongs on exactly one component per path. */
function isModelContext(ctx: EvaluationContext, i: number): boolean {
  const type = ctx.types[i]!;
  if (type === 'llm') return true;
  const downstream = ctx.facts.downstreamTypes;
  const llm = ctx.facts.typeLabel.get('llm');
  const hasDownstreamLlm = llm !== undefined && hasLabel(downstream, i, llm);
  if (type === 'inference-api')
    return !hasDownstreamLlm && neighbourList(ctx, i, 'in', 'data').includes('prompts');
  if (type === 'llm-app' || type === 'agent')
    return !hasDownstreamLlm && !hasLabel(ctx.facts.reachesPromptedApi, i, 0);
  return false;
}

function neighbourList(
  ctx: EvaluationContext,
  i: number,
  direction: 'in' | 'out',
  pick: 'types' | 'data' | 'kinds',
): string[] {
  const g = ctx.graph;
  const start = direction === 'in' ? g.inStart : g.outStart;
  const other = direction === 'in' ? g.inSource : g.outTarget;
  const flows = direction === 'in' ? g.inFlow : g.outFlow;
  const out = new Set<string>();
  for (let e = start[i]!; e < start[i + 1]!; e++) {
    if (pick === 'types') out.add(ctx.types[other[e]!]!);
    else if (pick === 'kinds') out.add(ctx.doc.dataFlows[flows[e]!]!.props?.kind ?? 'unspecified');
    else for (const d of ctx.doc.dataFlows[flows[e]!]!.props?.data ?? []) out.add(d);
  }
  return [...out].sort();
}

export function componentFacts(catalogue: Catalogue): FactDefinition[] {
  const typeIds = [...catalogue.types.keys()];
  const facts: FactDefinition[] = [
    {
      name: 'type',
      target: 'component',
      valueType: 'string',
      values: typeIds,
      description: 'The component type id.',
      phrase: 'type',
      get: (ctx, i) => ctx.types[i]!,
    },
    {
      name: 'zone',
      target: 'component',
      valueType: 'string',
      values: ZONE_VALUES,
      description: 'Zone of the trust boundary the component sits in ("none" outside every boundary).',
      phrase: 'zone',
      get: (ctx, i) => ctx.zones[i]!,
    },
    {
      name: 'inBoundary',
      target: 'component',
      valueType: 'boolean',
      description: 'Whether the component sits in a trust boundary.',
      phrase: 'placed in a trust boundary',
      get: (ctx, i) => ctx.doc.components[i]!.boundaryId != null,
    },
    {
      name: 'isUntrustedOrigin',
      target: 'component',
      valueType: 'boolean',
      description:
        'The component is itself a source of untrusted input: an anonymous user, a public-web or user-generated data source, an external service, or anything in the internet zone.',
      phrase: 'it is a source of untrusted input',
      get: (ctx, i) => ctx.facts.originKinds[i]!.length > 0,
    },
    {
      name: 'originKinds',
      target: 'component',
      valueType: 'list',
      values: ORIGIN_KINDS,
      description: 'Why the component counts as an untrusted origin, if it does.',
      phrase: 'kind of untrusted origin',
      get: (ctx, i) => ctx.facts.originKinds[i]!.map((k) => ORIGIN_KINDS[k]!),
    },
    untrustedFact(
      'untrusted.reachable',
      {},
      'Some path of data flows leads from an untrusted origin to this component.',
      'untrusted input reaches it',
    ),
    untrustedFact(
      'untrusted.unguarded',
      { guarded: false },
      'Some path from an untrusted origin reaches this component without passing an input guardrail or a validating data pipeline.',
      'untrusted input reaches it without passing a guardrail or validating pipeline',
    ),
    untrustedFact(
      'untrusted.indirect',
      { indirect: true },
      'Untrusted content reaches this component indirectly: through a data source, store, retrieval index, memory, tool or external service.',
      'untrusted content reaches it indirectly',
    ),
    untrustedFact(
      'untrusted.indirectUnguarded',
      { guarded: false, indirect: true },
      'Untrusted content reaches this component indirectly and without passing a guardrail or validating pipeline.',
      'untrusted content reaches it indirectly and unguarded',
    ),
    labelListFact(
      'untrusted.origins',
      (ctx) => ctx.facts.upstreamOrigins,
      () => ORIGIN_KINDS,
      'Kinds of untrusted origin upstream of the component.',
      'untrusted origins upstream',
      false,
      ORIGIN_KINDS,
    ),
    labelListFact(
      'upstream.types',
      (ctx) => ctx.facts.upstreamTypes,
      (ctx) => ctx.facts.typeIds,
      'Types of every component with a path of data flows to this one.',
      'types upstream',
      false,
      typeIds,
    ),
    labelListFact(
      'downstream.types',
      (ctx) => ctx.facts.downstreamTypes,
      (ctx) => ctx.facts.typeIds,
      'Types of every component this one has a path of data flows to.',
      'types downstream',
      true,
      typeIds,
    ),
    {
      name: 'in.types',
      target: 'component',
      valueType: 'list',
      values: typeIds,
      description: 'Types of the components that send data flows directly to this one.',
      phrase: 'direct sources',
      get: memoised('in.types', (ctx, i) => neighbourList(ctx, i, 'in', 'types')),
    },
    {
      name: 'out.types',
      target: 'component',
      valueType: 'list',
      values: typeIds,
      description: 'Types of the components this one sends data flows to directly.',
      phrase: 'direct destinations',
      get: memoised('out.types', (ctx, i) => neighbourList(ctx, i, 'out', 'types')),
    },
    {
      name: 'in.data',
      target: 'component',
      valueType: 'list',
      description: 'Data categories on the flows into this component.',
      phrase: 'data received',
      get: memoised('in.data', (ctx, i) => neighbourList(ctx, i, 'in', 'data')),
    },
    {
      name: 'out.data',
      target: 'component',
      valueType: 'list',
      description: 'Data categories on the flows out of this component.',
      phrase: 'data sent',
      get: memoised('out.data', (ctx, i) => neighbourList(ctx, i, 'out', 'data')),
    },
    {
      name: 'in.kinds',
      target: 'component',
      valueType: 'list',
      values: FLOW_KIND_VALUES,
      description: 'Kinds of the data flows into this component ("unspecified" for a flow without a kind).',
      phrase: 'kinds of incoming flows',
      get: memoised('in.kinds', (ctx, i) => neighbourList(ctx, i, 'in', 'kinds')),
    },
    {
      name: 'out.kinds',
      target: 'component',
      valueType: 'list',
      values: FLOW_KIND_VALUES,
      description: 'Kinds of the data flows out of this component ("unspecified" for a flow without a kind).',
      phrase: 'kinds of outgoing flows',
      get: memoised('out.kinds', (ctx, i) => neighbourList(ctx, i, 'out', 'kinds')),
    },
    {
      name: 'in.count',
      target: 'component',
      valueType: 'number',
      description: 'Number of data flows into the component.',
      phrase: 'incoming flows',
      get: (ctx, i) => ctx.graph.inStart[i + 1]! - ctx.graph.inStart[i]!,
    },
    {
      name: 'out.count',
      target: 'component',
      valueType: 'number',
      description: 'Number of data flows out of the component.',
      phrase: 'outgoing flows',
      get: (ctx, i) => ctx.graph.outStart[i + 1]! - ctx.graph.outStart[i]!,
    },
    {
      name: 'principal',
      target: 'component',
      valueType: 'string',
      values: [...PRINCIPALS.filter((p) => p !== 'agent'), 'none'],
      description:
        'Who a user component stands for, from Trust and Affiliation: anonymous (trust anonymous), operator (trust privileged), else employee, partner or customer by affiliation; "none" for other types.',
      phrase: 'principal',
      get: (ctx, i) => {
        const p = principalOf(ctx.types[i]!, (name) => ctx.prop(i, name));
        return p < 0 ? 'none' : PRINCIPALS[p]!;
      },
    },
    flowLabelFact(
      'prompters',
      (ctx) => ctx.facts.prompters,
      PRINCIPALS,
      'Principals whose prompts or messages reach this component: users by principal, and `agent` when another agent or LLM application messages it. Prompts pass through applications, models, guards and processes, not through stores, tools, data sources or external services, and not along flows of kind response or update.',
      'principals prompting it',
    ),
    flowLabelFact(
      'prompters.unguarded',
      (ctx) => ctx.facts.promptersUnguarded,
      PRINCIPALS,
      'Like prompters, counting only prompts that reach it without passing an injection guard (a guardrail that catches injection or all, or a validating pipeline).',
      'principals prompting it past no injection guard',
    ),
    flowLabelFact(
      'content.origins',
      (ctx) => ctx.facts.content,
      CONTENT_ORIGINS,
      'Origins of the content that reaches this component: a data source by its origin (user-generated counts as user-upload), an external service (public-web when it serves public content, else third-party-service), an agent tool (tool-output), and agent-output for anything one agent or LLM application sends another. Content passes through stores, not along query or update flows, and not through people.',
      'content origins reaching it',
    ),
    flowLabelFact(
      'content.unguarded',
      (ctx) => ctx.facts.contentUnguarded,
      CONTENT_ORIGINS,
      'Like content.origins, counting only content that reaches it without passing an injection guard.',
      'content origins reaching it past no injection guard',
    ),
    {
      name: 'isModelContext',
      target: 'component',
      valueType: 'boolean',
      description:
        "The component is where prompts enter a model's context: an llm; an inference-api that receives prompts and has no llm drawn behind it; an llm-app or agent with neither an llm nor a prompt-receiving inference-api downstream. Injection and jailbreak findings land here, once per path.",
      phrase: "prompts enter a model's context here",
      get: memoised('isModelContext', (ctx, i) => isModelContext(ctx, i)),
    },
    {
      name: 'agency.drivenByLlm',
      target: 'component',
      valueType: 'boolean',
      description:
        'An LLM, LLM application or autonomous agent can send data to this component through a path without a human-review step (a supervised agent counts as one).',
      phrase: 'a model-driven component can invoke it without human review',
      get: (ctx, i) => isReached(ctx.facts.llmDriven, i),
      path: (ctx, i) => pathTo(ctx.facts.llmDriven, i),
    },
    {
      name: 'agency.drivenByExposedLlm',
      target: 'component',
      valueType: 'boolean',
      description:
        'Like agency.drivenByLlm, and that model-driven component itself receives untrusted input.',
      phrase: 'a model-driven component that receives untrusted input can invoke it without human review',
      get: (ctx, i) => isReached(ctx.facts.exposedLlmDriven, i),
      path: (ctx, i) => pathTo(ctx.facts.exposedLlmDriven, i),
    },
    {
      name: 'agency.reachesUnapprovedTool',
      target: 'component',
      valueType: 'boolean',
      description:
        'A write or execute agent tool without human approval can be reached from this component without a human-review step.',
      phrase: 'it can reach a write or execute tool that needs no human approval',
      // A supervised agent asks a person before each action, so its own tools count as approved.
      get: (ctx, i) =>
        isReached(ctx.facts.unapprovedTools, i) &&
        !(ctx.types[i] === 'agent' && ctx.prop(i, 'autonomy') === 'supervised'),
      path: (ctx, i) => orient(pathTo(ctx.facts.unapprovedTools, i), 'backward'),
    },
  ];
  for (const [name, declaration] of catalogue.properties) {
    facts.push({
      name: `prop.${name}`,
      target: 'component',
      valueType: declaration.kind === 'boolean' ? 'boolean' : 'string',
      ...(declaration.kind === 'enum' ? { values: declaration.values } : {}),
      description: `The "${name}" property (${declaration.label}); the catalogue default when not set, null for types without it.`,
      phrase: declaration.label,
      get: (ctx, i) => (ctx.prop(i, name) as string | boolean | undefined) ?? null,
      defaulted: (ctx, i) => ctx.isDefaulted(i, name),
    });
    // `prop.<name>` falls back to the catalogue default, so `exists` cannot tell a value the model
    // states from one it leaves out. Rules that must rest only on what the model says ask this.
    facts.push({
      name: `set.${name}`,
      target: 'component',
      valueType: 'boolean',
      description: `Whether the model itself sets the "${name}" property (${declaration.label}), rather than leaving it to the catalogue default; false for types without it.`,
      phrase: `${declaration.label.toLowerCase()} is set in the model`,
      get: (ctx, i) => ctx.prop(i, name) !== undefined && !ctx.isDefaulted(i, name),
    });
  }
  return facts;
}
