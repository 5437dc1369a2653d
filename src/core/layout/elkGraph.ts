/**
 * The document as an ELK graph, and an ELK result back as positions and sizes. Pure: only the
 * JSON shapes of ELK's input and output live here; the UI runs elkjs itself, in a Web Worker.
 *
 * Trust boundaries become compound nodes (ELK sizes them around their members, with room for
 * the header), components plain nodes of the canvas size, data flows edges. Each boundary is laid
 * out on its own, innermost first (`SEPARATE_CHILDREN`); a flow between components of different
 * boundaries crosses them through a port on each boundary it leaves or enters, so it still puts
 * those boundaries in reading order, left to right. Laying the whole hierarchy out in one pass
 * (`INCLUDE_CHILDREN`) was measured at 64 s for 1,000 components and 2,000 flows in ten
 * boundaries (5 s at 200), against about 1 s this way: its long cross-boundary flows turn into
 * thousands of dummy nodes.
 */
import type { Position, ThreatModelDocument } from '../model/document';
import type { Size } from './geometry';
import { COMPONENT_SIZE, DEFAULT_BOUNDARY_SIZE } from './sizes';

/** A node of ELK's JSON graph, as given to ELK and as ELK returns it (x/y relative to its parent). */
export interface ElkNodeShape {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkNodeShape[];
  edges?: ElkEdgeShape[];
  layoutOptions?: Record<string, string>;
}

export interface ElkEdgeShape {
  id: string;
  sources: string[];
  targets: string[];
}

/** Room inside a boundary around its members; the top leaves space for the boundary's header. */
export const BOUNDARY_PADDING = { top: 48, left: 32, bottom: 32, right: 32 } as const;
/** The margin around the whole diagram. */
const MARGIN = 32;

const padding = (p: { top: number; left: number; bottom: number; right: number }) =>
  `[top=${p.top},left=${p.left},bottom=${p.bottom},right=${p.right}]`;

/** Options of the root: layered, left to right, across the whole hierarchy. */
export const ELK_ROOT_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'SEPARATE_CHILDREN',
  'elk.padding': padding({ top: MARGIN, left: MARGIN, bottom: MARGIN, right: MARGIN }),
  // Between components in a layer, and between layers (room for a flow label).
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.spacing.edgeNode': '24',
  'elk.spacing.componentComponent': '64',
};

/** Each boundary is laid out like the root, inside its padding. */
const BOUNDARY_OPTIONS: Readonly<Record<string, string>> = {
  ...ELK_ROOT_OPTIONS,
  'elk.padding': padding(BOUNDARY_PADDING),
};

/**
 * Which boundary each element sits in, as the document records it; a reference to a missing
 * boundary, or a parent chain that loops (refused by validation, but the layout must not hang),
 * puts the element at the top level.
 */
function containers(doc: ThreatModelDocument): {
  boundaryOf: (componentBoundaryId: string | null | undefined) => string | null;
  parentOf: Map<string, string | null>;
} {
  const declared = new Map(doc.trustBoundaries.map((b) => [b.id, b.parentId ?? null]));
  const parentOf = new Map<string, string | null>();
  for (const b of doc.trustBoundaries) {
    const seen = new Set([b.id]);
    let at = declared.get(b.id) ?? null;
    let ok = true;
    while (at !== null) {
      if (seen.has(at) || !declared.has(at)) {
        ok = false;
        break;
      }
      seen.add(at);
      at = declared.get(at) ?? null;
    }
    const parent = declared.get(b.id) ?? null;
    parentOf.set(b.id, ok ? parent : null);
  }
  return {
    boundaryOf: (id) => (id && declared.has(id) ? id : null),
    parentOf,
  };
}

/** The ELK graph of a document: every component and boundary, one edge per connected pair. */
export function toElkGraph(doc: ThreatModelDocument): ElkNodeShape {
  const { boundaryOf, parentOf } = containers(doc);
  const root: ElkNodeShape = {
    id: '__root',
    layoutOptions: { ...ELK_ROOT_OPTIONS },
    children: [],
    edges: [],
  };
  const nodes = new Map<string, ElkNodeShape>();
  const occupied = new Set<string>();
  for (const c of doc.components) {
    const b = boundaryOf(c.boundaryId);
    if (b) occupied.add(b);
  }
  for (const parent of parentOf.values()) if (parent) occupied.add(parent);
  for (const b of doc.trustBoundaries)
    nodes.set(
      b.id,
      // An empty boundary keeps its own size; one with members is sized by ELK around them.
      occupied.has(b.id)
        ? { id: b.id, layoutOptions: { ...BOUNDARY_OPTIONS }, children: [] }
        : { id: b.id, ...(b.size ?? DEFAULT_BOUNDARY_SIZE) },
    );
  const childrenOf = (id: string | null) => (id === null ? root : nodes.get(id)!).children!;
  for (const b of doc.trustBoundaries) childrenOf(parentOf.get(b.id) ?? null).push(nodes.get(b.id)!);
  for (const c of doc.components)
    childrenOf(boundaryOf(c.boundaryId)).push({
      id: c.id,
      width: COMPONENT_SIZE.width,
      height: COMPONENT_SIZE.height,
    });

  // Parallel flows (and the return flow of a pair) add nothing to the layout but time.
  const components = new Set(doc.components.map((c) => c.id));
  const pairs = new Set<string>();
  for (const f of doc.dataFlows) {
    if (f.sourceId === f.targetId || !components.has(f.sourceId) || !components.has(f.targetId)) continue;
    const key = `${f.sourceId}\u0000${f.targetId}`;
    const back = `${f.targetId}\u0000${f.sourceId}`;
    if (pairs.has(key) || pairs.has(back)) continue;
    pairs.add(key);
    root.edges!.push({ id: f.id, sources: [f.sourceId], targets: [f.targetId] });
  }
  return root;
}

export interface LaidOutGeometry {
  positions: Map<string, Position>;
  sizes: Map<string, Size>;
}

/** Absolute positions (and boundary sizes) from ELK's result, whose coordinates are relative to each parent. */
export function readElkLayout(doc: ThreatModelDocument, result: ElkNodeShape): LaidOutGeometry {
  const boundaries = new Set(doc.trustBoundaries.map((b) => b.id));
  const positions = new Map<string, Position>();
  const sizes = new Map<string, Size>();
  const missing = (what: string, id: string) => new Error(`the layout returned no ${what} for "${id}"`);
  // Iterative, not recursive: nesting depth is bounded by validation, but a stack costs nothing.
  const stack: { node: ElkNodeShape; x: number; y: number }[] = (result.children ?? []).map((node) => ({
    node,
    x: result.x ?? 0,
    y: result.y ?? 0,
  }));
  while (stack.length > 0) {
    const { node, x, y } = stack.pop()!;
    if (typeof node.x !== 'number' || typeof node.y !== 'number') throw missing('position', node.id);
    const left = x + node.x;
    const top = y + node.y;
    positions.set(node.id, { x: Math.round(left), y: Math.round(top) });
    if (boundaries.has(node.id)) {
      if (typeof node.width !== 'number' || typeof node.height !== 'number') throw missing('size', node.id);
      sizes.set(node.id, { width: Math.round(node.width), height: Math.round(node.height) });
    }
    for (const child of node.children ?? []) stack.push({ node: child, x: left, y: top });
  }
  for (const c of doc.components) if (!positions.has(c.id)) throw missing('position', c.id);
  for (const b of doc.trustBoundaries) if (!positions.has(b.id)) throw missing('position', b.id);
  return { positions, sizes };
}

/** The document with every element moved (and every boundary sized) as laid out: one new document. */
export function applyLayout(doc: ThreatModelDocument, layout: LaidOutGeometry): ThreatModelDocument {
  return {
    ...doc,
    components: doc.components.map((c) => {
      const position = layout.positions.get(c.id);
      return position ? { ...c, position } : c;
    }),
    trustBoundaries: doc.trustBoundaries.map((b) => {
      const position = layout.positions.get(b.id);
      const size = layout.sizes.get(b.id);
      return position ? { ...b, position, ...(size ? { size } : {}) } : b;
    }),
  };
}
