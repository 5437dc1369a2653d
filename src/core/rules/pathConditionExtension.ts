import { extendReachAlong } from '../graph/graphExtension';
import type { Reach } from '../graph/reachability';
import { testCondition, type CompiledCondition } from './conditions';
import type { EvaluationContext } from './evaluationContext';
import { remapReach } from './graphFactsRemap';

type PathNode = Extract<CompiledCondition, { kind: 'path' }>;
/** A component's index in the old context, or -1 when it is new. */
type OldIndex = (index: number) => number;

/**
 * Carries the memoised path and `some` conditions of `old` over to `ctx`, which has the same
 * components and the flows of `old` plus `added` (flow indices in `ctx`). `dirty` marks the
 * components whose facts changed (graph facts, or the ends of an added flow); every component
 * whose path condition answer changes is marked too, so later conditions (those nesting this one
 * come after it in the memo) see it.
 *
 * A path condition reads `where` and `avoiding` of components and `via` of flows; these can only
 * change at dirty components and at their flows. Where they only grow (a new source, a component
 * no longer avoided, a flow newly followed) the search is extended; where one shrinks, it is
 * searched again and compared. False when a `some` condition changes: it may change any target.
 */
export function extendNodeMemo(
  old: EvaluationContext,
  ctx: EvaluationContext,
  added: readonly number[],
  dirty: Uint8Array,
  dirtyList: number[],
  oldFlowIndex: (flow: number) => number,
  /** When components were added: where each component of `ctx` was in `old` (-1: new), and back. */
  moved?: { oldIndexOf: Int32Array; newIndexOfOld: Int32Array },
): boolean {
  const at: OldIndex = moved ? (i) => moved.oldIndexOf[i]! : (i) => i;
  for (const [key, value] of old.nodeMemo) {
    const node = key as CompiledCondition;
    if (node.kind === 'some') {
      if (someChanged(node, value as boolean, old, ctx, dirtyList, at)) return false;
      continue;
    }
    if (node.kind !== 'path') continue;
    const before = moved
      ? remapReach(value as Reach, moved.newIndexOfOld, ctx.types.length)
      : (value as Reach);
    // Already searched again (a condition nesting it came first): compared below like a new search.
    const extended = ctx.nodeMemo.has(node)
      ? undefined
      : extendPath(node, before, old, ctx, added, dirtyList, oldFlowIndex, at);
    if (extended) {
      ctx.nodeMemo.set(node, extended.reach);
      for (let i = 0; i < extended.changed.length; i++) if (extended.changed[i] && !dirty[i]) markDirty(i);
    } else {
      testCondition(node, ctx, 0); // memoises a new search, unless it is there already
      const fresh = ctx.nodeMemo.get(node) as Reach;
      for (let i = 0; i < fresh.reached.length; i++)
        if (fresh.reached[i] !== before.reached[i] && !dirty[i]) markDirty(i);
    }
  }
  return true;

  function markDirty(i: number) {
    dirty[i] = 1;
    dirtyList.push(i);
  }
}

/**
 * Whether a `some` condition's answer changed; `where` can only change at dirty components. It
 * is memoised in `ctx` either way.
 */
function someChanged(
  node: Extract<CompiledCondition, { kind: 'some' }>,
  was: boolean,
  old: EvaluationContext,
  ctx: EvaluationContext,
  dirtyList: readonly number[],
  at: OldIndex,
): boolean {
  const held = (i: number) => at(i) >= 0 && testCondition(node.where, old, at(i));
  let holds = was;
  if (was) {
    // Still true unless a component that held lost it: then look again everywhere.
    if (dirtyList.some((i) => held(i) && !testCondition(node.where, ctx, i)))
      return testCondition(node, ctx, 0) !== was;
  } else holds = dirtyList.some((i) => testCondition(node.where, ctx, i));
  ctx.nodeMemo.set(node, holds);
  return holds !== was;
}

/**
 * The extended search of one path condition and the components whose answer it changed, or
 * undefined when it must be searched again.
 */
function extendPath(
  node: PathNode,
  before: Reach,
  old: EvaluationContext,
  ctx: EvaluationContext,
  added: readonly number[],
  dirtyList: readonly number[],
  oldFlowIndex: (flow: number) => number,
  at: OldIndex,
): { reach: Reach; changed: Uint8Array } | undefined {
  const { where, avoiding, via } = node;
  const newSources: number[] = [];
  const unblocked: number[] = [];
  const followed: number[] = [];
  const isAdded = new Set(added);
  const seenFlows = new Set<number>();
  for (const i of dirtyList) {
    // A new component was no source, and no old flow reached or left it, so whether it was avoided
    // does not matter: it counts as avoided exactly as it is avoided now.
    const was = at(i) >= 0 && testCondition(where, old, at(i));
    const is = testCondition(where, ctx, i);
    if (was && !is) return undefined;
    if (is && !was) newSources.push(i);
    if (avoiding) {
      const avoids = testCondition(avoiding, ctx, i);
      const avoided = at(i) >= 0 ? testCondition(avoiding, old, at(i)) : avoids;
      if (avoids && !avoided) return undefined;
      if (avoided && !avoids) unblocked.push(i);
    }
    if (!via) continue;
    const g = ctx.graph;
    for (const [start, flows] of [
      [g.outStart, g.outFlow],
      [g.inStart, g.inFlow],
    ] as const)
      for (let e = start[i]!; e < start[i + 1]!; e++) {
        const k = flows[e]!;
        if (isAdded.has(k) || seenFlows.has(k)) continue;
        seenFlows.add(k);
        const was = testCondition(via, old, oldFlowIndex(k));
        const is = testCondition(via, ctx, k);
        if (was && !is) return undefined;
        if (is && !was) followed.push(k);
      }
  }
  const sourceMemo = new Map<number, boolean>();
  const isSource = (i: number) => {
    let hit = sourceMemo.get(i);
    if (hit === undefined) sourceMemo.set(i, (hit = testCondition(where, ctx, i)));
    return hit;
  };
  const changed = new Uint8Array(ctx.types.length);
  const reach = extendReachAlong(
    before,
    ctx.graph,
    node.direction === 'upstream' ? 'forward' : 'backward',
    added,
    {
      isSource,
      sources: () => {
        const out: number[] = [];
        for (let i = 0; i < ctx.types.length; i++) if (testCondition(where, ctx, i)) out.push(i);
        return out;
      },
      options: {
        ...(avoiding ? { blocks: (i: number) => testCondition(avoiding, ctx, i) } : {}),
        ...(via ? { follows: (k: number) => testCondition(via, ctx, k) } : {}),
        ...(node.maxHops !== undefined ? { maxHops: node.maxHops } : {}),
      },
      newSources,
      unblocked,
      followed,
    },
    changed,
  );
  return { reach, changed };
}
