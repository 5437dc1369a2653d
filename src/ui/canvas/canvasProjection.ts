import type { ThreatModelDocument } from '../../core';
import {
  layoutEdges,
  projectEdges,
  projectNodes,
  relayoutAfterMove,
  reselect,
  sameEdgeLayoutInputs,
  type CanvasNode,
  type EdgeLayouts,
  type FlowEdgeType,
} from './projectDocument';

/** What the canvas's nodes and edges were last projected from. */
export interface Projection {
  doc: ThreatModelDocument;
  selection: readonly string[];
  selected: ReadonlySet<string>;
  layouts: EdgeLayouts;
}

export function startProjection(doc: ThreatModelDocument, selection: readonly string[]): Projection {
  return { doc, selection, selected: new Set(selection), layouts: layoutEdges(doc) };
}

/**
 * The canvas after a change of the document or the selection, worked out from the change rather
 * than from the whole model: the document's lists are compared by identity (Immer shares what did
 * not change), so a change that leaves the components and boundaries alone keeps every node, a
 * selection changes only the nodes and edges it selects or leaves, and the flows' lanes and label
 * spots are placed again only when a flow's ends or label or a component's place changed. Where
 * lists did change, each element that is the same object keeps its node or edge (projectDocument).
 */
export function advanceProjection(
  from: Projection,
  doc: ThreatModelDocument,
  selection: readonly string[],
  nodes: CanvasNode[],
  edges: FlowEdgeType[],
): { projection: Projection; nodes: CanvasNode[]; edges: FlowEdgeType[] } {
  const selected = selection === from.selection ? from.selected : new Set(selection);
  const before = from.doc;
  const nextNodes =
    doc.components === before.components && doc.trustBoundaries === before.trustBoundaries
      ? reselect(nodes, from.selected, selected)
      : projectNodes(doc, selected, nodes);
  let layouts = from.layouts;
  let nextEdges: FlowEdgeType[];
  if (doc.dataFlows === before.dataFlows && doc.components === before.components)
    nextEdges = reselect(edges, from.selected, selected);
  else {
    // A move places only the labels it can affect; anything else lays the flows out again.
    if (!sameEdgeLayoutInputs(before, doc))
      layouts = relayoutAfterMove(from.layouts, before, doc) ?? layoutEdges(doc);
    nextEdges = projectEdges(doc, selected, edges, layouts);
  }
  return { projection: { doc, selection, selected, layouts }, nodes: nextNodes, edges: nextEdges };
}
