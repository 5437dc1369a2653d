import { Position as Side, type Edge, type Node, type NodeHandle } from '@xyflow/react';
import {
  boundarySize,
  COMPONENT_SIZE,
  flowName,
  positionOf,
  type Position,
  type ThreatModelDocument,
  type TrustBoundary,
} from '../../core';
import type { Lane } from './edgeGeometry';
import { samePosition } from './geometry';
import { layoutEdges, type EdgeLayout, type EdgeLayouts } from './edgeLayouts';

/** Custom nodes and edges get only the element's id; everything else they read from the store. */
export type ElementData = { id: string };
export type ComponentNodeType = Node<ElementData, 'component'>;
export type BoundaryNodeType = Node<ElementData, 'boundary'>;
export type CanvasNode = ComponentNodeType | BoundaryNodeType;
/**
 * `bundled`: this edge stands for that many parallel flows (see projectEdges); `lane`: its place
 * among the flows drawn between the same two components (see assignLanes). Where its label goes is
 * not in the edge: see labelSlots.ts.
 */
export type FlowEdgeType = Edge<ElementData & { bundled?: number; lane?: Lane }, 'flow'>;

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

const HANDLE = 10;
const COMPONENT_MEASURED = { width: COMPONENT_SIZE.width, height: COMPONENT_SIZE.height };
/**
 * A component's four connection points (ComponentNode's handles) where the drawn node has them.
 * Known in advance, with the node's fixed size (canvas.css), they let React Flow place a node and
 * its flows without mounting it to measure it: opening a model mounts only what is on screen
 * (it mounted all of a thousand components once, then unmounted those off screen).
 */
const COMPONENT_HANDLES: NodeHandle[] = (
  [
    [Side.Top, COMPONENT_SIZE.width / 2, 0],
    [Side.Right, COMPONENT_SIZE.width, COMPONENT_SIZE.height / 2],
    [Side.Bottom, COMPONENT_SIZE.width / 2, COMPONENT_SIZE.height],
    [Side.Left, 0, COMPONENT_SIZE.height / 2],
  ] as const
).map(([position, x, y]) => ({
  id: position,
  type: 'source',
  position,
  x: x - HANDLE / 2,
  y: y - HANDLE / 2,
  width: HANDLE,
  height: HANDLE,
}));

const NO_HANDLES: NodeHandle[] = [];

/** The id of the element holding a component node's accessible name (ids are unique and have no spaces). */
export const componentNameId = (id: string) => `component-name-${id}`;

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
      samePosition(prev.position, position) &&
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
      // It has no connection points: said in advance, so React Flow mounts it only when on screen
      // (a node whose handles it does not know is mounted once to find them).
      handles: NO_HANDLES,
      ariaLabel: `Trust boundary ${b.label} (${b.zone})`,
      className: 'boundary-wrapper',
      ...(parentId ? { parentId } : {}),
      // Its size is the document's: known without mounting it (see COMPONENT_HANDLES), so fitView
      // can focus a boundary that is off screen.
      measured: { width: size.width, height: size.height },
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
      samePosition(prev.position, position)
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
      handles: COMPONENT_HANDLES,
      // Measured in advance: React Flow neither mounts an off-screen node to measure it nor
      // leaves it out of fitView (focusing an element) for want of a measure.
      measured: prev?.measured ?? COMPONENT_MEASURED,
      // Named by its node's own text (ComponentNode renders it), not by an aria-label in the node:
      // a rename then changes no node, and React Flow is not handed a new list of ten thousand.
      domAttributes: { 'aria-labelledby': componentNameId(c.id) },
      ...(parentId ? { parentId } : {}),
    };
    sourceOf.set(node, c);
    out.push(node);
  }
  return out;
}

type DataFlow = ThreatModelDocument['dataFlows'][number];

const sameLane = (a: Lane | undefined, b: Lane) => !!a && a.index === b.index && a.count === b.count;

export function projectEdges(
  doc: ThreatModelDocument,
  selected: ReadonlySet<string>,
  previous: readonly FlowEdgeType[],
  layouts: EdgeLayouts = layoutEdges(doc),
): FlowEdgeType[] {
  const prevById = new Map(previous.map((e) => [e.id, e]));
  const names = new Map(doc.components.map((c) => [c.id, c.label || c.id]));
  const nameOf = (id: string) => names.get(id);
  const edges = layouts.drawn.map(({ index, bundled: count }, i) => {
    const flow = doc.dataFlows[index]!;
    return flowEdge(
      flow,
      selected,
      prevById.get(flow.id),
      { lane: layouts.lanes[i]!, bundled: count },
      nameOf,
    );
  });
  // Every edge as it was (a move: the labels' spots are not in the edges): the very same list, so React Flow
  // keeps its edge and connection lookups instead of rebuilding them over every flow.
  return edges.length === previous.length && edges.every((e, i) => e === previous[i])
    ? (previous as FlowEdgeType[])
    : edges;
}

/**
 * The same nodes or edges with the selection of `after` instead of `before`: only those whose
 * state changed are new objects (React Flow skips the rest), whatever their number.
 */
export function reselect<T extends CanvasNode | FlowEdgeType>(
  items: T[],
  before: ReadonlySet<string>,
  after: ReadonlySet<string>,
): T[] {
  const changed = new Set<string>();
  for (const id of before) if (!after.has(id)) changed.add(id);
  for (const id of after) if (!before.has(id)) changed.add(id);
  if (changed.size === 0) return items;
  // The same list when none of its items changed (a selected node leaves every edge as it was):
  // a new list makes React Flow rebuild its edge lookups over every flow.
  if (!items.some((item) => changed.has(item.id))) return items;
  return items.map((item) => {
    if (!changed.has(item.id)) return item;
    const selected = after.has(item.id);
    const next = { ...item, selected };
    const source = sourceOf.get(item);
    if (source) sourceOf.set(next, source);
    return next;
  });
}

/**
 * The same edges with the accessible names of the flows into and out of `renamed` components made
 * again: only those edges are new objects, and the list is the same when none changed.
 */
export function relabelEdges(
  edges: FlowEdgeType[],
  doc: ThreatModelDocument,
  renamed: ReadonlySet<string>,
): FlowEdgeType[] {
  if (renamed.size === 0) return edges;
  let names: Map<string, string> | undefined;
  const nameOf = (id: string) =>
    (names ??= new Map(doc.components.map((c) => [c.id, c.label || c.id]))).get(id);
  let out: FlowEdgeType[] | undefined;
  edges.forEach((edge, i) => {
    if (!renamed.has(edge.source) && !renamed.has(edge.target)) return;
    const flow = sourceOf.get(edge) as DataFlow | undefined;
    if (!flow) return;
    const ariaLabel = ariaLabelOf(flow, edge.data?.bundled, nameOf);
    if (ariaLabel === edge.ariaLabel) return;
    const next = { ...edge, ariaLabel };
    sourceOf.set(next, flow);
    (out ??= [...edges])[i] = next;
  });
  return out ?? edges;
}

/** The last aria-label made for each flow, with the names it was made from. */
const ariaLabels = new WeakMap<
  DataFlow,
  { source: string | undefined; target: string | undefined; bundled: number | undefined; text: string }
>();

/**
 * An edge's aria-label, made again only when its flow or the names of its ends changed: making
 * two thousand of them was most of projecting the edges again after a move.
 */
function ariaLabelOf(
  f: DataFlow,
  bundled: number | undefined,
  nameOf: (componentId: string) => string | undefined,
): string {
  const source = nameOf(f.sourceId);
  const target = nameOf(f.targetId);
  const hit = ariaLabels.get(f);
  if (hit && hit.source === source && hit.target === target && hit.bundled === bundled) return hit.text;
  const text = bundled
    ? `${bundled.toLocaleString('en')} data flows ${flowName(f, nameOf)}, drawn as one`
    : `Data flow ${flowName(f, nameOf, { withLabel: true })}`;
  ariaLabels.set(f, { source, target, bundled, text });
  return text;
}

function flowEdge(
  f: DataFlow,
  selected: ReadonlySet<string>,
  prev: FlowEdgeType | undefined,
  { lane, bundled }: Omit<EdgeLayout, 'labelSlot'>,
  nameOf: (componentId: string) => string | undefined,
): FlowEdgeType {
  const isSelected = selected.has(f.id);
  // Screen readers hear flows by their components' names ("Data flow Researchers → Orchestrator:
  // questions"), not their ids; a renamed end gives the edge a new label.
  const ariaLabel = ariaLabelOf(f, bundled, nameOf);
  if (
    prev &&
    sourceOf.get(prev) === f &&
    !!prev.selected === isSelected &&
    prev.data?.bundled === bundled &&
    sameLane(prev.data?.lane, lane) &&
    prev.ariaLabel === ariaLabel
  )
    return prev;
  const edge: FlowEdgeType = {
    id: f.id,
    type: 'flow',
    source: f.sourceId,
    target: f.targetId,
    data: { id: f.id, lane, ...(bundled ? { bundled } : {}) },
    selected: isSelected,
    // No markerEnd: FlowEdge draws the canvas's own arrowheads (flowMarkers.tsx), so React Flow
    // does not work out a marker id for every flow each time the list changes.
    ariaLabel,
  };
  sourceOf.set(edge, f);
  return edge;
}
