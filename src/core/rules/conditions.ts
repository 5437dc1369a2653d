import type { FactValue } from '../library/librarySchema';
import { isReached, orient, pathTo, reachAlong, type Reach } from '../graph/reachability';
import type { CompiledCondition } from './compileConditions';
import type { EvaluationContext } from './evaluationContext';
import type { FactDefinition } from './factTypes';
import { OP_CODE, testOperator } from './operators';
import { typeReach } from './typeReach';

/**
 * Testing compiled conditions (compileConditions.ts compiles them when the library loads): only
 * evaluation runs this, so it stays out of the start-up code.
 */
export type { CompiledCondition } from './compileConditions';

/** Fast path: does the condition hold? No allocation beyond what facts do. */
export function testCondition(condition: CompiledCondition, ctx: EvaluationContext, index: number): boolean {
  switch (condition.kind) {
    case 'leaf':
      return leafHolds(condition, ctx, index);
    case 'all': {
      const items = condition.tests;
      for (let n = 0; n < items.length; n++) {
        const item = items[n]!;
        if (!(item.kind === 'leaf' ? leafHolds(item, ctx, index) : testCondition(item, ctx, index)))
          return false;
      }
      return true;
    }
    case 'any': {
      const items = condition.tests;
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
  const end = leaf.end;
  const at = end === 0 ? index : end === 1 ? ctx.graph.flowSource[index]! : ctx.graph.flowTarget[index]!;
  if (leaf.bits !== undefined) return maskHolds(leaf.code, leaf.bits(ctx, at), leaf.mask);
  // `eq` is most leaves; comparing inline (and the other common operators by number) skips a
  // megamorphic call through the operator table.
  if (leaf.has !== undefined)
    return hasAny(leaf.has, ctx, at, leaf.list) !== (leaf.code === OP_CODE.INCLUDES_NONE);
  const actual = leaf.get(ctx, at);
  return leaf.eq ? actual === leaf.value : testOperator(leaf.code, leaf.op, actual, leaf.value, leaf.list);
}

/** Whether the list fact answering `has` includes any item of `wanted` (`includesAny`, without the list). */
function hasAny(
  has: NonNullable<FactDefinition['has']>,
  ctx: EvaluationContext,
  index: number,
  wanted: readonly string[],
): boolean {
  for (let n = 0; n < wanted.length; n++) if (has(ctx, index, wanted[n]!)) return true;
  return false;
}
/** `includes`, `includesAny`, `includesNone` or `includesOnly` (`code`) of a list read as bits. */
function maskHolds(code: number, bits: number, mask: number): boolean {
  switch (code) {
    case OP_CODE.INCLUDES_NONE:
      return (bits & mask) === 0;
    case OP_CODE.INCLUDES_ONLY:
      // Not empty, and nothing outside the mask.
      return bits !== 0 && (bits & ~mask) === 0;
    default:
      return (bits & mask) !== 0;
  }
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
  const where = node.where;
  if (node.whereTypes) {
    // Only components of the types `where` names can match: the rest are not tested.
    const candidates = componentsOfTypes(ctx.types, node.whereTypes);
    for (let n = 0; n < candidates.length; n++)
      if (testCondition(where, ctx, candidates[n]!)) sources.push(candidates[n]!);
  } else for (let i = 0; i < ctx.types.length; i++) if (testCondition(where, ctx, i)) sources.push(i);
  const { via, avoiding } = node;
  const direction = node.direction === 'upstream' ? 'forward' : 'backward';
  if (!via && !avoiding && node.maxHops === undefined && node.whereTypes) {
    // Every component of the named types is a source: the type labels answer (typeReach.ts).
    const all = componentsOfTypes(ctx.types, node.whereTypes).length === sources.length;
    const reach = all ? typeReach(ctx, node.whereTypes, sources, direction) : undefined;
    if (reach) {
      ctx.nodeMemo.set(node, reach);
      return reach;
    }
  }
  // Asked once per component or flow the search reaches: a leaf (most) is tested without the dispatch.
  const reach = reachAlong(ctx.graph, sources, direction, {
    ...(avoiding
      ? {
          blocks:
            avoiding.kind === 'leaf'
              ? (i: number) => leafHolds(avoiding, ctx, i)
              : (i: number) => testCondition(avoiding, ctx, i),
        }
      : {}),
    ...(via
      ? {
          follows:
            via.kind === 'leaf'
              ? (k: number) => leafHolds(via, ctx, k)
              : (k: number) => testCondition(via, ctx, k),
        }
      : {}),
    ...(node.maxHops !== undefined ? { maxHops: node.maxHops } : {}),
  });
  ctx.nodeMemo.set(node, reach);
  return reach;
}

/**
 * Component indices by type, ascending, per types array: a context's `types` never changes once
 * built (contexts that share it share their components), so the index holds for all of them.
 */
const indicesByType = new WeakMap<readonly string[], Map<string, number[]>>();

/** The indices of the components of `wanted` types, ascending (the order a scan of all would find them). */
function componentsOfTypes(types: readonly string[], wanted: readonly string[]): readonly number[] {
  let byType = indicesByType.get(types);
  if (!byType) {
    byType = new Map();
    for (let i = 0; i < types.length; i++) {
      const list = byType.get(types[i]!);
      if (list) list.push(i);
      else byType.set(types[i]!, [i]);
    }
    indicesByType.set(types, byType);
  }
  if (wanted.length === 1) return byType.get(wanted[0]!) ?? [];
  const out: number[] = [];
  for (const type of new Set(wanted)) {
    const list = byType.get(type);
    if (list) for (const i of list) out.push(i);
  }
  return out.sort((a, b) => a - b);
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
