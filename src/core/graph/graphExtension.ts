import { flowLabelPredecessors } from './flowLabels';
import { lazyFlowLabels, type FlowLabelOptions, type FlowLabels } from './flowLabelSets';
import { neighbours, type Direction, type GraphIndex } from './graphIndex';
import { labelPredecessors } from './labelPropagation';
import { lazyLabelSets, type LabelSets } from './labelSets';
import { untrustedPredecessors } from './untrustedPathSearch';
import {
  reachAlongPredecessors,
  reachFromPredecessors,
  withLazyPred,
  type Reach,
  type ReachAlongOptions,
} from './reachability';
import {
  lazyUntrustedPaths,
  ENDS,
  FLOWS,
  state,
  type UntrustedPathAnalysis,
  type UntrustedPathOptions,
} from './untrustedPaths';

/**
 * The graph analyses extended over flows added to a graph, instead of searched again. Each
 * analysis is a closure (what reaches what) and adding flows only adds to it, so starting from the
 * previous answer and following only what the new flows let through gives exactly the answer of a
 * new search — in time proportional to what changed, not to the model.
 *
 * Which path a search shows depends on the order it visits the graph, which an extension cannot
 * reproduce; so predecessors are not extended but searched for, by the full search, when an
 * explanation first asks (`withLazyPred`). `changed[i]` is set for every component whose answer
 * changed. `added` are flow indices in the new graph.
 */

/** The two ends of flow k, in the order a search in `direction` crosses it. */
function ends(graph: GraphIndex, k: number, direction: Direction): [number, number] {
  return direction === 'forward'
    ? [graph.flowSource[k]!, graph.flowTarget[k]!]
    : [graph.flowTarget[k]!, graph.flowSource[k]!];
}

/** `propagateLabels` extended. `grown`: components whose own labels grew (their carry grew). */
export function extendLabels(
  old: LabelSets,
  graph: GraphIndex,
  direction: Direction,
  ownLabels: (index: number) => readonly number[],
  added: readonly number[],
  grown: readonly number[],
  changed: Uint8Array,
): LabelSets {
  const { labelCount, words } = old;
  const bits = old.bits.slice();
  const { start, next } = neighbours(graph, direction);
  const queued = new Set<number>();
  const queue: number[] = [];
  const push = (u: number) => {
    if (!queued.has(u)) {
      queued.add(u);
      queue.push(u);
    }
  };
  // What u passes on: its own labels and those it received (as `carry` in propagateLabels).
  const deliver = (u: number, v: number) => {
    const own = ownLabels(u);
    let grew = false;
    for (let w = 0; w < words; w++) {
      let carry = bits[u * words + w]!;
      for (const l of own) if (l >>> 5 === w) carry |= 1 << (l & 31);
      const fresh = carry & ~bits[v * words + w]!;
      if (fresh === 0) continue;
      bits[v * words + w]! |= fresh;
      grew = true;
    }
    if (grew) {
      changed[v] = 1;
      push(v);
    }
  };
  for (const k of added) {
    const [u, v] = ends(graph, k, direction);
    deliver(u, v);
  }
  for (const u of grown) push(u);
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    queued.delete(u);
    for (let e = start[u]!; e < start[u + 1]!; e++) deliver(u, next[e]!);
  }
  return lazyLabelSets(labelCount, bits, ownLabels, () =>
    labelPredecessors(graph, direction, labelCount, ownLabels),
  );
}

/** `reachFrom` extended. `sources` is the new list; `newSources` those not in the old one. */
export function extendReach(
  old: Reach,
  graph: GraphIndex,
  sources: readonly number[],
  newSources: readonly number[],
  direction: Direction,
  blocks: (index: number) => boolean,
  added: readonly number[],
  changed: Uint8Array,
): Reach {
  const reached = old.reached.slice();
  const { start, next } = neighbours(graph, direction);
  const isSource = new Set(sources);
  const queue: number[] = [];
  const reach = (v: number) => {
    if (reached[v] === 1) return;
    reached[v] = 1;
    changed[v] = 1;
    queue.push(v);
  };
  // A source passes the search on even when it blocks it; anything else only when it does not block.
  for (const k of added) {
    const [u, v] = ends(graph, k, direction);
    if (isSource.has(u) || (reached[u] === 1 && !blocks(u))) reach(v);
  }
  for (const s of newSources) for (let e = start[s]!; e < start[s + 1]!; e++) reach(next[e]!);
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    if (blocks(u)) continue;
    for (let e = start[u]!; e < start[u + 1]!; e++) reach(next[e]!);
  }
  return withLazyPred(reached, () => reachFromPredecessors(graph, sources, direction, blocks));
}

/** What extending a bounded path search needs beyond the flows added. */
export interface ReachAlongExtension {
  /** Whether a component is a source now, and the full list (for the lazy search). */
  isSource: (index: number) => boolean;
  sources: () => number[];
  options: ReachAlongOptions;
  /** Components that became sources, that stopped blocking, and existing flows newly followed. */
  newSources: readonly number[];
  unblocked: readonly number[];
  followed: readonly number[];
}

/** `reachAlong` extended: shortest hop counts kept, so a bound on hops holds as in a new search. */
export function extendReachAlong(
  old: Reach,
  graph: GraphIndex,
  direction: Direction,
  added: readonly number[],
  x: ReachAlongExtension,
  changed: Uint8Array,
): Reach {
  const reached = old.reached.slice();
  const hops = old.hops!.slice();
  const { blocks, follows } = x.options;
  const maxHops = x.options.maxHops ?? Number.POSITIVE_INFINITY;
  const start = direction === 'forward' ? graph.outStart : graph.inStart;
  const next = direction === 'forward' ? graph.outTarget : graph.inSource;
  const flowOf = direction === 'forward' ? graph.outFlow : graph.inFlow;
  const queue: number[] = [];
  const relax = (v: number, depth: number) => {
    if (reached[v] === 1 && hops[v]! <= depth) return;
    if (reached[v] !== 1) changed[v] = 1;
    reached[v] = 1;
    hops[v] = depth;
    queue.push(v);
  };
  // The depth a component passes the search on from, or -1: a source at 0 (even when it blocks),
  // anything reached below the bound that does not block at its own depth.
  const depthOf = (u: number) =>
    x.isSource(u) ? 0 : reached[u] === 1 && hops[u]! < maxHops && !blocks?.(u) ? hops[u]! : -1;
  const cross = (k: number) => {
    if (follows && !follows(k)) return;
    const [u, v] = ends(graph, k, direction);
    const d = depthOf(u);
    if (d >= 0) relax(v, d + 1);
  };
  for (const k of added) cross(k);
  for (const k of x.followed) cross(k);
  for (const u of x.newSources) queue.push(u);
  for (const u of x.unblocked) if (reached[u] === 1) queue.push(u);
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    const d = depthOf(u);
    if (d < 0) continue;
    for (let e = start[u]!; e < start[u + 1]!; e++)
      if (!follows || follows(flowOf[e]!)) relax(next[e]!, d + 1);
  }
  return withLazyPred(reached, () => reachAlongPredecessors(graph, x.sources(), direction, x.options), hops);
}

/** `analyseUntrustedPaths` extended. */
export function extendUntrustedPaths(
  old: UntrustedPathAnalysis,
  graph: GraphIndex,
  options: UntrustedPathOptions,
  added: readonly number[],
  changed: Uint8Array,
): UntrustedPathAnalysis {
  const member = old.member.slice();
  const isOrigin = new Set(options.origins);
  const queue: number[] = [];
  const reach = (k: number, s: number) => {
    const was = member[s]!;
    if (options.terminal?.(k)) {
      if (was === 0) member[s] = ENDS;
    } else if (was !== FLOWS) {
      member[s] = FLOWS;
      queue.push(s);
    }
    if (was === 0) changed[s >> 2] = 1;
  };
  // What state s (at component u) passes on along flow k.
  const pass = (s: number, k: number) => {
    const u = s >> 2;
    const guarded = (s >> 1) & 1 || (options.isGuard(u) ? 1 : 0);
    const indirect = s & 1 || (options.makesIndirect(u) ? 1 : 0);
    reach(k, state(graph.flowTarget[k]!, guarded, indirect));
  };
  for (const k of added) {
    const u = graph.flowSource[k]!;
    if (isOrigin.has(u)) reach(k, state(graph.flowTarget[k]!, 0, options.startsIndirect(u) ? 1 : 0));
    for (let s = u * 4; s < u * 4 + 4; s++) if (member[s] === FLOWS) pass(s, k);
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    const u = s >> 2;
    for (let e = graph.outStart[u]!; e < graph.outStart[u + 1]!; e++) pass(s, graph.outFlow[e]!);
  }
  return lazyUntrustedPaths(member, () => untrustedPredecessors(graph, options));
}

/** `propagateFlowLabels` extended. */
export function extendFlowLabels(
  old: FlowLabels,
  graph: GraphIndex,
  options: FlowLabelOptions,
  added: readonly number[],
  changed: Uint8Array,
): FlowLabels {
  const { labelCount } = old;
  const reached = old.reached.slice();
  const queue: number[] = [];
  const mark = (v: number, l: number) => {
    const at = v * labelCount + l;
    if (reached[at] === 1) return;
    reached[at] = 1;
    changed[v] = 1;
    queue.push(at);
  };
  for (const k of added) {
    if (!options.carries(k)) continue;
    const u = graph.flowSource[k]!;
    const v = graph.flowTarget[k]!;
    for (const l of options.seeds(k)) if (l >= 0 && l < labelCount) mark(v, l);
    for (let l = 0; l < labelCount; l++)
      if (reached[u * labelCount + l] === 1 && options.passes(u)) mark(v, l);
  }
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    const u = (at / labelCount) | 0;
    const l = at - u * labelCount;
    if (!options.passes(u)) continue;
    for (let e = graph.outStart[u]!; e < graph.outStart[u + 1]!; e++)
      if (options.carries(graph.outFlow[e]!)) mark(graph.outTarget[e]!, l);
  }
  return lazyFlowLabels(labelCount, reached, () => flowLabelPredecessors(graph, options));
}
