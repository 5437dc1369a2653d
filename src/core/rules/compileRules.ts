import type { Catalogue } from '../library/catalogue';
import type { Condition, Mitigation, References, Rule, Threat } from '../library/librarySchema';
import { describeLimit, LIMITS } from '../limits';
import { quote, type Problem } from '../model/problems';
import { pushAll } from '../model/pushAll';
import { alwaysHolds, compileCondition, conditionSize, type CompiledCondition } from './compileConditions';
import type { FactRegistry } from './factRegistry';

/** A rule whose conditions are resolved against the fact registry and operator table. */
export interface CompiledRule {
  rule: Rule;
  when: CompiledCondition | undefined;
  adjust: {
    when: CompiledCondition;
    likelihood: number;
    impact: number;
    reason: string;
    references: References | undefined;
  }[];
  byDesign: {
    when: CompiledCondition;
    mitigations: string[];
    effect: 'lower' | 'mitigated';
    reason: string;
  }[];
  /** The root cause the rule's finding shares, and the condition under which it does. */
  rootCause: { id: string; when: CompiledCondition | undefined } | undefined;
}

interface CompileInputs {
  catalogue: Catalogue;
  facts: FactRegistry;
  threats: ReadonlyMap<string, Threat>;
  mitigations: ReadonlyMap<string, Mitigation>;
  guidelines: ReadonlyMap<string, unknown>;
}

/** Compiles rules sorted by id (so evaluation order never depends on file order), collecting every problem. */
export function compileRules(
  entries: { item: Rule; file: string; at: string }[],
  inputs: CompileInputs,
  problems: Problem[],
): CompiledRule[] {
  const compiled: CompiledRule[] = [];
  for (const { item: rule, file, at } of [...entries].sort((a, b) =>
    a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0,
  )) {
    const local: Problem[] = [];
    if (!inputs.threats.has(rule.threat))
      local.push({ path: `${at}.threat`, message: `no threat has the id "${rule.threat}"` });
    if (rule.types && rule.target !== 'component')
      local.push({ path: `${at}.types`, message: 'only component rules can name component types' });
    if (rule.types && rule.types.length > LIMITS.ruleTypes.value)
      local.push({ path: `${at}.types`, message: `too many component types: ${describeLimit('ruleTypes')}` });
    else
      rule.types?.forEach((t, i) => {
        if (!inputs.catalogue.types.has(t))
          local.push({ path: `${at}.types[${i}]`, message: `unknown component type ${quote(t)}` });
      });
    const mitigationIds = [...(rule.mitigations ?? []), ...rule.byDesign.flatMap((b) => b.mitigations)];
    mitigationIds.forEach((m) => {
      if (!inputs.mitigations.has(m))
        local.push({ path: `${at}`, message: `no mitigation has the id "${m}"` });
    });
    // A condition over the size limit is refused without compiling it: it would be tested on every element.
    const compile = (condition: Condition, path: string): CompiledCondition => {
      if (conditionSize(condition, LIMITS.conditionNodes.value) <= LIMITS.conditionNodes.value)
        return compileCondition(condition, rule.target, inputs.facts, path, local);
      local.push({ path, message: `the condition is too large: ${describeLimit('conditionNodes')}` });
      return alwaysHolds();
    };
    const when = rule.when ? compile(rule.when, `${at}.when`) : undefined;
    const adjust = rule.adjust.map((a, i) => ({
      when: compile(a.when, `${at}.adjust[${i}].when`),
      likelihood: a.likelihood ?? 0,
      impact: a.impact ?? 0,
      reason: a.reason,
      references: a.references,
    }));
    const referenceLists = [
      ['references', rule.references],
      ...rule.adjust.map((a, i) => [`adjust[${i}].references`, a.references] as const),
    ] as const;
    for (const [where, refs] of referenceLists) {
      if (!refs) continue;
      if (Object.values(refs).every((list) => (list as readonly string[]).length === 0))
        local.push({
          path: `${at}.${where}`,
          message:
            'lists no reference; name the framework ids this situation adds to the threat\'s, e.g. { "owaspLlm": ["LLM08"] }, or leave the field out',
        });
      refs.guidelines.forEach((g, i) => {
        if (!inputs.guidelines.has(g))
          local.push({
            path: `${at}.${where}.guidelines[${i}]`,
            message: `no guideline has the id ${quote(g)}`,
          });
      });
    }
    const byDesign = rule.byDesign.map((b, i) => ({
      when: compile(b.when, `${at}.byDesign[${i}].when`),
      mitigations: b.mitigations,
      effect: b.effect,
      reason: b.reason,
    }));
    const rootCause = rule.rootCause && {
      id: rule.rootCause.id,
      when: rule.rootCause.when
        ? compileCondition(rule.rootCause.when, rule.target, inputs.facts, `${at}.rootCause.when`, local)
        : undefined,
    };
    if (file !== 'base')
      pushAll(
        problems,
        local.map((p) => ({ ...p, file })),
      );
    compiled.push({ rule, when, adjust, byDesign, rootCause });
  }
  return compiled;
}
