import { MarkerType, type Edge, type Node } from '@xyflow/react';
import {
  boundarySize,
  flowName,
  positionOf,
  type Position,
  type ThreatModelDocument,
  type TrustBoundary,
} from '../../core';

/** Custom nodes and edges get only the element's id; everything else they read from the store. */
export type ElementData = { id: string };
export type ComponentNodeType = Node<ElementData, 'component'>;
export type BoundaryNodeType = Node<ElementData, 'boundary'>;
export type CanvasNode = ComponentNodeType | BoundaryNodeType;
/** `bundled`: this edge stands for that many parallel flows (see projectEdges). */
export type FlowEdgeType = Edge<ElementData & { bundled?: number }, 'flow'>;

/** Which document object each node or edge was built from, to reuse it while that object is unchanged. */
const sourceOf = new WeakMap<object, object>();

/** Boundaries ordered parents first (React Flow needs a parent before its children). */
function boundariesParentsFirst(doc: ThreatModelDocument): TrustBoundary[] {
  const byId = new Map(doc.trustBoundaries.map((b) => [b.id, b]));
  const out: TrustBoundary[] = [];
  const placed = new Set<string>();
  const visit = (b: TrustBoundary, guard: number) => {
    if (placed.has(b.id) || guard > byId.size) return;
    const parent = b.parentId ? byId.get(b.parentId) : undefined;
    if (parent) visit(parent, guard + 1);
    placed.add(b.id);
    out.push(b);
  };
  for (const b of doc.trustBoundaries) visit(b, 0);
  return out;
}

const same = (a: Position, b: Position) => a.x === b.x && a.y === b.y;

/**
 * Projects the document onto React Flow nodes. Positions in the document are absolute; a node
 * inside a boundary is positioned relative to it. A previous node is reused — the same object —
 * while its source element, selection and placement are unchanged, so React Flow skips it and
 * keeps its measured size; a rebuilt node inherits the measured size of its predecessor.
 */
export function projectNodes(
  doc: ThreatModelDocument,
  selected: ReadonlySet<string>,
  previous: readonly CanvasNode[],
): CanvasNode[] {
  const prevById = new Map(previous.map((n) => [n.id, n]));
  const boundaries = new Map(doc.trustBoundaries.map((b) => [b.id, b]));
  const out: CanvasNode[] = [];
  const place = (absolute: Position, parentId: string | null | undefined) => {
    const parent = parentId ? boundaries.get(parentId) : undefined;
    if (!parent) return { position: absolute, parentId: undefined };
    const p = positionOf(parent);
    return { position: { x: absolute.x - p.x, y: absolute.y - p.y }, parentId: parent.id };
  };

  for (const b of boundariesParentsFirst(doc)) {
    const { position, parentId } = place(positionOf(b), b.parentId);
    const size = boundarySize(b);
    const prev = prevById.get(b.id);
    const isSelected = selected.has(b.id);
    if (
      prev &&
      prev.type === 'boundary' &&
      sourceOf.get(prev) === b &&
      !!prev.selected === isSelected &&
      prev.parentId === parentId &&
      same(prev.position, position) &&
      prev.width === size.width &&
      prev.height === size.height
    ) {
      out.push(prev);
      continue;
    }
    const node: BoundaryNodeType = {
      id: b.id,
      type: 'boundary',
      position,
      data: { id: b.id },
      width: size.width,
      height: size.height,
      selected: isSelected,
      dragHandle: '.boundary-drag',
      ariaLabel: `Trust boundary ${b.label} (${b.zone})`,
      className: 'boundary-wrapper',
      ...(parentId ? { parentId } : {}),
      ...(prev?.measured ? { measured: prev.measured } : {}),
    };
    sourceOf.set(node, b);
    out.push(node);
  }

  for (const c of doc.components) {
    const { position, parentId } = place(positionOf(c), c.boundaryId);
    const prev = prevById.get(c.id);
    const isSelected = selected.has(c.id);
    if (
      prev &&
      prev.type === 'component' &&
      sourceOf.get(prev) === c &&
      !!prev.selected === isSelected &&
      prev.parentId === parentId &&
      same(prev.position, position)
    ) {
      out.push(prev);
      continue;
    }
    const node: ComponentNodeType = {
      id: c.id,
      type: 'component',
      position,
      data: { id: c.id },
      selected: isSelected,
      ariaLabel: `${c.label || c.id} (${c.type})`,
      ...(parentId ? { parentId } : {}),
      ...(prev?.measured ? { measured: prev.measured } : {}),
    };
    sourceOf.set(node, c);
    out.push(node);
  }
  return out;
}

const MARKER = { type: MarkerType.ArrowClosed, width: 18, height: 18 } as const;

/**
 * More flows than this between the same two components are drawn as one edge that says how many
 * there are: they would be drawn on top of each other anyway, and a hundred thousand of them
 * (a valid model) took React minutes to mount. Each flow stays in the document and the outline.
 */
export const PARALLEL_FLOW_LIMIT = 12;

const pairKey = (f: { sourceId: string; targetId: string }) => `${f.sourceId}\u0000${f.targetId}`;

export function projectEdges(
  doc: ThreatModelDocument,
  selected: ReadonlySet<string>,
  previous: readonly FlowEdgeType[],
): FlowEdgeType[] {
  const prevById = new Map(previous.map((e) => [e.id, e]));
  const perPair = new Map<string, number>();
  for (const f of doc.dataFlows) perPair.set(pairKey(f), (perPair.get(pairKey(f)) ?? 0) + 1);
  const bundled = new Set<string>();
  const edges: FlowEdgeType[] = [];
  // Screen readers hear flows by their components' names, not their ids.
  const names = new Map(doc.components.map((c) => [c.id, c.label || c.id]));
  const nameOf = (id: string) => names.get(id);
  for (const f of doc.dataFlows) {
    const key = pairKey(f);
    const count = perPair.get(key)!;
    if (count <= PARALLEL_FLOW_LIMIT) {
      edges.push(flowEdge(f, selected, prevById.get(f.id), nameOf));
      continue;
    }
    // The first flow of the pair stands for all of them; selecting the bundle selects it.
    if (bundled.has(key)) continue;
    bundled.add(key);
    const prev = prevById.get(f.id);
    const isSelected = selected.has(f.id);
    const ariaLabel = `${count.toLocaleString('en')} data flows ${flowName(f, nameOf)}, drawn as one`;
    if (
      prev &&
      sourceOf.get(prev) === f &&
      !!prev.selected === isSelected &&
      prev.data?.bundled === count &&
      prev.ariaLabel === ariaLabel
    ) {
      edges.push(prev);
      continue;
    }
    const edge: FlowEdgeType = {
      ...flowEdge(f, selected, undefined, nameOf),
      data: { id: f.id, bundled: count },
      ariaLabel,
    };
    sourceOf.set(edge, f);
    edges.push(edge);
  }
  return edges;
}

function flowEdge(
  f: ThreatModelDocument['dataFlows'][number],
  selected: ReadonlySet<string>,
  prev: FlowEdgeType | undefined,
  nameOf: (componentId: string) => string | undefined,
): FlowEdgeType {
  const isSelected = selected.has(f.id);
  // "Data flow Researchers → Orchestrator: questions"; a renamed end gives the edge a new label.
  const ariaLabel = `Data flow ${flowName(f, nameOf, { withLabel: true })}`;
  if (
    prev &&
    sourceOf.get(prev) === f &&
    !!prev.selected === isSelected &&
    !prev.data?.bundled &&
    prev.ariaLabel === ariaLabel
  )
    return prev;
  const edge: FlowEdgeType = {
    id: f.id,
    type: 'flow',
    source: f.sourceId,
    target: f.targetId,
    data: { id: f.id },
    selected: isSelected,
    markerEnd: MARKER,
    ariaLabel,
  };
  sourceOf.set(edge, f);
  return edge;
}
