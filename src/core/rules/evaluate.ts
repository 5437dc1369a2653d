import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument } from '../model/document';
import { flowName } from '../model/flowName';
import { pushAll } from '../model/pushAll';
import { outOfScopeIds } from '../model/outOfScope';
import { MODEL_TARGET_ID } from '../model/vocabulary';
import { buildEvaluationContext, type EvaluationContext } from './evaluationContext';
import type { Finding } from './finding';
import { fireRule } from './fireRule';
import { linkRootCauses, type RootCauseCandidate } from './findingGroups';
import { userThreatFindings } from './userThreatFindings';

/**
 * Attaches the library's threats to every component, data flow, trust boundary and the model as a
 * whole. Pure, synchronous and deterministic: the same document and library always give the same
 * findings, sorted by key. Triage stored in the document is merged in, and findings that share a
 * root cause on one element are linked (`group`).
 */
export function evaluate(input: ThreatModelDocument, library: Library): Finding[] {
  const doc = canonicalOrder(input);
  const ctx = buildEvaluationContext(doc, library);
  const findings: Finding[] = [];
  const linked: RootCauseCandidate[] = [];
  const { index } = library;
  doc.components.forEach((component, i) => {
    const rules = index.componentByType.get(component.type);
    if (rules)
      for (const rule of rules)
        fireRule(ctx, rule, 'component', i, component.id, component.label, findings, linked);
    for (const rule of index.componentAnyType)
      fireRule(ctx, rule, 'component', i, component.id, component.label, findings, linked);
  });
  const flowRules = index.byTarget.get('dataFlow')!;
  doc.dataFlows.forEach((flow, k) => {
    for (const rule of flowRules)
      fireRule(ctx, rule, 'dataFlow', k, flow.id, flow.label || flowEnds(ctx, k), findings, linked);
  });
  const boundaryRules = index.byTarget.get('trustBoundary')!;
  doc.trustBoundaries.forEach((boundary, b) => {
    for (const rule of boundaryRules)
      fireRule(ctx, rule, 'trustBoundary', b, boundary.id, boundary.label, findings, linked);
  });
  for (const rule of index.byTarget.get('model')!)
    fireRule(ctx, rule, 'model', 0, MODEL_TARGET_ID, doc.meta.title, findings, linked);
  linkRootCauses(linked, library);
  pushAll(findings, userThreatFindings(doc));
  const outOfScope = outOfScopeIds(doc);
  if (outOfScope.size > 0) for (const f of findings) if (outOfScope.has(f.targetId)) f.outOfScope = true;
  return findings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** An unlabelled flow's finding target label: its ends. */
function flowEnds(ctx: EvaluationContext, k: number): string {
  return flowName(ctx.doc.dataFlows[k]!, (id) => ctx.doc.components[ctx.graph.indexOf.get(id)!]?.label);
}

export { compareGuidelines } from './rulePlan';
