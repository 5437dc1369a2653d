import type { TargetKind } from '../model/vocabulary';
import type { Epoch, ExplanationSource } from './explanationSource';
import type { CompiledRule } from './compileRules';
import { testCondition } from './conditions';
import type { EvaluationContext } from './evaluationContext';
import type { Finding } from './finding';
import { findingKey } from './findingKey';
import type { RootCauseCandidate } from './findingGroups';
import { withLazyExplanation } from './lazyExplanation';
import { guidelinesOf, mergeReferences, mitigationsFor, planFor } from './rulePlan';
import type { References } from '../library/librarySchema';
import { severityOf, shiftRating } from './severity';

const NONE: ReadonlySet<string> = new Set();

/** What a finding's lazy explanation keeps: the document it holds for and where to get its context. */
export interface ExplainInputs {
  source: ExplanationSource;
  epoch: Epoch;
}
const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Tests one rule on one target and, when it holds, appends the finding with its triage merged in,
 * and to `linked` when the rule's root cause holds too (linked after evaluation).
 */
export function fireRule(
  ctx: EvaluationContext,
  compiled: CompiledRule,
  kind: TargetKind,
  index: number,
  targetId: string,
  targetLabel: string,
  out: Finding[],
  linked: RootCauseCandidate[],
  explain: ExplainInputs,
): void {
  if (compiled.when && !testCondition(compiled.when, ctx, index)) return;
  const { rule } = compiled;
  const plan = planFor(compiled, ctx.library);
  const { threat } = plan;
  let likelihood = rule.likelihood ?? threat.likelihood;
  let impact = rule.impact ?? threat.impact;
  // Most findings have no adjustment and nothing by design: share one empty list instead of allocating.
  let adjustments: readonly string[] = EMPTY;
  let extraReferences: References | undefined;
  for (const a of compiled.adjust) {
    if (!testCondition(a.when, ctx, index)) continue;
    likelihood = shiftRating(likelihood, a.likelihood);
    impact = shiftRating(impact, a.impact);
    adjustments = [...adjustments, a.reason];
    if (a.references)
      extraReferences = extraReferences ? mergeReferences(extraReferences, a.references) : a.references;
  }
  let byDesignIds = NONE;
  let byDesign: readonly string[] = EMPTY;
  let mitigatedByDesign = false;
  for (const b of compiled.byDesign) {
    if (!testCondition(b.when, ctx, index)) continue;
    byDesignIds = new Set([...byDesignIds, ...b.mitigations]);
    byDesign = [...byDesign, b.reason];
    if (b.effect === 'mitigated') mitigatedByDesign = true;
    else likelihood = shiftRating(likelihood, -1);
  }

  const key = findingKey(rule.id, targetId);
  const triage = ctx.doc.triage[key];
  const shared = byDesignIds === NONE && triage?.mitigations === undefined;
  const mitigations = shared
    ? plan.mitigations(kind)
    : mitigationsFor(plan.mitigationIds, ctx.library, kind, byDesignIds, triage?.mitigations);
  let references = shared && !extraReferences ? plan.references(kind) : undefined;
  if (!references) {
    const merged = mergeReferences(plan.references(kind), extraReferences);
    references = { ...merged, guidelines: guidelinesOf(merged, mitigations) };
  }

  const finding: Omit<Finding, 'why' | 'trace'> = {
    key,
    ruleId: rule.id,
    threatId: threat.id,
    title: threat.title,
    description: threat.description,
    targetId,
    targetKind: kind,
    targetLabel,
    severity: severityOf(likelihood, impact),
    likelihood,
    impact,
    status: triage?.status ?? (mitigatedByDesign ? 'mitigated' : 'open'),
    triaged: triage !== undefined,
    stride: threat.stride,
    references,
    mitigations: mitigations as Finding['mitigations'],
    origin: 'rule',
  };
  if (triage?.owner !== undefined) finding.owner = triage.owner;
  if (triage?.note !== undefined) finding.note = triage.note;
  const fired = withLazyExplanation(finding, {
    source: explain.source,
    epoch: explain.epoch,
    compiled,
    summary: rule.summary ?? threat.title,
    adjustments,
    byDesign,
  });
  out.push(fired);
  const cause = compiled.rootCause;
  if (cause && (!cause.when || testCondition(cause.when, ctx, index)))
    linked.push({ finding: fired, rootCauseId: cause.id });
}
