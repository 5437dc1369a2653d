import type { RuleIndex } from '../library/loadLibrary';
import { MODEL_TARGET_ID } from '../model/vocabulary';
import type { CompiledRule } from './compileRules';
import { testCondition } from './conditions';
import type { EvaluationContext } from './evaluationContext';
import type { Finding } from './finding';
import type { RootCauseCandidate } from './findingGroups';
import { FINDING_KEY_SEPARATOR } from './findingKey';
import { appendFinding, type ExplainInputs } from './fireRule';
import { flowLabel } from './fireTargets';
import { planFor } from './rulePlan';
import { triageIndex } from './triageIndex';

/**
 * Fires every rule of the library on every target of the context's document, rule by rule, so
 * that the findings come out already sorted by key: a finding's key is `ruleId@targetId`, rule ids
 * never contain `@`, so keys order first by `ruleId@` and then by target id — the rules in that
 * order, each over its targets in the canonical (id) order of the document. Sorting tens of
 * thousands of keys with long shared prefixes was a sizeable part of evaluation.
 *
 * Returns whether the findings are in key order; they always are for a library `loadLibrary`
 * built, and the caller sorts them otherwise. Root-cause candidates go to `linked`, unlinked.
 */
export function fireInKeyOrder(
  ctx: EvaluationContext,
  out: Finding[],
  linked: RootCauseCandidate[],
  explain: ExplainInputs,
): boolean {
  const { library, doc } = ctx;
  const triage = triageIndex(doc.triage);
  const byType = componentsByType(ctx.types);
  const flowLabels: (string | undefined)[] = new Array<string | undefined>(doc.dataFlows.length);
  let sorted = true;
  let lastKey: string | undefined;
  for (const compiled of rulesInKeyOrder(library.index)) {
    const firstOfRule = out.length;
    const plan = planFor(compiled, library);
    const ruleTriage = triage.get(compiled.rule.id);
    const { when } = compiled;
    const target = compiled.rule.target;
    if (target === 'component') {
      const components = doc.components;
      const types = compiled.rule.types;
      if (!types)
        for (let i = 0; i < components.length; i++) {
          if (when && !testCondition(when, ctx, i)) continue;
          const c = components[i]!;
          appendFinding(ctx, compiled, plan, target, i, c.id, c.label, ruleTriage, out, linked, explain);
        }
      else
        for (const i of targetsOfTypes(byType, types)) {
          if (when && !testCondition(when, ctx, i)) continue;
          const c = components[i]!;
          appendFinding(ctx, compiled, plan, target, i, c.id, c.label, ruleTriage, out, linked, explain);
        }
    } else if (target === 'dataFlow') {
      const flows = doc.dataFlows;
      for (let k = 0; k < flows.length; k++) {
        if (when && !testCondition(when, ctx, k)) continue;
        const label = (flowLabels[k] ??= flowLabel(ctx, k));
        appendFinding(ctx, compiled, plan, target, k, flows[k]!.id, label, ruleTriage, out, linked, explain);
      }
    } else if (target === 'trustBoundary') {
      const boundaries = doc.trustBoundaries;
      for (let b = 0; b < boundaries.length; b++) {
        if (when && !testCondition(when, ctx, b)) continue;
        const boundary = boundaries[b]!;
        appendFinding(
          ctx,
          compiled,
          plan,
          target,
          b,
          boundary.id,
          boundary.label,
          ruleTriage,
          out,
          linked,
          explain,
        );
      }
    } else if (!when || testCondition(when, ctx, 0))
      appendFinding(
        ctx,
        compiled,
        plan,
        target,
        0,
        MODEL_TARGET_ID,
        doc.meta.title,
        ruleTriage,
        out,
        linked,
        explain,
      );
    // Within a rule the order is the targets' id order; between rules it rests on the ids, so check it.
    if (out.length > firstOfRule) {
      if (lastKey !== undefined && !(lastKey < out[firstOfRule]!.key)) sorted = false;
      lastKey = out[out.length - 1]!.key;
    }
  }
  return sorted;
}

const ordered = new WeakMap<RuleIndex, readonly CompiledRule[]>();

/** Every compiled rule once, by `ruleId@` (which differs from id order: `a-b@` sorts before `a@`). */
function rulesInKeyOrder(index: RuleIndex): readonly CompiledRule[] {
  const cached = ordered.get(index);
  if (cached) return cached;
  const rules = new Set<CompiledRule>();
  for (const list of index.componentByType.values()) for (const rule of list) rules.add(rule);
  for (const rule of index.componentAnyType) rules.add(rule);
  for (const list of index.byTarget.values()) for (const rule of list) rules.add(rule);
  const prefix = (r: CompiledRule) => r.rule.id + FINDING_KEY_SEPARATOR;
  const result = [...rules].sort((a, b) => (prefix(a) < prefix(b) ? -1 : prefix(a) > prefix(b) ? 1 : 0));
  ordered.set(index, result);
  return result;
}

/** Component indices by type, each list ascending. */
function componentsByType(types: readonly string[]): Map<string, number[]> {
  const byType = new Map<string, number[]>();
  for (let i = 0; i < types.length; i++) {
    const list = byType.get(types[i]!);
    if (list) list.push(i);
    else byType.set(types[i]!, [i]);
  }
  return byType;
}

/** The indices of the components of any of these types, ascending (the types are distinct per rule). */
function targetsOfTypes(
  byType: ReadonlyMap<string, number[]>,
  types: readonly string[],
): readonly number[] | Int32Array {
  if (types.length === 1) return byType.get(types[0]!) ?? [];
  let count = 0;
  for (const type of new Set(types)) count += byType.get(type)?.length ?? 0;
  const indices = new Int32Array(count);
  let n = 0;
  for (const type of new Set(types)) for (const i of byType.get(type) ?? []) indices[n++] = i;
  return indices.sort();
}
