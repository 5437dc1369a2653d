import { neighbours, type Direction, type GraphIndex } from './graphIndex';

/** Marks what no search has reached; a first hop from source s is stored as -2 - s. */
const UNREACHED = -1;

/**
 * Multi-source breadth-first search: which components can be reached from any source, and by
 * which shortest path. Linear in components + flows. A source counts as reached only when some
 * path of at least one flow leads to it, so "reachable from an untrusted origin" never holds of an
 * origin merely because it is one.
 */
export interface Reach {
  /** 1 where a component is reached: what rules read. */
  reached: Uint8Array;
  /**
   * -1: not reached; -2 - s: reached directly from source s; otherwise the predecessor index. Only
   * explanations read it, so an analysis extended in place of a new search (graphExtension.ts)
   * builds it on first read, by the very search a full evaluation runs: the same path is shown.
   */
  readonly pred: Int32Array;
  /** For `reachAlong`: the length in flows of the shortest path to each reached component. */
  hops?: Int32Array;
}

export function reachFrom(
  graph: GraphIndex,
  sources: readonly number[],
  direction: Direction,
  /** Components the search must not pass through (it may end on them), e.g. human review steps. */
  blocks?: (index: number) => boolean,
): Reach {
  const reached = new Uint8Array(graph.size);
  searchFrom(graph, sources, direction, blocks, reached, null);
  return withLazyPred(reached, () => reachFromPredecessors(graph, sources, direction, blocks));
}

/** The predecessors of `reachFrom`'s search (see `Reach.pred`). */
export function reachFromPredecessors(
  graph: GraphIndex,
  sources: readonly number[],
  direction: Direction,
  blocks?: (index: number) => boolean,
): Int32Array {
  const pred = new Int32Array(graph.size).fill(UNREACHED);
  searchFrom(graph, sources, direction, blocks, new Uint8Array(graph.size), pred);
  return pred;
}

function searchFrom(
  graph: GraphIndex,
  sources: readonly number[],
  direction: Direction,
  blocks: ((index: number) => boolean) | undefined,
  reached: Uint8Array,
  pred: Int32Array | null,
): void {
  const { start, next } = neighbours(graph, direction);
  const queue = new Int32Array(graph.size);
  let head = 0;
  let tail = 0;
  for (const s of sources) {
    for (let e = start[s]!; e < start[s + 1]!; e++) {
      const v = next[e]!;
      if (reached[v] === 0) {
        reached[v] = 1;
        if (pred) pred[v] = -2 - s;
        queue[tail++] = v;
      }
    }
  }
  while (head < tail) {
    const u = queue[head++]!;
    if (blocks?.(u)) continue;
    for (let e = start[u]!; e < start[u + 1]!; e++) {
      const v = next[e]!;
      if (reached[v] === 0) {
        reached[v] = 1;
        if (pred) pred[v] = u;
        queue[tail++] = v;
      }
    }
  }
}

/** A reach whose predecessors are searched for on first read (see `Reach.pred`). */
export function withLazyPred(reached: Uint8Array, search: () => Int32Array, hops?: Int32Array): Reach {
  return new LazyReach(reached, search, hops);
}

/**
 * A class, not an object literal with a getter: every reach has the same shape, so the rules'
 * membership reads stay monomorphic.
 */
class LazyReach implements Reach {
  #pred: Int32Array | undefined;
  readonly #search: () => Int32Array;
  constructor(
    readonly reached: Uint8Array,
    search: () => Int32Array,
    readonly hops: Int32Array | undefined,
  ) {
    this.#search = search;
  }
  get pred(): Int32Array {
    return (this.#pred ??= this.#search());
  }
}

/** The path from a source to `index` as component indices (source first), or undefined if unreached. */
export function pathTo(reach: Reach, index: number): number[] | undefined {
  if (reach.reached[index] !== 1) return undefined;
  return followPredecessors((i) => reach.pred[i]!, index, reach.pred.length + 1);
}

/**
 * Walks predecessor links back from `index` and returns the path source first. A link `p <= -2`
 * marks the start: the path began at component `-2 - p` (the seeding flow's source). `maxSteps`
 * bounds the walk, so a corrupt link can never loop.
 */
export function followPredecessors(
  predOf: (index: number) => number,
  index: number,
  maxSteps: number,
): number[] {
  const path = [index];
  let current = index;
  for (let step = 0; step < maxSteps; step++) {
    const p = predOf(current);
    if (p <= -2) {
      path.push(-2 - p);
      break;
    }
    path.push(p);
    current = p;
  }
  return path.reverse();
}

export function isReached(reach: Reach, index: number): boolean {
  return reach.reached[index] === 1;
}

/** Orients a path for display: backward searches find target-first paths, shown along the flows. */
export function orient(path: number[] | undefined, direction: Direction): number[] | undefined {
  return path && direction === 'backward' ? [...path].reverse() : path;
}

export interface ReachAlongOptions {
  /** Components the search must not pass through (it may end on them). */
  blocks?: (index: number) => boolean;
  /** Flows the search may follow; others are ignored. */
  follows?: (flow: number) => boolean;
  /** At most this many flows from a source. */
  maxHops?: number;
}

/**
 * `reachFrom` with a filter on flows and a bound on path length, for path conditions of rules
 * ("downstream, within two flows, a store that is not encrypted"). Still one linear pass.
 */
export function reachAlong(
  graph: GraphIndex,
  sources: readonly number[],
  direction: Direction,
  options: ReachAlongOptions = {},
): Reach {
  const reached = new Uint8Array(graph.size);
  const hops = new Int32Array(graph.size);
  searchAlong(graph, sources, direction, options, reached, hops, null);
  return withLazyPred(reached, () => reachAlongPredecessors(graph, sources, direction, options), hops);
}

/** The predecessors of `reachAlong`'s search (see `Reach.pred`). */
export function reachAlongPredecessors(
  graph: GraphIndex,
  sources: readonly number[],
  direction: Direction,
  options: ReachAlongOptions = {},
): Int32Array {
  const pred = new Int32Array(graph.size).fill(UNREACHED);
  searchAlong(
    graph,
    sources,
    direction,
    options,
    new Uint8Array(graph.size),
    new Int32Array(graph.size),
    pred,
  );
  return pred;
}

function searchAlong(
  graph: GraphIndex,
  sources: readonly number[],
  direction: Direction,
  options: ReachAlongOptions,
  reached: Uint8Array,
  hops: Int32Array,
  pred: Int32Array | null,
): void {
  const start = direction === 'forward' ? graph.outStart : graph.inStart;
  const next = direction === 'forward' ? graph.outTarget : graph.inSource;
  const flowOf = direction === 'forward' ? graph.outFlow : graph.inFlow;
  const maxHops = options.maxHops ?? Number.POSITIVE_INFINITY;
  const { follows, blocks } = options;
  const queue = new Int32Array(graph.size);
  let tail = 0;
  for (const s of sources)
    for (let e = start[s]!; e < start[s + 1]!; e++) {
      const v = next[e]!;
      if (reached[v] === 1 || (follows && !follows(flowOf[e]!))) continue;
      reached[v] = 1;
      if (pred) pred[v] = -2 - s;
      hops[v] = 1;
      queue[tail++] = v;
    }
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    const depth = hops[u]!;
    if (depth >= maxHops || blocks?.(u)) continue;
    for (let e = start[u]!; e < start[u + 1]!; e++) {
      const v = next[e]!;
      if (reached[v] === 1 || (follows && !follows(flowOf[e]!))) continue;
      reached[v] = 1;
      if (pred) pred[v] = u;
      hops[v] = depth + 1;
      queue[tail++] = v;
    }
  }
}
