import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument } from '../model/document';
import { pushAll } from '../model/pushAll';
import { outOfScopeIds } from '../model/outOfScope';
import { buildEvaluationContext } from './evaluationContext';
import { rememberContext, standaloneSource } from './explanationSource';
import type { Finding } from './finding';
import { linkRootCauses, type RootCauseCandidate } from './findingGroups';
import { fireTarget } from './fireTargets';
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
  // Explanations are built on demand from the document; the context stays cached for that, once.
  rememberContext(library, input, ctx);
  const explain = { source: standaloneSource(library), epoch: { doc: input } };
  const findings: Finding[] = [];
  const linked: RootCauseCandidate[] = [];
  for (let i = 0; i < doc.components.length; i++) fireTarget(ctx, 'component', i, findings, linked, explain);
  for (let k = 0; k < doc.dataFlows.length; k++) fireTarget(ctx, 'dataFlow', k, findings, linked, explain);
  for (let b = 0; b < doc.trustBoundaries.length; b++)
    fireTarget(ctx, 'trustBoundary', b, findings, linked, explain);
  fireTarget(ctx, 'model', 0, findings, linked, explain);
  linkRootCauses(linked, library);
  pushAll(findings, userThreatFindings(doc));
  const outOfScope = outOfScopeIds(doc);
  if (outOfScope.size > 0) for (const f of findings) if (outOfScope.has(f.targetId)) f.outOfScope = true;
  return findings.sort(byKey);
}

export function byKey(a: Finding, b: Finding): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export { compareGuidelines } from './rulePlan';
