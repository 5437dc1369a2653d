import type { Direction } from '../graph/graphIndex';
import { reachAlong, type Reach } from '../graph/reachability';
import type { EvaluationContext } from './evaluationContext';

/**
 * A path condition that starts from every component of some types and follows every flow, with no
 * bound on hops ("upstream, a feedback store"), asks what the label analyses already know: which
 * types lie upstream (or downstream) of each component. Read from their bits, it needs no search
 * of its own. `reached` is exactly what the search finds: both count a component reached when a
 * path of at least one flow leads to it from a source. The search still runs, lazily, for what
 * only it gives: the path an explanation shows and the hop counts an extension starts from.
 *
 * Undefined when the label analyses cannot answer: a type the catalogue does not know (such a
 * component carries no type label of its own).
 */
export function typeReach(
  ctx: EvaluationContext,
  types: readonly string[],
  sources: readonly number[],
  direction: Direction,
): Reach | undefined {
  const { facts, graph } = ctx;
  if (!allTypesKnown(ctx)) return undefined;
  const sets = direction === 'forward' ? facts.upstreamTypes : facts.downstreamTypes;
  const { words, bits } = sets;
  const mask = new Uint32Array(words);
  for (const t of types) {
    const label = facts.typeLabel.get(t);
    if (label === undefined) return undefined;
    mask[label >>> 5]! |= 1 << (label & 31);
  }
  const reached = new Uint8Array(graph.size);
  for (let i = 0; i < graph.size; i++)
    for (let w = 0; w < words; w++)
      if ((bits[i * words + w]! & mask[w]!) !== 0) {
        reached[i] = 1;
        break;
      }
  return new SearchedWhenRead(reached, () => reachAlong(graph, sources, direction));
}

/** Whether every component's type has a label (memoised per `types` array, which never changes). */
function allTypesKnown(ctx: EvaluationContext): boolean {
  let known = typesKnown.get(ctx.types);
  if (known === undefined) {
    known = ctx.types.every((t) => ctx.facts.typeLabel.has(t));
    typesKnown.set(ctx.types, known);
  }
  return known;
}

const typesKnown = new WeakMap<readonly string[], boolean>();

/** Membership now; predecessors and hop counts from the search, on first read. */
class SearchedWhenRead implements Reach {
  #searched: Reach | undefined;
  readonly #search: () => Reach;
  constructor(
    readonly reached: Uint8Array,
    search: () => Reach,
  ) {
    this.#search = search;
  }
  get pred(): Int32Array {
    return (this.#searched ??= this.#search()).pred;
  }
  get hops(): Int32Array | undefined {
    return (this.#searched ??= this.#search()).hops;
  }
}
