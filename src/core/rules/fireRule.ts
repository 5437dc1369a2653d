import type { References } from '../library/librarySchema';
import type { Triage } from '../model/document';
import type { TargetKind } from '../model/vocabulary';
import type { Epoch, ExplanationSource } from './explanationSource';
import type { CompiledRule } from './compileRules';
import { testCondition } from './conditions';
import type { EvaluationContext } from './evaluationContext';
import type { Finding } from './finding';
import { findingKey } from './findingKey';
import type { RootCauseCandidate } from './findingGroups';
import { newRuleFinding } from './lazyExplanation';
import { guidelinesOf, mergeReferences, mitigationsFor, planFor, type RulePlan } from './rulePlan';
import { severityOf, shiftRating } from './severity';

const NONE: ReadonlySet<string> = new Set();

/** What a finding's lazy explanation keeps: the document it holds for and where to get its context. */
export interface ExplainInputs {
  source: ExplanationSource;
  epoch: Epoch;
}
const EMPTY: readonly string[] = Object.freeze([]);

/**
 * The triage of one rule's findings, by target id (triageIndex.ts), or `LOOK_UP`: read the
 * document's triage under the finding's key.
 */
export type RuleTriage = ReadonlyMap<string, Triage> | undefined | typeof LOOK_UP;
export const LOOK_UP = null;

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
  appendFinding(
    ctx,
    compiled,
    planFor(compiled, ctx.library),
    kind,
    index,
    targetId,
    targetLabel,
    LOOK_UP,
    out,
    linked,
    explain,
  );
}

/**
 * The finding of a rule whose `when` holds on this target: `fireRule` after its test, with the
 * rule's plan and triage looked up by the caller (once per rule when it fires a rule on many
 * targets, as `evaluate` does).
 */
export function appendFinding(
  ctx: EvaluationContext,
  compiled: CompiledRule,
  plan: RulePlan,
  kind: TargetKind,
  index: number,
  targetId: string,
  targetLabel: string,
  ruleTriage: RuleTriage,
  out: Finding[],
  linked: RootCauseCandidate[],
  explain: ExplainInputs,
): void {
  const { rule } = compiled;
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
    if (adjustments === EMPTY) adjustments = [a.reason];
    else (adjustments as string[]).push(a.reason);
    if (a.references)
      extraReferences = extraReferences ? mergeReferences(extraReferences, a.references) : a.references;
  }
  let byDesignIds = NONE;
  let byDesign: readonly string[] = EMPTY;
  let mitigatedByDesign = false;
  for (const b of compiled.byDesign) {
    if (!testCondition(b.when, ctx, index)) continue;
    byDesignIds = new Set([...byDesignIds, ...b.mitigations]);
    if (byDesign === EMPTY) byDesign = [b.reason];
    else (byDesign as string[]).push(b.reason);
    if (b.effect === 'mitigated') mitigatedByDesign = true;
    else likelihood = shiftRating(likelihood, -1);
  }

  const key = findingKey(rule.id, targetId);
  // Looking the fresh key string up in the triage object interns it: measurable over tens of
  // thousands of findings, so callers that can pass the rule's entries by target id do.
  const triage =
    ruleTriage === LOOK_UP ? (ctx.doc.triage[key] as Triage | undefined) : ruleTriage?.get(targetId);
  const shared = byDesignIds === NONE && triage?.mitigations === undefined;
  const mitigations = shared
    ? plan.mitigations(kind)
    : mitigationsFor(plan.mitigationIds, ctx.library, kind, byDesignIds, triage?.mitigations);
  let references = shared && !extraReferences ? plan.references(kind) : undefined;
  if (!references) {
    const merged = mergeReferences(plan.references(kind), extraReferences);
    references = { ...merged, guidelines: guidelinesOf(merged, mitigations) };
  }

  const fired = newRuleFinding(
    key,
    rule.id,
    threat,
    targetId,
    kind,
    targetLabel,
    severityOf(likelihood, impact),
    likelihood,
    impact,
    triage?.status ?? (mitigatedByDesign ? 'mitigated' : 'open'),
    triage,
    references,
    mitigations as Finding['mitigations'],
    {
      source: explain.source,
      epoch: explain.epoch,
      compiled,
      summary: rule.summary ?? threat.title,
      adjustments,
      byDesign,
    },
  );
  out.push(fired);
  const cause = compiled.rootCause;
  if (cause && (!cause.when || testCondition(cause.when, ctx, index)))
    linked.push({ finding: fired, rootCauseId: cause.id });
}
