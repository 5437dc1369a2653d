import type { References } from '../library/librarySchema';
import type { Triage } from '../model/document';
import type { TargetKind } from '../model/vocabulary';
import type { CompiledRule } from './compileRules';
import { testCondition } from './conditions';
import type { EvaluationContext } from './evaluationContext';
import type { Finding, FindingMitigation } from './finding';
import type { RootCauseCandidate } from './findingGroups';
import { heldByBit, newRuleFinding, type ExplainInputs } from './lazyExplanation';
import { guidelinesOf, mergeReferences, mitigationsFor, planFor, type RulePlan } from './rulePlan';
import { severityOf, shiftRating } from './severity';

const NONE: ReadonlySet<string> = new Set();

function withGuidelines(
  base: References,
  extra: References | undefined,
  mitigations: readonly FindingMitigation[],
): References {
  const merged = mergeReferences(base, extra);
  return { ...merged, guidelines: guidelinesOf(merged, mitigations) };
}

/** The references the adjustments held by bit add, merged in the rule's order (as they are tested). */
function heldReferences(adjust: CompiledRule['adjust'], held: number): References | undefined {
  let extra: References | undefined;
  for (let n = 0; n < adjust.length; n++) {
    const a = adjust[n]!;
    if ((held & (1 << n)) === 0 || !a.references) continue;
    extra = extra ? mergeReferences(extra, a.references) : a.references;
  }
  return extra;
}

/** What a finding's lazy explanation keeps: the document it holds for and where to get its context. */
export type { ExplainInputs };

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
  const cause = appendFinding(
    ctx,
    compiled,
    planFor(compiled, ctx.library),
    kind,
    index,
    targetId,
    targetLabel,
    LOOK_UP,
    out,
    explain,
  );
  if (cause !== undefined) linked.push({ finding: out[out.length - 1]!, rootCauseId: cause });
}

/**
 * Appends the finding of a rule whose `when` holds on this target (`fireRule` after its test), with
 * the rule's plan and triage looked up by the caller (once per rule for all targets, as `evaluate`
 * does). Returns the id of the finding's root cause when it holds, for linking.
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
  explain: ExplainInputs,
): string | undefined {
  const { rule } = compiled;
  const { threat } = plan;
  let likelihood = rule.likelihood ?? threat.likelihood;
  let impact = rule.impact ?? threat.impact;
  // Which adjustments and by-design entries held, by bit: nothing allocated for the explanation.
  const { adjust } = compiled;
  let adjustedBits = 0;
  const adjustedReasons: string[] | undefined = heldByBit(adjust.length) ? undefined : [];
  // The references adjustments add are merged only when needed: most findings share theirs (below).
  let extraReferences: References | undefined;
  let referencesHeld = false;
  for (let n = 0; n < adjust.length; n++) {
    const a = adjust[n]!;
    if (!testCondition(a.when, ctx, index)) continue;
    likelihood = shiftRating(likelihood, a.likelihood);
    impact = shiftRating(impact, a.impact);
    if (adjustedReasons) adjustedReasons.push(a.reason);
    else adjustedBits |= 1 << n;
    if (!a.references) continue;
    referencesHeld = true;
    // Past the bits (a rule with very many adjustments), merged as they hold.
    if (adjustedReasons)
      extraReferences = extraReferences ? mergeReferences(extraReferences, a.references) : a.references;
  }
  const byDesignEntries = compiled.byDesign;
  let byDesignBits = 0;
  const byDesignReasons: string[] | undefined = heldByBit(byDesignEntries.length) ? undefined : [];
  let byDesignIds = NONE;
  let mitigatedByDesign = false;
  for (let n = 0; n < byDesignEntries.length; n++) {
    const b = byDesignEntries[n]!;
    if (!testCondition(b.when, ctx, index)) continue;
    byDesignIds = new Set([...byDesignIds, ...b.mitigations]);
    if (byDesignReasons) byDesignReasons.push(b.reason);
    else byDesignBits |= 1 << n;
    if (b.effect === 'mitigated') mitigatedByDesign = true;
    else likelihood = shiftRating(likelihood, -1);
  }

  const key = plan.keyPrefix + targetId;
  // Looking the fresh key string up in the triage object interns it: measurable over tens of
  // thousands of findings, so callers that can pass the rule's entries by target id do.
  const triage =
    ruleTriage === LOOK_UP ? (ctx.doc.triage[key] as Triage | undefined) : ruleTriage?.get(targetId);
  const shared = byDesignIds === NONE && triage?.mitigations === undefined;
  const mitigations = shared
    ? plan.mitigations(kind)
    : mitigationsFor(plan.mitigationIds, ctx.library, kind, byDesignIds, triage?.mitigations);
  let references: References;
  if (shared && !referencesHeld) references = plan.references(kind);
  else if (shared && !adjustedReasons) {
    // Which adjustments with references held decides the extra references: one object per
    // combination, shared, merged the first time it comes up.
    const cache = plan.adjustedReferences;
    const slot = (adjustedBits & plan.referenceBits) * 2 + (kind === 'model' ? 1 : 0);
    let hit = cache.get(slot);
    if (!hit) {
      extraReferences = heldReferences(adjust, adjustedBits);
      cache.set(
        slot,
        (hit = Object.freeze(withGuidelines(plan.references(kind), extraReferences, mitigations))),
      );
    }
    references = hit;
  } else {
    if (referencesHeld && !adjustedReasons) extraReferences = heldReferences(adjust, adjustedBits);
    references = withGuidelines(plan.references(kind), extraReferences, mitigations);
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
    explain,
    compiled,
    adjustedReasons ?? adjustedBits,
    byDesignReasons ?? byDesignBits,
  );
  out.push(fired);
  const cause = compiled.rootCause;
  return cause && (!cause.when || testCondition(cause.when, ctx, index)) ? cause.id : undefined;
}
