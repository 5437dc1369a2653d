import { hasLabel, labelPath, labelsOf, type LabelSets } from '../graph/labelSets';
import { orient } from '../graph/reachability';
import { reachedBy, untrustedPath, type PathQuery } from '../graph/untrustedPaths';
import { flowLabelPath, flowLabelsOf, hasFlowLabel, type FlowLabels } from '../graph/flowLabelSets';
import type { FactValue } from '../library/librarySchema';
import type { EvaluationContext } from './evaluationContext';
import type { FactDefinition } from './factTypes';

/**
 * Building blocks of component facts: memoisation per evaluation, and fact definitions over the
 * graph analysis computed once per evaluation (graphFacts.ts), so no fact searches the graph per rule.
 */

/** Computes a component fact once per component per evaluation. */
export function memoised(
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

export function untrustedFact(
  name: string,
  query: PathQuery,
  description: string,
  phrase: string,
): FactDefinition {
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

export function labelListFact(
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
    has: (ctx, i, value) => {
      const label = labelNames(ctx).indexOf(value);
      return label >= 0 && hasLabel(sets(ctx), i, label);
    },
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

export function flowLabelFact(
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
    has: (ctx, i, value) => {
      const label = values.indexOf(value);
      return label >= 0 && hasFlowLabel(labels(ctx), i, label);
    },
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

/** Distinct types, data categories or flow kinds on a component's direct incoming or outgoing flows, sorted. */
export function neighbourList(
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

/**
 * Whether `neighbourList(ctx, i, direction, pick)` includes `value`, read straight from the flows
 * (no set, no sorted list).
 */
export function neighbourHas(
  ctx: EvaluationContext,
  i: number,
  direction: 'in' | 'out',
  pick: 'types' | 'data' | 'kinds',
  value: string,
): boolean {
  const g = ctx.graph;
  const start = direction === 'in' ? g.inStart : g.outStart;
  const other = direction === 'in' ? g.inSource : g.outTarget;
  const flows = direction === 'in' ? g.inFlow : g.outFlow;
  for (let e = start[i]!; e < start[i + 1]!; e++) {
    if (pick === 'types') {
      if (ctx.types[other[e]!] === value) return true;
    } else if (pick === 'kinds') {
      if ((ctx.doc.dataFlows[flows[e]!]!.props?.kind ?? 'unspecified') === value) return true;
    } else if ((ctx.doc.dataFlows[flows[e]!]!.props?.data as readonly string[] | undefined)?.includes(value))
      return true;
  }
  return false;
}
