import type { Direction, GraphIndex } from './graphIndex';

/**
 * The order in which a worklist search that spreads along the flows (`forward`) or against them
 * (`backward`) should first visit the components: each component after every component that can
 * hand it something, as far as cycles allow. Spreading labels from every component in index
 * order visited most components several times, once per wave of labels arriving from further up;
 * in this order a component is visited once when no cycle leads into it, and the members of a
 * cycle are visited together. The result of a closure search does not depend on the order; the
 * searches that record paths keep index order, so the paths shown are unchanged.
 *
 * Computed once per graph index (strongly connected components by Tarjan's algorithm, without
 * recursion, so a chain of 50,000 components cannot overflow the stack).
 */
export function visitOrder(graph: GraphIndex, direction: Direction): Int32Array {
  let orders = ordersByGraph.get(graph);
  if (!orders) ordersByGraph.set(graph, (orders = { sinksFirst: sinksFirst(graph) }));
  if (direction === 'backward') return orders.sinksFirst;
  return (orders.sourcesFirst ??= orders.sinksFirst.slice().reverse());
}

const ordersByGraph = new WeakMap<GraphIndex, { sinksFirst: Int32Array; sourcesFirst?: Int32Array }>();

/**
 * Every component once, each strongly connected component after all those its flows lead to
 * (the order in which Tarjan's algorithm completes them).
 */
function sinksFirst(graph: GraphIndex): Int32Array {
  const { size, outStart, outTarget } = graph;
  const order = new Int32Array(size);
  const number = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const stack = new Int32Array(size);
  // The depth-first path: its components and, for each, the next out-edge to look at.
  const path = new Int32Array(size);
  const nextEdge = new Int32Array(size);
  let written = 0;
  let counter = 0;
  let stackTop = 0;
  let depth = 0;
  const enter = (v: number) => {
    number[v] = low[v] = counter++;
    stack[stackTop++] = v;
    onStack[v] = 1;
    path[depth] = v;
    nextEdge[depth++] = outStart[v]!;
  };
  for (let root = 0; root < size; root++) {
    if (number[root] !== -1) continue;
    enter(root);
    while (depth > 0) {
      const u = path[depth - 1]!;
      const e = nextEdge[depth - 1]!;
      if (e < outStart[u + 1]!) {
        nextEdge[depth - 1] = e + 1;
        const v = outTarget[e]!;
        if (number[v] === -1) enter(v);
        else if (onStack[v] === 1 && number[v]! < low[u]!) low[u] = number[v]!;
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = path[depth - 1]!;
        if (low[u]! < low[parent]!) low[parent] = low[u]!;
      }
      if (low[u] !== number[u]) continue;
      // `u` roots a strongly connected component: its members are on the stack above it.
      let member: number;
      do {
        member = stack[--stackTop]!;
        onStack[member] = 0;
        order[written++] = member;
      } while (member !== u);
    }
  }
  return order;
}
