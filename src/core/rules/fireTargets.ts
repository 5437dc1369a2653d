import { flowName } from '../model/flowName';
import { MODEL_TARGET_ID, type TargetKind } from '../model/vocabulary';
import type { EvaluationContext } from './evaluationContext';
import type { Finding } from './finding';
import { fireRule, type ExplainInputs } from './fireRule';
import type { RootCauseCandidate } from './findingGroups';

/**
 * Fires every rule of the library on one target of the context's document, appending its
 * findings (unsorted, unlinked) to `out` and its root-cause candidates to `linked`. Full and
 * incremental evaluation both go through here, so they fire the same rules in the same order.
 */
export function fireTarget(
  ctx: EvaluationContext,
  kind: TargetKind,
  i: number,
  out: Finding[],
  linked: RootCauseCandidate[],
  explain: ExplainInputs,
): void {
  const { index } = ctx.library;
  const doc = ctx.doc;
  if (kind === 'component') {
    const component = doc.components[i]!;
    const rules = index.componentByType.get(component.type);
    if (rules)
      for (const rule of rules)
        fireRule(ctx, rule, kind, i, component.id, component.label, out, linked, explain);
    for (const rule of index.componentAnyType)
      fireRule(ctx, rule, kind, i, component.id, component.label, out, linked, explain);
  } else if (kind === 'dataFlow') {
    const flow = doc.dataFlows[i]!;
    const label = flowLabel(ctx, i);
    for (const rule of index.byTarget.get('dataFlow')!)
      fireRule(ctx, rule, kind, i, flow.id, label, out, linked, explain);
  } else if (kind === 'trustBoundary') {
    const boundary = doc.trustBoundaries[i]!;
    for (const rule of index.byTarget.get('trustBoundary')!)
      fireRule(ctx, rule, kind, i, boundary.id, boundary.label, out, linked, explain);
  } else
    for (const rule of index.byTarget.get('model')!)
      fireRule(ctx, rule, kind, 0, MODEL_TARGET_ID, doc.meta.title, out, linked, explain);
}

/** A flow's finding target label: its own, else its ends. */
export function flowLabel(ctx: EvaluationContext, k: number): string {
  const flow = ctx.doc.dataFlows[k]!;
  if (flow.label) return flow.label;
  // The ends by the graph's indices (no look-up by id), as `flowName` names them; an end the
  // document lacks (only in a document no parser checked) is named by its id there.
  const components = ctx.doc.components;
  const source = components[ctx.graph.flowSource[k]!];
  const target = components[ctx.graph.flowTarget[k]!];
  if (source?.id !== flow.sourceId || target?.id !== flow.targetId)
    return flowName(flow, (id) => components[ctx.graph.indexOf.get(id)!]?.label);
  return `${source.label ?? flow.sourceId} → ${target.label ?? flow.targetId}`;
}
