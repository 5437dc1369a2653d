import { ZONES, FLOW_KINDS } from '../model/vocabulary';
import { pushAll } from '../model/pushAll';
import { isReached, orient, pathTo } from '../graph/reachability';
import type { Catalogue } from '../library/catalogue';
import type { FactDefinition } from './factTypes';
import { ORIGIN_KINDS } from './graphVocabulary';
import { labelListFact, memoised, neighbourHas, neighbourList, untrustedFact } from './componentFactBuilders';
import { promptAndContentFacts } from './promptFacts';
import { propertyFacts } from './propertyFacts';

/**
 * Facts about a component: its place, untrusted input reaching it, its neighbours and agency.
 * Who prompts it and what content reaches it are in promptFacts.ts, its properties in
 * propertyFacts.ts. Graph facts read the analysis computed once per evaluation (graphFacts.ts);
 * none of them searches the graph per rule.
 */
const ZONE_VALUES = [...ZONES, 'none'];
const FLOW_KIND_VALUES = [...FLOW_KINDS, 'unspecified'];

/**
 * Each component's origin kinds as bits, one small array per analysis: flow rules ask them of both
 * ends of every flow, and reading each end's own kinds list (scattered over the heap) was a cache
 * miss per read on large models. An analysis never changes its lists once built.
 */
const originBitsOf = new WeakMap<readonly (readonly number[])[], Int32Array>();

function originBits(originKinds: readonly (readonly number[])[]): Int32Array {
  let bits = originBitsOf.get(originKinds);
  if (bits) return bits;
  bits = new Int32Array(originKinds.length); // room for 31 kinds (there are 5)
  for (let i = 0; i < originKinds.length; i++) for (const kind of originKinds[i]!) bits[i]! |= 1 << kind;
  originBitsOf.set(originKinds, bits);
  return bits;
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
      get: memoised('originKinds', (ctx, i) => ctx.facts.originKinds[i]!.map((k) => ORIGIN_KINDS[k]!)),
      has: (ctx, i, value) => {
        const bits = originBits(ctx.facts.originKinds)[i]!;
        // Most components are no untrusted origin: nothing to look up. (A value no kind has: -1, no bit.)
        const kind = ORIGIN_KINDS.indexOf(value as (typeof ORIGIN_KINDS)[number]);
        return bits !== 0 && kind >= 0 && (bits & (1 << kind)) !== 0;
      },
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
      has: (ctx, i, value) => neighbourHas(ctx, i, 'in', 'types', value),
    },
    {
      name: 'out.types',
      target: 'component',
      valueType: 'list',
      values: typeIds,
      description: 'Types of the components this one sends data flows to directly.',
      phrase: 'direct destinations',
      get: memoised('out.types', (ctx, i) => neighbourList(ctx, i, 'out', 'types')),
      has: (ctx, i, value) => neighbourHas(ctx, i, 'out', 'types', value),
    },
    {
      name: 'in.data',
      target: 'component',
      valueType: 'list',
      description: 'Data categories on the flows into this component.',
      phrase: 'data received',
      get: memoised('in.data', (ctx, i) => neighbourList(ctx, i, 'in', 'data')),
      has: (ctx, i, value) => neighbourHas(ctx, i, 'in', 'data', value),
    },
    {
      name: 'out.data',
      target: 'component',
      valueType: 'list',
      description: 'Data categories on the flows out of this component.',
      phrase: 'data sent',
      get: memoised('out.data', (ctx, i) => neighbourList(ctx, i, 'out', 'data')),
      has: (ctx, i, value) => neighbourHas(ctx, i, 'out', 'data', value),
    },
    {
      name: 'in.kinds',
      target: 'component',
      valueType: 'list',
      values: FLOW_KIND_VALUES,
      description: 'Kinds of the data flows into this component ("unspecified" for a flow without a kind).',
      phrase: 'kinds of incoming flows',
      get: memoised('in.kinds', (ctx, i) => neighbourList(ctx, i, 'in', 'kinds')),
      has: (ctx, i, value) => neighbourHas(ctx, i, 'in', 'kinds', value),
    },
    {
      name: 'out.kinds',
      target: 'component',
      valueType: 'list',
      values: FLOW_KIND_VALUES,
      description: 'Kinds of the data flows out of this component ("unspecified" for a flow without a kind).',
      phrase: 'kinds of outgoing flows',
      get: memoised('out.kinds', (ctx, i) => neighbourList(ctx, i, 'out', 'kinds')),
      has: (ctx, i, value) => neighbourHas(ctx, i, 'out', 'kinds', value),
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
    ...promptAndContentFacts(),
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
  pushAll(facts, propertyFacts(catalogue));
  return facts;
}
