/** Marks what no search has reached; a first hop from source s is stored as -2 - s. */
const UNREACHED = -1;

/**
 * Paths from untrusted origins, tracking two things about each path: whether it has passed a guard
 * (an input guardrail or a validating pipeline) and whether it is indirect (it went through a
 * store, a tool, a data source or an external service rather than straight from a user).
 *
 * The search runs over (component, guarded, indirect) states — four per component — so the whole
 * analysis stays one linear pass however many rules ask about it.
 */
export interface UntrustedPathAnalysis {
  /**
   * Per state: 1 when untrusted input reaches it and travels on, 2 when it reaches it only over a
   * terminal flow, 0 when it does not reach it. What rules read.
   */
  member: Uint8Array;
  /**
   * pred[state]: -1 unreached; -2 - origin for the first hop; else the previous state. `pred` and
   * `ends` are read only by explanations (built on first read when the analysis was extended).
   */
  readonly pred: Int32Array;
  /**
   * States reached only over a terminal flow (a query): the component is reached, but what reached
   * it does not travel on from it. Same encoding as `pred`; consulted when `pred` has nothing.
   */
  readonly ends: Int32Array;
}

export interface UntrustedPathOptions {
  origins: readonly number[];
  /** Content origins (a public-web data source…) start indirect; people start direct. */
  startsIndirect: (index: number) => boolean;
  isGuard: (index: number) => boolean;
  /** Passing through this component makes the content indirect (retrieval, tool output, memory…). */
  makesIndirect: (index: number) => boolean;
  /** Flows along which input reaches the target but travels no further (queries); none by default. */
  terminal?: (flow: number) => boolean;
}

export const state = (index: number, guarded: number, indirect: number) => index * 4 + guarded * 2 + indirect;

/** An analysis whose `pred` and `ends` `search` finds on first read. */
export function lazyUntrustedPaths(
  member: Uint8Array,
  search: () => { pred: Int32Array; ends: Int32Array },
): UntrustedPathAnalysis {
  return new LazyUntrustedPaths(member, search);
}

/** A class, not an object literal with getters: one shape for the rules' reads. */
class LazyUntrustedPaths implements UntrustedPathAnalysis {
  #found: { pred: Int32Array; ends: Int32Array } | undefined;
  readonly #search: () => { pred: Int32Array; ends: Int32Array };
  constructor(
    readonly member: Uint8Array,
    search: () => { pred: Int32Array; ends: Int32Array },
  ) {
    this.#search = search;
  }
  get pred(): Int32Array {
    return (this.#found ??= this.#search()).pred;
  }
  get ends(): Int32Array {
    return (this.#found ??= this.#search()).ends;
  }
}

/** `member` values: input reaches the state and travels on; input reaches it only over a terminal flow. */
export const FLOWS = 1;
export const ENDS = 2;

export interface PathQuery {
  guarded?: boolean;
  indirect?: boolean;
}

/** Whether some untrusted path reaches `index` matching the query (unspecified flags match both). */
export function reachedBy(analysis: UntrustedPathAnalysis, index: number, query: PathQuery = {}): boolean {
  return findState(analysis, index, query) !== -1;
}

/** The component indices of such a path, origin first. */
export function untrustedPath(
  analysis: UntrustedPathAnalysis,
  index: number,
  query: PathQuery = {},
): number[] | undefined {
  let s = findState(analysis, index, query);
  if (s === -1) return undefined;
  const path = [s >> 2];
  for (let guard = 0; guard < analysis.pred.length; guard++) {
    const p = guard === 0 && analysis.pred[s] === UNREACHED ? analysis.ends[s]! : analysis.pred[s]!;
    if (p <= -2) {
      path.push(-2 - p);
      break;
    }
    path.push(p >> 2);
    s = p;
  }
  return path.reverse();
}

function findState(analysis: UntrustedPathAnalysis, index: number, query: PathQuery): number {
  for (let g = 0; g < 2; g++) {
    if (query.guarded !== undefined && query.guarded !== (g === 1)) continue;
    for (let i = 0; i < 2; i++) {
      if (query.indirect !== undefined && query.indirect !== (i === 1)) continue;
      const s = state(index, g, i);
      if (analysis.member[s] !== 0) return s;
    }
  }
  return -1;
}
