import type { ThreatModelDocument } from '../model/document';

/**
 * Compressed adjacency of the data-flow graph over component indices, built once per evaluation.
 * `outStart[i]..outStart[i+1]` indexes `outTarget` (and `outFlow`, the flow index); likewise `in*`.
 */
export interface GraphIndex {
  size: number;
  indexOf: Map<string, number>;
  flowSource: Int32Array;
  flowTarget: Int32Array;
  outStart: Int32Array;
  outTarget: Int32Array;
  outFlow: Int32Array;
  inStart: Int32Array;
  inSource: Int32Array;
  inFlow: Int32Array;
}

/** `indexOf`: the component index of a graph over the same components, when there is one. */
export function buildGraphIndex(doc: ThreatModelDocument, indexOf?: Map<string, number>): GraphIndex {
  const size = doc.components.length;
  if (!indexOf) {
    indexOf = new Map<string, number>();
    for (let i = 0; i < size; i++) indexOf.set(doc.components[i]!.id, i);
  }
  const flowCount = doc.dataFlows.length;
  const flowSource = new Int32Array(flowCount);
  const flowTarget = new Int32Array(flowCount);
  const outDegree = new Int32Array(size + 1);
  const inDegree = new Int32Array(size + 1);
  for (let k = 0; k < flowCount; k++) {
    const f = doc.dataFlows[k]!;
    // parseDocument guarantees both ends exist.
    const s = indexOf.get(f.sourceId) ?? 0;
    const t = indexOf.get(f.targetId) ?? 0;
    flowSource[k] = s;
    flowTarget[k] = t;
    outDegree[s + 1]!++;
    inDegree[t + 1]!++;
  }
  return adjacency(size, indexOf, flowSource, flowTarget, outDegree, inDegree);
}

/**
 * The graph of the same components with the flows of `flows` in their new order: `oldIndexOfFlow[k]`
 * is where flow k was in `old` (-1 for a flow not in it), so only new flows' ends are looked up.
 */
export function graphWithFlows(
  old: GraphIndex,
  flows: readonly { sourceId: string; targetId: string }[],
  oldIndexOfFlow: Int32Array,
): GraphIndex {
  const { size, indexOf } = old;
  const flowCount = flows.length;
  const flowSource = new Int32Array(flowCount);
  const flowTarget = new Int32Array(flowCount);
  const outDegree = new Int32Array(size + 1);
  const inDegree = new Int32Array(size + 1);
  for (let k = 0; k < flowCount; k++) {
    const was = oldIndexOfFlow[k]!;
    const s = was >= 0 ? old.flowSource[was]! : (indexOf.get(flows[k]!.sourceId) ?? 0);
    const t = was >= 0 ? old.flowTarget[was]! : (indexOf.get(flows[k]!.targetId) ?? 0);
    flowSource[k] = s;
    flowTarget[k] = t;
    outDegree[s + 1]!++;
    inDegree[t + 1]!++;
  }
  return adjacency(size, indexOf, flowSource, flowTarget, outDegree, inDegree);
}

/** The compressed adjacency from each flow's ends and the degree counts (shifted by one). */
function adjacency(
  size: number,
  indexOf: Map<string, number>,
  flowSource: Int32Array,
  flowTarget: Int32Array,
  outDegree: Int32Array,
  inDegree: Int32Array,
): GraphIndex {
  const flowCount = flowSource.length;
  for (let i = 0; i < size; i++) {
    outDegree[i + 1]! += outDegree[i]!;
    inDegree[i + 1]! += inDegree[i]!;
  }
  const outStart = outDegree;
  const inStart = inDegree;
  const outTarget = new Int32Array(flowCount);
  const outFlow = new Int32Array(flowCount);
  const inSource = new Int32Array(flowCount);
  const inFlow = new Int32Array(flowCount);
  const outFill = outStart.slice(0, size);
  const inFill = inStart.slice(0, size);
  for (let k = 0; k < flowCount; k++) {
    const s = flowSource[k]!;
    const t = flowTarget[k]!;
    const o = outFill[s]!++;
    outTarget[o] = t;
    outFlow[o] = k;
    const n = inFill[t]!++;
    inSource[n] = s;
    inFlow[n] = k;
  }
  return { size, indexOf, flowSource, flowTarget, outStart, outTarget, outFlow, inStart, inSource, inFlow };
}

/** Direction of traversal: along the flows, or against them. */
export type Direction = 'forward' | 'backward';

export function neighbours(graph: GraphIndex, direction: Direction): { start: Int32Array; next: Int32Array } {
  return direction === 'forward'
    ? { start: graph.outStart, next: graph.outTarget }
    : { start: graph.inStart, next: graph.inSource };
}
