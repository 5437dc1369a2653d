import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument } from '../model/document';
import { outOfScopeIds } from '../model/outOfScope';
import { buildEvaluationContext } from './evaluationContext';
import { rememberContext, standaloneSource } from './explanationSource';
import type { Finding } from './finding';
import { fireInKeyOrder } from './fireInKeyOrder';
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
  const ruleFindings = fireInKeyOrder(ctx, explain);
  const findings = mergeByKey(ruleFindings, userThreatFindings(doc).sort(byKey));
  const outOfScope = outOfScopeIds(doc);
  if (outOfScope.size > 0) for (const f of findings) if (outOfScope.has(f.targetId)) f.outOfScope = true;
  return findings;
}

export function byKey(a: Finding, b: Finding): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Two lists sorted by key as one, `later` after `first` under equal keys (as a stable sort of
 * `first` followed by `later` puts them). Each of the few `later` findings is placed by binary search.
 */
function mergeByKey(first: Finding[], later: readonly Finding[]): Finding[] {
  if (later.length === 0) return first;
  const out: Finding[] = [];
  let from = 0;
  for (const f of later) {
    let lo = from;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (first[mid]!.key <= f.key) lo = mid + 1;
      else hi = mid;
    }
    for (; from < lo; from++) out.push(first[from]!);
    out.push(f);
  }
  for (; from < first.length; from++) out.push(first[from]!);
  return out;
}

export { compareGuidelines } from './rulePlan';
