import type { Condition, FactValue, LeafCondition } from '../library/librarySchema';
import { MAX_CONDITION_DEPTH } from '../library/librarySchema';
import { quote, type Problem } from '../model/problems';
import { pushAll } from '../model/pushAll';
import type { TargetKind } from '../model/vocabulary';
import type { FactRegistry } from './factRegistry';
import type { FactDefinition } from './factTypes';
import { testOrder, typesOf } from './conditionShape';
import { maskOf } from './listBits';
import { OP_CODE, OPERATORS, opCode, valueList, type OperatorDefinition } from './operators';

/**
 * Conditions are compiled once when the library loads: fact names resolve to definitions and
 * operators to table entries, and every mismatch is a load error. Evaluation is then a small
 * interpreter over the compiled tree (measured faster than composed closures here).
 */
export type CompiledCondition =
  | {
      kind: 'all';
      items: CompiledCondition[];
      /** `items` in the order they are tested (see `testOrder`); `items` keeps the rule's order for traces. */
      tests: CompiledCondition[];
    }
  | { kind: 'any'; items: CompiledCondition[]; tests: CompiledCondition[] }
  | { kind: 'not'; item: CompiledCondition }
  | {
      kind: 'path';
      direction: 'upstream' | 'downstream';
      where: CompiledCondition;
      via: CompiledCondition | undefined;
      avoiding: CompiledCondition | undefined;
      maxHops: number | undefined;
      phrase: string;
      /** The component types `where` can hold for, when it names them (`type` is / is one of); else undefined. */
      whereTypes: readonly string[] | undefined;
    }
  | { kind: 'some'; where: CompiledCondition; phrase: string }
  | {
      kind: 'leaf';
      fact: FactDefinition;
      op: OperatorDefinition;
      value: FactValue | undefined;
      source: LeafCondition;
      /**
       * What a test calls: `fact.get`, or for a fact of a flow's end (`source.type`) the component
       * fact's `get`, asked of the end `end` names. Read from the node itself: fact definitions come
       * in many shapes.
       */
      get: FactDefinition['get'];
      /** 0: the target itself; 1: the source of the flow; 2: its target. */
      end: number;
      /** The operator is `eq`, compared inline (most leaves). */
      eq: boolean;
      /** The operator by number (`OP_CODE`), tested inline by `testOperator`. */
      code: number;
      /** `value` as a list, for the operators that compare with one. */
      list: readonly string[];
      /**
       * For `includes`, `includesAny` and `includesNone` on a list fact that answers membership
       * (`FactDefinition.has`): that, asked for each item of `list` instead of building the list.
       */
      has: FactDefinition['has'];
      /**
       * For those operators and `includesOnly` on a fact that reads as bits (`FactDefinition.bits`),
       * when every value of the leaf is in the fact's vocabulary: that, tested against `mask`.
       */
      bits: FactDefinition['bits'];
      /** The leaf's values as bits of the fact's vocabulary (with `bits`). */
      mask: number;
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
    tests: undefined,
    fact: undefined,
    op: undefined,
    value: undefined,
    source: undefined,
    get: undefined,
    end: 0,
    eq: false,
    code: 0,
    list: undefined,
    has: undefined,
    bits: undefined,
    mask: 0,
    direction: undefined,
    where: undefined,
    via: undefined,
    avoiding: undefined,
    maxHops: undefined,
    phrase: undefined,
    whereTypes: undefined,
  };
  return Object.assign(uniform, fields) as unknown as N;
}

/** The condition that always holds: what a refused condition compiles to (its problem is reported). */
export function alwaysHolds(): CompiledCondition {
  return node({ kind: 'all', items: [], tests: [] });
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
  if ('all' in condition) {
    const items = condition.all.map((c, i) =>
      compileCondition(c, target, registry, `${path}.all[${i}]`, problems, depth + 1),
    );
    return node({ kind: 'all', items, tests: testOrder(items) });
  }
  if ('any' in condition) {
    const items = condition.any.map((c, i) =>
      compileCondition(c, target, registry, `${path}.any[${i}]`, problems, depth + 1),
    );
    return node({ kind: 'any', items, tests: testOrder(items) });
  }
  if ('not' in condition)
    return node({
      kind: 'not',
      item: compileCondition(condition.not, target, registry, `${path}.not`, problems, depth + 1),
    });
  if ('upstream' in condition || 'downstream' in condition || 'some' in condition) {
    // Rules often repeat a path condition word for word: compiled once, the copies share one node,
    // so one graph search per evaluation (results are memoised by node) answers them all.
    const key = `${target}|${depth}|${JSON.stringify(condition)}`;
    const searches = sharedSearches(registry);
    const hit = searches.get(key);
    if (hit) return hit;
    const before = problems.length;
    const compiled = compileSearch(condition, target, registry, path, problems, depth);
    // Only a condition without problems is shared: a copy elsewhere must report its own.
    if (problems.length === before) searches.set(key, compiled);
    return compiled;
  }
  return compileLeaf(condition, target, registry, path, problems);
}

/** Path and `some` conditions compiled, by registry, target, depth and source text. */
const sharedSearchesByRegistry = new WeakMap<FactRegistry, Map<string, CompiledCondition>>();

function sharedSearches(registry: FactRegistry): Map<string, CompiledCondition> {
  let searches = sharedSearchesByRegistry.get(registry);
  if (!searches) sharedSearchesByRegistry.set(registry, (searches = new Map()));
  return searches;
}

function compileSearch(
  condition: Extract<Condition, { upstream: unknown } | { downstream: unknown } | { some: unknown }>,
  target: TargetKind,
  registry: FactRegistry,
  path: string,
  problems: Problem[],
  depth: number,
): CompiledCondition {
  if ('upstream' in condition || 'downstream' in condition) {
    const direction = 'upstream' in condition ? 'upstream' : 'downstream';
    const spec = 'upstream' in condition ? condition.upstream : condition.downstream;
    const at = `${path}.${direction}`;
    if (target !== 'component')
      problems.push({
        path: at,
        message: `"${direction}" follows the data flows of a component, so it works only in component rules; in a ${target} rule use "some" (any component of the model), or source.* / target.* facts for the ends of a flow`,
      });
    const where = compileCondition(spec.where, 'component', registry, `${at}.where`, problems, depth + 1);
    return node({
      kind: 'path',
      direction,
      where,
      whereTypes: typesOf(where),
      via: spec.via && compileCondition(spec.via, 'dataFlow', registry, `${at}.via`, problems, depth + 1),
      avoiding:
        spec.avoiding &&
        compileCondition(spec.avoiding, 'component', registry, `${at}.avoiding`, problems, depth + 1),
      maxHops: spec.maxHops,
      phrase: spec.phrase,
    });
  }
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
}

function compileLeaf(
  leaf: LeafCondition,
  target: TargetKind,
  registry: FactRegistry,
  path: string,
  problems: Problem[],
): CompiledCondition {
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
  const endpoint = fact.endpoint;
  const has = (endpoint ? endpoint.fact : fact).has;
  const code = opCode(op.name);
  const membership =
    has !== undefined &&
    !mismatch &&
    (code === OP_CODE.INCLUDES_ANY || code === OP_CODE.INCLUDES_NONE || code === OP_CODE.INCLUDES);
  // `includes` asks for one value: the list of it (its value is a string, or the leaf is refused).
  const list =
    code === OP_CODE.INCLUDES && typeof leaf.value === 'string' ? [leaf.value] : valueList(leaf.value);
  const mask =
    !endpoint &&
    !mismatch &&
    fact.bits &&
    fact.values &&
    code >= OP_CODE.INCLUDES &&
    code <= OP_CODE.INCLUDES_ONLY
      ? maskOf(fact.values, list)
      : undefined;
  return node({
    kind: 'leaf',
    fact,
    op,
    value: leaf.value,
    source: leaf,
    get: endpoint ? endpoint.fact.get : fact.get,
    end: endpoint ? (endpoint.end === 'source' ? 1 : 2) : 0,
    eq: op.name === 'eq',
    code,
    list,
    has: membership ? has : undefined,
    bits: mask === undefined ? undefined : fact.bits,
    mask: mask ?? 0,
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
