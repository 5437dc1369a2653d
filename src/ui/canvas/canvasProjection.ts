import type { ThreatModelDocument } from '../../core';
import { layoutEdges, relayoutAfterMove, sameEdgeLayoutInputs, type EdgeLayouts } from './edgeLayouts';
import {
  projectEdges,
  projectNodes,
  relabelEdges,
  reselect,
  type CanvasNode,
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
  const edits = componentEdits(before, doc);
  // A property, description or label edit changes no node: each component's node reads its
  // element from the store itself (elementViews.ts) and is named by its own text, so React Flow is
  // handed the very same list.
  const nextNodes =
    doc.trustBoundaries === before.trustBoundaries && edits !== null
      ? reselect(nodes, from.selected, selected)
      : projectNodes(doc, selected, nodes);
  let layouts = from.layouts;
  let nextEdges: FlowEdgeType[];
  if (doc.dataFlows === before.dataFlows && edits !== null)
    nextEdges = relabelEdges(reselect(edges, from.selected, selected), doc, edits.renamed);
  else {
    // A move places only the labels it can affect; anything else lays the flows out again.
    const kept = sameEdgeLayoutInputs(before, doc)
      ? from.layouts
      : relayoutAfterMove(from.layouts, before, doc);
    layouts = kept ?? layoutEdges(doc);
    // The same flows and the same components in their order (a move, a drop into a boundary): each
    // edge is as it was but for its selection and its ends' names. Their labels' spots are not in
    // the edges (labelSlots.ts), so a drop hands React Flow the very same edge list.
    nextEdges =
      kept && doc.dataFlows === before.dataFlows
        ? relabelEdges(reselect(edges, from.selected, selected), doc, renamedComponents(before, doc))
        : projectEdges(doc, selected, edges, layouts);
  }
  return { projection: { doc, selection, selected, layouts }, nodes: nextNodes, edges: nextEdges };
}

/** The components whose label changed, of two lists with the same components in the same order. */
function renamedComponents(before: ThreatModelDocument, doc: ThreatModelDocument): Set<string> {
  const renamed = new Set<string>();
  if (before.components === doc.components) return renamed;
  doc.components.forEach((c, i) => {
    const was = before.components[i];
    if (was !== c && was?.label !== c.label) renamed.add(c.id);
  });
  return renamed;
}

/**
 * How the components changed when only what nodes and edges do not draw changed, or their labels:
 * the same components in the same order, each at its place, of its type, in its boundary. `renamed`
 * are those whose label changed (their node's and their flows' accessible names). Null for any
 * other change. A property edit at 10,000 components then touches none of the 20,000 edges.
 */
function componentEdits(
  before: ThreatModelDocument,
  doc: ThreatModelDocument,
): { renamed: Set<string> } | null {
  const renamed = new Set<string>();
  if (before.components === doc.components) return { renamed };
  if (before.components.length !== doc.components.length) return null;
  for (let i = 0; i < doc.components.length; i++) {
    const a = before.components[i]!;
    const b = doc.components[i]!;
    if (a === b) continue;
    if (
      a.id !== b.id ||
      a.type !== b.type ||
      (a.boundaryId ?? null) !== (b.boundaryId ?? null) ||
      a.position?.x !== b.position?.x ||
      a.position?.y !== b.position?.y
    )
      return null;
    if (a.label !== b.label) renamed.add(b.id);
  }
  return { renamed };
}
