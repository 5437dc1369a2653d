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
  /** -1: not reached; -2 - s: reached directly from source s; otherwise the predecessor index. */
  pred: Int32Array;
}

export function reachFrom(
  graph: GraphIndex,
  sources: readonly number[],
  direction: Direction,
  /** Components the search must not pass through (it may end on them), e.g. human review steps. */
  blocks?: (index: number) => boolean,
): Reach {
  const { start, next } = neighbours(graph, direction);
  const pred = new Int32Array(graph.size).fill(UNREACHED);
  const queue = new Int32Array(graph.size);
  let head = 0;
  let tail = 0;
  for (const s of sources) {
    for (let e = start[s]!; e < start[s + 1]!; e++) {
      const v = next[e]!;
      if (pred[v] === UNREACHED) {
        pred[v] = -2 - s;
        queue[tail++] = v;
      }
    }
  }
  while (head < tail) {
    const u = queue[head++]!;
    if (blocks?.(u)) continue;
    for (let e = start[u]!; e < start[u + 1]!; e++) {
      const v = next[e]!;
      if (pred[v] === UNREACHED) {
        pred[v] = u;
        queue[tail++] = v;
      }
    }
  }
  return { pred };
}

/** The path from a source to `index` as component indices (source first), or undefined if unreached. */
export function pathTo(reach: Reach, index: number): number[] | undefined {
  if (reach.pred[index] === UNREACHED) return undefined;
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
  return reach.pred[index] !== UNREACHED;
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
  const start = direction === 'forward' ? graph.outStart : graph.inStart;
  const next = direction === 'forward' ? graph.outTarget : graph.inSource;
  const flowOf = direction === 'forward' ? graph.outFlow : graph.inFlow;
  const maxHops = options.maxHops ?? Number.POSITIVE_INFINITY;
  const pred = new Int32Array(graph.size).fill(UNREACHED);
  const hops = new Int32Array(graph.size);
  const queue = new Int32Array(graph.size);
  let tail = 0;
  const visit = (e: number, value: number, depth: number) => {
    if (options.follows && !options.follows(flowOf[e]!)) return;
    const v = next[e]!;
    if (pred[v] !== UNREACHED) return;
    pred[v] = value;
    hops[v] = depth;
    queue[tail++] = v;
  };
  for (const s of sources) for (let e = start[s]!; e < start[s + 1]!; e++) visit(e, -2 - s, 1);
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    if (hops[u]! >= maxHops || options.blocks?.(u)) continue;
    for (let e = start[u]!; e < start[u + 1]!; e++) visit(e, u, hops[u]! + 1);
  }
  return { pred };
}
