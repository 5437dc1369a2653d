import { DATA_CATEGORIES, FLOW_KINDS, ZONES } from '../model/vocabulary';
import type { FactDefinition } from './factTypes';
import type { EvaluationContext } from './evaluationContext';
import { listBitsReader } from './listBits';

/** Facts about data flows, trust boundaries and the model as a whole. */
const ZONE_VALUES = [...ZONES, 'none'];

/** Wraps a component fact so a flow rule can ask it of the flow's source or target (`source.type`). */
export function endpointFact(end: 'source' | 'target', fact: FactDefinition): FactDefinition {
  // One closure per end, reading the end's index straight from the graph: this runs for every
  // flow rule on every flow, so no shared helper deciding the end on each call.
  const get = fact.get;
  const at =
    end === 'source'
      ? (ctx: EvaluationContext, k: number) => ctx.graph.flowSource[k]!
      : (ctx: EvaluationContext, k: number) => ctx.graph.flowTarget[k]!;
  return {
    ...fact,
    name: `${end}.${fact.name}`,
    target: 'dataFlow',
    description: `Of the flow's ${end}: ${fact.description}`,
    phrase: `${end} ${fact.phrase}`,
    get:
      end === 'source'
        ? (ctx, k) => get(ctx, ctx.graph.flowSource[k]!)
        : (ctx, k) => get(ctx, ctx.graph.flowTarget[k]!),
    ...(fact.path ? { path: (ctx, k, value) => fact.path!(ctx, at(ctx, k), value) } : {}),
    ...(fact.defaulted ? { defaulted: (ctx, k) => fact.defaulted!(ctx, at(ctx, k)) } : {}),
    endpoint: { end, fact },
  };
}

// The ends of flow k are read straight from the graph index: these facts run for every flow rule
// on every flow, so no pair is allocated per call.
const sourceOf = (ctx: EvaluationContext, k: number): number => ctx.graph.flowSource[k]!;
const targetOf = (ctx: EvaluationContext, k: number): number => ctx.graph.flowTarget[k]!;
/**
 * Each component's boundary as a number (one per distinct boundary id, -1 for none), per context:
 * comparing two numbers from one small array instead of reading both end components' objects,
 * scattered over the heap, for every flow on every rule that asks. A context keeps its components'
 * boundaries (the incremental evaluator builds a new context when one moves), so this stays valid.
 */
const boundaryKeys = new WeakMap<EvaluationContext, Int32Array>();

function boundaryKeysOf(ctx: EvaluationContext): Int32Array {
  let keys = boundaryKeys.get(ctx);
  if (keys) return keys;
  const components = ctx.doc.components;
  const numbers = new Map<string, number>();
  keys = new Int32Array(components.length);
  for (let i = 0; i < components.length; i++) {
    const id = components[i]!.boundaryId;
    if (id == null) keys[i] = -1;
    else {
      let n = numbers.get(id);
      if (n === undefined) numbers.set(id, (n = numbers.size));
      keys[i] = n;
    }
  }
  boundaryKeys.set(ctx, keys);
  return keys;
}

/** Shared by every flow without data categories: facts' values are read, never changed. */
const NO_DATA: readonly string[] = Object.freeze([]);
const dataBits = listBitsReader(DATA_CATEGORIES);

export const dataFlowFacts: FactDefinition[] = [
  {
    name: 'data',
    target: 'dataFlow',
    valueType: 'list',
    values: DATA_CATEGORIES,
    description: 'Data categories the flow carries.',
    phrase: 'data',
    get: (ctx, k) => ctx.doc.dataFlows[k]!.props?.data ?? NO_DATA,
    bits: (ctx, k) => dataBits(ctx.doc.dataFlows[k]!.props?.data),
  },
  {
    name: 'encrypted',
    target: 'dataFlow',
    valueType: 'boolean',
    description: 'The flow is encrypted in transit (default false).',
    phrase: 'encrypted',
    get: (ctx, k) => ctx.doc.dataFlows[k]!.props?.encrypted ?? false,
    defaulted: (ctx, k) => ctx.doc.dataFlows[k]!.props?.encrypted === undefined,
  },
  {
    name: 'authenticated',
    target: 'dataFlow',
    valueType: 'boolean',
    description: 'Both ends of the flow are authenticated (default false).',
    phrase: 'authenticated',
    get: (ctx, k) => ctx.doc.dataFlows[k]!.props?.authenticated ?? false,
    defaulted: (ctx, k) => ctx.doc.dataFlows[k]!.props?.authenticated === undefined,
  },
  {
    name: 'kind',
    target: 'dataFlow',
    valueType: 'string',
    values: [...FLOW_KINDS, 'unspecified'],
    description:
      'What the flow does: message (a prompt or message to a model-driven component), query (a look-up answered from what the target holds), response (the answer to a message or query), write (content stored or published in the target), invoke (a call that makes the target act), update (a model, configuration or code delivered to run); "unspecified" when the model does not say.',
    phrase: 'flow kind',
    get: (ctx, k) => ctx.doc.dataFlows[k]!.props?.kind ?? 'unspecified',
  },
  {
    name: 'local',
    target: 'dataFlow',
    valueType: 'boolean',
    description:
      'The flow never leaves one device: keyboard input, a file saved or downloaded, a local pipe or IPC (default false). Transport encryption and authentication do not apply to it.',
    phrase: 'it stays on one device',
    get: (ctx, k) => ctx.doc.dataFlows[k]!.props?.local ?? false,
    defaulted: (ctx, k) => ctx.doc.dataFlows[k]!.props?.local === undefined,
  },
  {
    name: 'protocol',
    target: 'dataFlow',
    valueType: 'string',
    description: 'The protocol written on the flow, or "" if none.',
    phrase: 'protocol',
    get: (ctx, k) => ctx.doc.dataFlows[k]!.props?.protocol ?? '',
  },
  {
    name: 'crossesBoundary',
    target: 'dataFlow',
    valueType: 'boolean',
    description:
      'Source and target sit in different trust boundaries (or outside / inside one), or the flow is marked as crossing one.',
    phrase: 'it crosses a trust boundary',
    get: (ctx, k) => {
      if (ctx.doc.dataFlows[k]!.props?.crossesBoundary === true) return true;
      const keys = boundaryKeysOf(ctx);
      return keys[sourceOf(ctx, k)] !== keys[targetOf(ctx, k)];
    },
  },
  {
    name: 'crossesZone',
    target: 'dataFlow',
    valueType: 'boolean',
    description: 'Source and target sit in boundaries of different zones.',
    phrase: 'it crosses between zones',
    get: (ctx, k) => ctx.zones[sourceOf(ctx, k)] !== ctx.zones[targetOf(ctx, k)],
  },
  {
    name: 'sourceZone',
    target: 'dataFlow',
    valueType: 'string',
    values: ZONE_VALUES,
    description: "Zone of the source's trust boundary.",
    phrase: 'source zone',
    get: (ctx, k) => ctx.zones[sourceOf(ctx, k)]!,
  },
  {
    name: 'targetZone',
    target: 'dataFlow',
    valueType: 'string',
    values: ZONE_VALUES,
    description: "Zone of the target's trust boundary.",
    phrase: 'target zone',
    get: (ctx, k) => ctx.zones[targetOf(ctx, k)]!,
  },
];

export const trustBoundaryFacts: FactDefinition[] = [
  {
    name: 'zone',
    target: 'trustBoundary',
    valueType: 'string',
    values: ZONES,
    description: 'The zone of the trust boundary.',
    phrase: 'zone',
    get: (ctx, b) => ctx.doc.trustBoundaries[b]!.zone,
  },
  {
    name: 'parentZone',
    target: 'trustBoundary',
    valueType: 'string',
    values: ZONE_VALUES,
    description: 'Zone of the enclosing boundary, "none" at top level.',
    phrase: 'enclosing zone',
    get: (ctx, b) => ctx.parentZones[b]!,
  },
  {
    name: 'depth',
    target: 'trustBoundary',
    valueType: 'number',
    description: 'Nesting depth: 0 at top level.',
    phrase: 'nesting depth',
    get: (ctx, b) => ctx.boundaryDepth[b]!,
  },
  {
    name: 'contains.types',
    target: 'trustBoundary',
    valueType: 'list',
    description: 'Types of the components inside, nested boundaries included.',
    phrase: 'component types inside',
    get: (ctx, b) => ctx.boundaryContents[b]!,
  },
];

export const modelFacts: FactDefinition[] = [
  {
    name: 'types',
    target: 'model',
    valueType: 'list',
    description: 'Every component type present in the model.',
    phrase: 'component types in the model',
    // Once per context: every model rule reading it would otherwise scan every component.
    get: (ctx) => {
      let cache = ctx.memo.get('model:types');
      if (!cache) ctx.memo.set('model:types', (cache = []));
      return (cache[0] ??= [...new Set(ctx.types)].sort());
    },
  },
  {
    name: 'componentCount',
    target: 'model',
    valueType: 'number',
    description: 'Number of components.',
    phrase: 'number of components',
    get: (ctx) => ctx.doc.components.length,
  },
  {
    name: 'dataFlowCount',
    target: 'model',
    valueType: 'number',
    description: 'Number of data flows.',
    phrase: 'number of data flows',
    get: (ctx) => ctx.doc.dataFlows.length,
  },
  {
    name: 'zones',
    target: 'model',
    valueType: 'list',
    values: ZONES,
    description: 'Zones of the trust boundaries in the model.',
    phrase: 'zones in the model',
    get: (ctx) => [...new Set(ctx.doc.trustBoundaries.map((b) => b.zone))].sort(),
  },
];
