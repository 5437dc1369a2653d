import type { GraphIndex } from './graphIndex';
import {
  ENDS,
  FLOWS,
  lazyUntrustedPaths,
  state,
  type UntrustedPathAnalysis,
  type UntrustedPathOptions,
} from './untrustedPaths';

/** Marks what no search has reached; a first hop from source s is stored as -2 - s. */
const UNREACHED = -1;

export function analyseUntrustedPaths(
  graph: GraphIndex,
  options: UntrustedPathOptions,
): UntrustedPathAnalysis {
  // Rules read only `member`; the paths are searched for when an explanation first reads them.
  return lazyUntrustedPaths(searchUntrusted(graph, options, null), () =>
    untrustedPredecessors(graph, options),
  );
}

/** The predecessors and terminal ends of the search (see `UntrustedPathAnalysis.pred`). */
export function untrustedPredecessors(
  graph: GraphIndex,
  options: UntrustedPathOptions,
): { pred: Int32Array; ends: Int32Array } {
  const found = {
    pred: new Int32Array(graph.size * 4).fill(UNREACHED),
    ends: new Int32Array(graph.size * 4).fill(UNREACHED),
  };
  searchUntrusted(graph, options, found);
  return found;
}

/**
 * The search over (component, guarded, indirect) states: a state reached over a flow that travels
 * on is FLOWS (and searched on from), one reached only over a terminal flow ENDS. With `found`, it
 * also records the first hop into each state (`pred`) and each terminal arrival (`ends`).
 */
function searchUntrusted(
  graph: GraphIndex,
  options: UntrustedPathOptions,
  found: { pred: Int32Array; ends: Int32Array } | null,
): Uint8Array {
  const member = new Uint8Array(graph.size * 4);
  const queue = new Int32Array(graph.size * 4);
  const flowCount = graph.flowSource.length;
  // Asked once per flow, not once per state that crosses it.
  const terminal = new Uint8Array(flowCount);
  if (options.terminal) for (let k = 0; k < flowCount; k++) if (options.terminal(k)) terminal[k] = 1;
  let tail = 0;
  const reach = (e: number, s: number, value: number) => {
    if (terminal[graph.outFlow[e]!] === 1) {
      if (member[s] !== 0) return;
      member[s] = ENDS;
      if (found) found.ends[s] = value;
    } else if (member[s] !== FLOWS) {
      member[s] = FLOWS;
      if (found) found.pred[s] = value;
      queue[tail++] = s;
    }
  };
  for (const o of options.origins) {
    const indirect = options.startsIndirect(o) ? 1 : 0;
    for (let e = graph.outStart[o]!; e < graph.outStart[o + 1]!; e++)
      reach(e, state(graph.outTarget[e]!, 0, indirect), -2 - o);
  }
  for (let head = 0; head < tail; head++) {
    const s = queue[head]!;
    const u = s >> 2;
    const guarded = (s >> 1) & 1 || (options.isGuard(u) ? 1 : 0);
    const indirect = s & 1 || (options.makesIndirect(u) ? 1 : 0);
    for (let e = graph.outStart[u]!; e < graph.outStart[u + 1]!; e++)
      reach(e, state(graph.outTarget[e]!, guarded, indirect), s);
  }
  return member;
}
