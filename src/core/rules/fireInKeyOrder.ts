import type { RuleIndex } from '../library/loadLibrary';
import { MODEL_TARGET_ID, type TargetKind } from '../model/vocabulary';
import type { CompiledRule } from './compileRules';
import { testCondition } from './conditions';
import type { EvaluationContext } from './evaluationContext';
import type { Finding } from './finding';
import { linkGroup, linkRootCauses, type RootCauseCandidate } from './findingGroups';
import { FINDING_KEY_SEPARATOR } from './findingKey';
import { appendFinding, type ExplainInputs, type RuleTriage } from './fireRule';
import { flowLabel } from './fireTargets';
import { planFor, type RulePlan } from './rulePlan';
import { triageIndex } from './triageIndex';

/**
 * Fires every rule of the library on every target of the context's document and returns the
 * findings already sorted by key, root causes linked. A finding's key is `ruleId@targetId` and rule
 * ids never contain `@`, so keys order first by `ruleId@`, then by target id. Targets are visited in
 * the canonical (id) order of the document, each with all its rules (what one element's rules read
 * stays in the cache), and each rule's findings go to that rule's list; the lists joined in
 * `ruleId@` order are in key order. Sorting tens of thousands of keys with long shared prefixes was
 * a sizeable part of evaluation.
 *
 * The order between rules rests on the ids and is checked: for a library `loadLibrary` did not
 * build, the findings are sorted after all.
 */
export function fireInKeyOrder(ctx: EvaluationContext, explain: ExplainInputs): Finding[] {
  const { library, doc } = ctx;
  const plan = firingPlan(library.index);
  const triage = triageIndex(doc.triage);
  const run: Run = {
    ctx,
    lists: plan.rules.map(() => []),
    plans: plan.rules.map((rule) => planFor(rule, library)),
    triages: plan.rules.map((rule) => triage.get(rule.rule.id)),
    explain,
    perTarget: idsAreUnique(ctx, plan),
    caused: [],
    causes: [],
    causedCount: 0,
    linked: [],
  };
  const components = doc.components;
  // The context's type strings are the catalogue's own: the map finds them without comparing text.
  const types = ctx.types;
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    const typed = plan.componentByType.get(types[i]!);
    if (typed) fire(run, typed, 'component', i, c.id, c.label);
    fire(run, plan.componentAnyType, 'component', i, c.id, c.label);
    endTarget(run);
  }
  const flows = doc.dataFlows;
  for (let k = 0; k < flows.length; k++) {
    fire(run, plan.dataFlow, 'dataFlow', k, flows[k]!.id, undefined);
    endTarget(run);
  }
  const boundaries = doc.trustBoundaries;
  for (let b = 0; b < boundaries.length; b++) {
    fire(run, plan.trustBoundary, 'trustBoundary', b, boundaries[b]!.id, boundaries[b]!.label);
    endTarget(run);
  }
  fire(run, plan.model, 'model', 0, MODEL_TARGET_ID, doc.meta.title);
  endTarget(run);
  if (run.linked.length > 0) linkRootCauses(run.linked, library);
  return joinInKeyOrder(run.lists);
}

/** What one evaluation fires into: the rules' lists, plans and triage by slot, and root-cause candidates. */
interface Run {
  ctx: EvaluationContext;
  lists: Finding[][];
  plans: RulePlan[];
  triages: RuleTriage[];
  explain: ExplainInputs;
  /**
   * Root causes link findings on one element id (findingGroups.ts). When every target has an id of
   * its own, the findings of one target are linked as soon as its rules have fired (`caused`,
   * `causes`: the current target's candidates); otherwise candidates gather in `linked` for
   * linking at the end.
   */
  perTarget: boolean;
  caused: Finding[];
  causes: string[];
  /** How much of `caused` and `causes` holds the current target's: the buffers are reused, never shrunk. */
  causedCount: number;
  linked: RootCauseCandidate[];
}

/** Fires the rules of `slots` on one target; a flow's label (`undefined` here) is built only if one fires. */
function fire(
  run: Run,
  slots: Slots,
  kind: TargetKind,
  i: number,
  id: string,
  label: string | undefined,
): void {
  const { ctx } = run;
  for (let n = 0; n < slots.rules.length; n++) {
    const rule = slots.rules[n]!;
    if (rule.when && !testCondition(rule.when, ctx, i)) continue;
    const s = slots.slots[n]!;
    label ??= flowLabel(ctx, i);
    const list = run.lists[s]!;
    const cause = appendFinding(
      ctx,
      rule,
      run.plans[s]!,
      kind,
      i,
      id,
      label,
      run.triages[s]!,
      list,
      run.explain,
    );
    if (cause === undefined) continue;
    const finding = list[list.length - 1]!;
    if (run.perTarget) {
      run.caused[run.causedCount] = finding;
      run.causes[run.causedCount++] = cause;
    } else run.linked.push({ finding, rootCauseId: cause });
  }
}

/** Links the current target's findings that share a root cause (a few at most), as `linkRootCauses` does. */
function endTarget(run: Run): void {
  const count = run.causedCount;
  if (count < 2) {
    run.causedCount = 0;
    return;
  }
  const { caused, causes } = run;
  const library = run.ctx.library;
  if (count > 8) {
    const candidates: RootCauseCandidate[] = [];
    for (let n = 0; n < count; n++) candidates.push({ finding: caused[n]!, rootCauseId: causes[n]! });
    linkRootCauses(candidates, library);
  } else
    for (let n = 0; n < count; n++) {
      const cause = causes[n]!;
      let first = 0;
      while (causes[first] !== cause) first++;
      if (first !== n) continue; // linked with the first of its cause
      const members: Finding[] = [];
      for (let m = n; m < count; m++) if (causes[m] === cause) members.push(caused[m]!);
      if (members.length > 1) linkGroup(members, cause, library.rootCauses.get(cause)!);
    }
  run.causedCount = 0;
}

/**
 * Whether no two targets share an id: components and boundaries by their index maps, flows by
 * neighbours in id order, and no root cause named by rules of two target kinds (so ids shared
 * across kinds could not link either).
 */
function idsAreUnique(ctx: EvaluationContext, plan: FiringPlan): boolean {
  const { doc } = ctx;
  if (plan.causeAcrossKinds) return false;
  if (ctx.graph.indexOf.size !== doc.components.length) return false;
  if (ctx.boundaryIndexOf.size !== doc.trustBoundaries.length) return false;
  const flows = doc.dataFlows;
  for (let k = 1; k < flows.length; k++) if (flows[k]!.id === flows[k - 1]!.id) return false;
  return true;
}

/** The rules' lists one after another; sorted by key when the ids did not order them (see above). */
function joinInKeyOrder(lists: readonly Finding[][]): Finding[] {
  let total = 0;
  for (const list of lists) total += list.length;
  // Sized once: pushing tens of thousands grew and copied the array again and again.
  const out = new Array<Finding>(total);
  let n = 0;
  let sorted = true;
  for (const list of lists) {
    if (list.length === 0) continue;
    if (n > 0 && !(out[n - 1]!.key < list[0]!.key)) sorted = false;
    for (let m = 0; m < list.length; m++) out[n++] = list[m]!;
  }
  return sorted ? out : out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Rules to fire on one kind of target, each with the position of its list. */
interface Slots {
  rules: readonly CompiledRule[];
  slots: Int32Array;
}

interface FiringPlan {
  /** Every compiled rule once, by `ruleId@` (which differs from id order: `a-b@` sorts before `a@`). */
  rules: readonly CompiledRule[];
  componentByType: ReadonlyMap<string, Slots>;
  componentAnyType: Slots;
  dataFlow: Slots;
  trustBoundary: Slots;
  model: Slots;
  /** Some root cause is named by rules of more than one target kind. */
  causeAcrossKinds: boolean;
}

const plans = new WeakMap<RuleIndex, FiringPlan>();

function firingPlan(index: RuleIndex): FiringPlan {
  const cached = plans.get(index);
  if (cached) return cached;
  const unique = new Set<CompiledRule>();
  for (const list of index.componentByType.values()) for (const rule of list) unique.add(rule);
  for (const rule of index.componentAnyType) unique.add(rule);
  for (const list of index.byTarget.values()) for (const rule of list) unique.add(rule);
  const prefix = (r: CompiledRule) => r.rule.id + FINDING_KEY_SEPARATOR;
  const rules = [...unique].sort((a, b) => (prefix(a) < prefix(b) ? -1 : prefix(a) > prefix(b) ? 1 : 0));
  const slotOf = new Map(rules.map((rule, s) => [rule, s]));
  const slots = (list: readonly CompiledRule[] | undefined): Slots => ({
    rules: list ?? [],
    slots: Int32Array.from(list ?? [], (rule) => slotOf.get(rule)!),
  });
  const kindOfCause = new Map<string, string>();
  let causeAcrossKinds = false;
  for (const rule of rules) {
    const cause = rule.rootCause?.id;
    if (cause === undefined) continue;
    const kind = kindOfCause.get(cause);
    if (kind === undefined) kindOfCause.set(cause, rule.rule.target);
    else if (kind !== rule.rule.target) causeAcrossKinds = true;
  }
  const plan: FiringPlan = {
    rules,
    causeAcrossKinds,
    componentByType: new Map([...index.componentByType].map(([type, list]) => [type, slots(list)])),
    componentAnyType: slots(index.componentAnyType),
    dataFlow: slots(index.byTarget.get('dataFlow')),
    trustBoundary: slots(index.byTarget.get('trustBoundary')),
    model: slots(index.byTarget.get('model')),
  };
  plans.set(index, plan);
  return plan;
}
