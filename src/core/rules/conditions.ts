import type { Condition, FactValue, LeafCondition } from '../library/librarySchema';
import { MAX_CONDITION_DEPTH } from '../library/librarySchema';
import { isReached, orient, pathTo, reachAlong, type Reach } from '../graph/reachability';
import { quote, type Problem } from '../model/problems';
import { pushAll } from '../model/pushAll';
import type { TargetKind } from '../model/vocabulary';
import type { EvaluationContext } from './evaluationContext';
import type { FactRegistry } from './factRegistry';
import type { FactDefinition } from './factTypes';
import { OPERATORS, type OperatorDefinition } from './operators';

/**
 * Conditions are compiled once when the library loads: fact names resolve to definitions and
 * operators to table entries, and every mismatch is a load error. Evaluation is then a small
 * interpreter over the compiled tree (measured faster than composed closures here).
 */
export type CompiledCondition =
  | { kind: 'all'; items: CompiledCondition[] }
  | { kind: 'any'; items: CompiledCondition[] }
  | { kind: 'not'; item: CompiledCondition }
  | {
      kind: 'path';
      direction: 'upstream' | 'downstream';
      where: CompiledCondition;
      via: CompiledCondition | undefined;
      avoiding: CompiledCondition | undefined;
      maxHops: number | undefined;
      phrase: string;
    }
  | { kind: 'some'; where: CompiledCondition; phrase: string }
  | {
      kind: 'leaf';
      fact: FactDefinition;
      op: OperatorDefinition;
      value: FactValue | undefined;
      source: LeafCondition;
      /** `fact.get`, read from the node itself: fact definitions come in many shapes. */
      get: FactDefinition['get'];
      /** The operator is `eq`, compared inline (most leaves). */
      eq: boolean;
    };

/**
 * Every compiled node carries every field, in one order, so all nodes share one hidden class and
 * the interpreter's reads (`kind`, `items`, `get`…) stay monomorphic; six node shapes made every
 * read megamorphic, over hundreds of thousands of tests per evaluation.
 */
function node<N extends CompiledCondition>(fields: N): N {
  const uniform = {
    kind: fields.kind,
    items: undefined,
    item: undefined,
    fact: undefined,
    op: undefined,
    value: undefined,
    source: undefined,
    get: undefined,
    eq: false,
    direction: undefined,
    where: undefined,
    via: undefined,
    avoiding: undefined,
    maxHops: undefined,
    phrase: undefined,
  };
  return Object.assign(uniform, fields) as unknown as N;
}

/** The condition that always holds: what a refused condition compiles to (its problem is reported). */
export function alwaysHolds(): CompiledCondition {
  return node({ kind: 'all', items: [] });
}

export function compileCondition(
  condition: Condition,
  target: TargetKind,
  registry: FactRegistry,
  path: string,
  problems: Problem[],
  depth = 0,
): CompiledCondition {
  if (depth > MAX_CONDITION_DEPTH) {
    problems.push({ path, message: `conditions may nest at most ${MAX_CONDITION_DEPTH} levels` });
    return alwaysHolds();
  }
  if ('all' in condition)
    return node({
      kind: 'all',
      items: condition.all.map((c, i) =>
        compileCondition(c, target, registry, `${path}.all[${i}]`, problems, depth + 1),
      ),
    });
  if ('any' in condition)
    return node({
      kind: 'any',
      items: condition.any.map((c, i) =>
        compileCondition(c, target, registry, `${path}.any[${i}]`, problems, depth + 1),
      ),
    });
  if ('not' in condition)
    return node({
      kind: 'not',
      item: compileCondition(condition.not, target, registry, `${path}.not`, problems, depth + 1),
    });
  if ('upstream' in condition || 'downstream' in condition) {
    const direction = 'upstream' in condition ? 'upstream' : 'downstream';
    const spec = 'upstream' in condition ? condition.upstream : condition.downstream;
    const at = `${path}.${direction}`;
    if (target !== 'component')
      problems.push({
        path: at,
        message: `"${direction}" follows the data flows of a component, so it works only in component rules; in a ${target} rule use "some" (any component of the model), or source.* / target.* facts for the ends of a flow`,
      });
    return node({
      kind: 'path',
      direction,
      where: compileCondition(spec.where, 'component', registry, `${at}.where`, problems, depth + 1),
      via: spec.via && compileCondition(spec.via, 'dataFlow', registry, `${at}.via`, problems, depth + 1),
      avoiding:
        spec.avoiding &&
        compileCondition(spec.avoiding, 'component', registry, `${at}.avoiding`, problems, depth + 1),
      maxHops: spec.maxHops,
      phrase: spec.phrase,
    });
  }
  if ('some' in condition)
    return node({
      kind: 'some',
      where: compileCondition(
        condition.some.where,
        'component',
        registry,
        `${path}.some.where`,
        problems,
        depth + 1,
      ),
      phrase: condition.some.phrase,
    });
  const leaf = condition;
  const fact = registry.get(target)?.get(leaf.fact);
  const op = OPERATORS[leaf.op];
  if (!fact) {
    problems.push({
      path: `${path}.fact`,
      message: `unknown fact ${quote(leaf.fact)} for a ${target} rule${suggest(leaf.fact, registry.get(target))}`,
    });
    return alwaysHolds();
  }
  const mismatch = checkLeaf(fact, op, leaf.value);
  if (mismatch) problems.push({ path, message: mismatch });
  return node({
    kind: 'leaf',
    fact,
    op,
    value: leaf.value,
    source: leaf,
    get: fact.get,
    eq: op.name === 'eq',
  });
}

/**
 * Facts whose last segment is the unknown name's, or that start with its first segment, in
 * registry order. Looked up in an index built once per registry: scanning every fact for every
 * unknown one made a pack full of typos quadratic.
 */
function suggest(name: string, facts: ReadonlyMap<string, FactDefinition> | undefined): string {
  if (!facts) return '';
  const index = suggestionIndex(facts);
  const byLast = index.byLast.get(name.split('.').pop()!) ?? [];
  const byFirst = index.byFirst.get(name.split('.')[0]!) ?? [];
  const positions = [...new Set([...byLast.slice(0, 5), ...byFirst.slice(0, 5)])].sort((a, b) => a - b);
  const close = positions.slice(0, 5).map((p) => index.names[p]!);
  return close.length > 0 ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : '';
}

interface SuggestionIndex {
  names: string[];
  /** Positions of the facts by their last segment. */
  byLast: Map<string, number[]>;
  /** Positions of the facts with a dot by their first segment (`k.startsWith(first + '.')`). */
  byFirst: Map<string, number[]>;
}

const suggestionIndexes = new WeakMap<ReadonlyMap<string, FactDefinition>, SuggestionIndex>();

function suggestionIndex(facts: ReadonlyMap<string, FactDefinition>): SuggestionIndex {
  const cached = suggestionIndexes.get(facts);
  if (cached) return cached;
  const index: SuggestionIndex = { names: [...facts.keys()], byLast: new Map(), byFirst: new Map() };
  const add = (map: Map<string, number[]>, key: string, position: number) => {
    const list = map.get(key);
    if (list) list.push(position);
    else map.set(key, [position]);
  };
  index.names.forEach((k, position) => {
    add(index.byLast, k.split('.').pop()!, position);
    if (k.includes('.')) add(index.byFirst, k.split('.')[0]!, position);
  });
  suggestionIndexes.set(facts, index);
  return index;
}

/** Nodes in a condition, counted without recursion and up to `stopAfter + 1` (enough to refuse it). */
export function conditionSize(condition: Condition, stopAfter: number): number {
  const stack: Condition[] = [condition];
  let count = 0;
  while (stack.length > 0 && count <= stopAfter) {
    const c = stack.pop()!;
    count++;
    if ('all' in c) pushAll(stack, c.all);
    else if ('any' in c) pushAll(stack, c.any);
    else if ('not' in c) stack.push(c.not);
  }
  return count;
}

function checkLeaf(
  fact: FactDefinition,
  op: OperatorDefinition,
  value: FactValue | undefined,
): string | undefined {
  if (!op.facts.includes(fact.valueType))
    return `operator "${op.name}" does not apply to the ${fact.valueType} fact "${fact.name}"`;
  const known = fact.values;
  const unknownValue = (v: string) =>
    known && !known.includes(v)
      ? `${quote(v)} is not a value of "${fact.name}" (${known.join(', ')})`
      : undefined;
  switch (op.value) {
    case 'same': {
      const expected = fact.valueType;
      if (typeof value !== expected)
        return `"${fact.name}" is a ${expected}; the value must be a ${expected}`;
      return typeof value === 'string' ? unknownValue(value) : undefined;
    }
    case 'string':
      return typeof value === 'string' ? unknownValue(value) : `operator "${op.name}" needs a string value`;
    case 'stringList':
      if (!Array.isArray(value)) return `operator "${op.name}" needs a list of strings`;
      return value.map(unknownValue).find((m) => m !== undefined);
    case 'number':
      return typeof value === 'number' ? undefined : `operator "${op.name}" needs a number`;
    case 'optionalBoolean':
      return value === undefined || typeof value === 'boolean'
        ? undefined
        : `operator "exists" takes true, false or no value`;
  }
}

/** Fast path: does the condition hold? No allocation beyond what facts do. */
export function testCondition(condition: CompiledCondition, ctx: EvaluationContext, index: number): boolean {
  switch (condition.kind) {
    case 'leaf':
      return leafHolds(condition, ctx, index);
    case 'all': {
      const items = condition.items;
      for (let n = 0; n < items.length; n++) {
        const item = items[n]!;
        if (!(item.kind === 'leaf' ? leafHolds(item, ctx, index) : testCondition(item, ctx, index)))
          return false;
      }
      return true;
    }
    case 'any': {
      const items = condition.items;
      for (let n = 0; n < items.length; n++) {
        const item = items[n]!;
        if (item.kind === 'leaf' ? leafHolds(item, ctx, index) : testCondition(item, ctx, index)) return true;
      }
      return false;
    }
    case 'not':
      return !testCondition(condition.item, ctx, index);
    case 'path':
      return isReached(pathReach(condition, ctx), index);
    case 'some':
      return someHolds(condition, ctx);
  }
}

type LeafNode = Extract<CompiledCondition, { kind: 'leaf' }>;
type PathNode = Extract<CompiledCondition, { kind: 'path' }>;

/** A leaf, tested where it stands in an `all` or `any` (one call less per leaf, the most common case). */
function leafHolds(leaf: LeafNode, ctx: EvaluationContext, index: number): boolean {
  // `eq` is most leaves; comparing inline skips a megamorphic call through the operator table.
  return leaf.eq ? leaf.get(ctx, index) === leaf.value : leaf.op.test(leaf.get(ctx, index), leaf.value);
}
type SomeNode = Extract<CompiledCondition, { kind: 'some' }>;

/**
 * The components for which a path condition holds, found once per evaluation with one search from
 * every component matching `where` (a path condition does not depend on the target it is asked of).
 */
function pathReach(node: PathNode, ctx: EvaluationContext): Reach {
  const hit = ctx.nodeMemo.get(node) as Reach | undefined;
  if (hit) return hit;
  const sources: number[] = [];
  for (let i = 0; i < ctx.types.length; i++) if (testCondition(node.where, ctx, i)) sources.push(i);
  const { via, avoiding } = node;
  const reach = reachAlong(ctx.graph, sources, node.direction === 'upstream' ? 'forward' : 'backward', {
    ...(avoiding ? { blocks: (i: number) => testCondition(avoiding, ctx, i) } : {}),
    ...(via ? { follows: (k: number) => testCondition(via, ctx, k) } : {}),
    ...(node.maxHops !== undefined ? { maxHops: node.maxHops } : {}),
  });
  ctx.nodeMemo.set(node, reach);
  return reach;
}

function someHolds(node: SomeNode, ctx: EvaluationContext): boolean {
  const hit = ctx.nodeMemo.get(node) as boolean | undefined;
  if (hit !== undefined) return hit;
  let holds = false;
  for (let i = 0; i < ctx.types.length && !holds; i++) holds = testCondition(node.where, ctx, i);
  ctx.nodeMemo.set(node, holds);
  return holds;
}

/** A leaf that contributed to a condition holding, for the `why` of a finding. */
export interface LeafTrace {
  fact: string;
  op: string;
  value: FactValue | undefined;
  actual: FactValue;
  negated: boolean;
  defaulted: boolean;
  path?: number[];
  phrase: string;
  opPhrase: string;
}

/** Slow path, run only for conditions that held: which leaves made it hold. */
export function traceCondition(
  condition: CompiledCondition,
  ctx: EvaluationContext,
  index: number,
  negated = false,
  out: LeafTrace[] = [],
): LeafTrace[] {
  switch (condition.kind) {
    case 'leaf': {
      const actual = condition.fact.get(ctx, index);
      const path = negated ? undefined : condition.fact.path?.(ctx, index, condition.value);
      out.push({
        fact: condition.fact.name,
        op: condition.op.name,
        value: condition.value,
        actual,
        negated,
        defaulted: condition.fact.defaulted?.(ctx, index) ?? false,
        ...(path ? { path } : {}),
        phrase: condition.fact.phrase,
        opPhrase: condition.op.phrase,
      });
      return out;
    }
    case 'all':
      if (negated) {
        const failing = condition.items.find((item) => !testCondition(item, ctx, index));
        if (failing) traceCondition(failing, ctx, index, true, out);
      } else for (const item of condition.items) traceCondition(item, ctx, index, false, out);
      return out;
    case 'any':
      if (negated) for (const item of condition.items) traceCondition(item, ctx, index, true, out);
      else {
        const holding = condition.items.find((item) => testCondition(item, ctx, index));
        if (holding) traceCondition(holding, ctx, index, false, out);
      }
      return out;
    case 'not':
      return traceCondition(condition.item, ctx, index, !negated, out);
    case 'path':
    case 'some': {
      const actual = testCondition(condition, ctx, index);
      const found =
        condition.kind === 'path' && !negated
          ? orient(
              pathTo(pathReach(condition, ctx), index),
              condition.direction === 'upstream' ? 'forward' : 'backward',
            )
          : undefined;
      out.push({
        fact: condition.kind === 'path' ? condition.direction : 'some',
        op: 'path',
        value: undefined,
        actual,
        negated,
        defaulted: false,
        ...(found ? { path: found } : {}),
        phrase: condition.phrase,
        opPhrase: '',
      });
      return out;
    }
  }
}
