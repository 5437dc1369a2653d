import { boundaryRect } from '../layout/elementRects';
import type { Rect } from '../layout/geometry';
import { COMPONENT_SIZE, DEFAULT_BOUNDARY_SIZE } from '../layout/sizes';
import type { Component, ThreatModelDocument, TrustBoundary } from '../model/document';

/** Where each element of a diagram is drawn, and how deep each boundary is nested (0 = top level). */
export interface DiagramLayout {
  components: Map<string, Rect>;
  boundaries: Map<string, Rect>;
  depth: Map<string, number>;
}

const GAP = 48;
const PADDING = { side: 28, top: 48, bottom: 28 };

/**
 * The rectangles of the document as the canvas draws them (positions are absolute; a boundary
 * without a size has the default one). A model where any element has no position (written by
 * hand or imported) is laid out whole on a simple grid instead: each boundary holds its
 * components in a square-ish grid with its child boundaries in a row below, top-level
 * components first. Linear in the size of the model.
 */
export function diagramLayout(doc: ThreatModelDocument): DiagramLayout {
  const depth = boundaryDepths(doc.trustBoundaries);
  const positioned = doc.components.every((c) => c.position) && doc.trustBoundaries.every((b) => b.position);
  if (positioned)
    return {
      components: new Map(doc.components.map((c) => [c.id, { ...c.position!, ...COMPONENT_SIZE }])),
      boundaries: new Map(doc.trustBoundaries.map((b) => [b.id, boundaryRect(b)])),
      depth,
    };
  return { ...gridLayout(doc, depth), depth };
}

/** Nesting depth of every boundary; a parent cycle or an unknown parent counts as top level. */
function boundaryDepths(boundaries: readonly TrustBoundary[]): Map<string, number> {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const depth = new Map<string, number>();
  for (const b of boundaries) {
    const chain: string[] = [];
    const seen = new Set<string>();
    let at: TrustBoundary | undefined = b;
    let base = -1;
    while (at && !seen.has(at.id)) {
      const known = depth.get(at.id);
      if (known !== undefined) {
        base = known;
        break;
      }
      seen.add(at.id);
      chain.push(at.id);
      at = at.parentId ? byId.get(at.parentId) : undefined;
    }
    // A cycle: its members are drawn as top-level boundaries.
    if (at && seen.has(at.id)) base = -1;
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i]!, base + chain.length - i);
  }
  return depth;
}

interface Block {
  width: number;
  height: number;
  place(x: number, y: number): void;
}

function gridLayout(
  doc: ThreatModelDocument,
  depth: ReadonlyMap<string, number>,
): Omit<DiagramLayout, 'depth'> {
  const components = new Map<string, Rect>();
  const boundaries = new Map<string, Rect>();
  const ids = new Set(doc.trustBoundaries.map((b) => b.id));
  const parentOf = (b: TrustBoundary): string | null =>
    b.parentId && ids.has(b.parentId) && depth.get(b.id)! > 0 ? b.parentId : null;
  const members = new Map<string | null, Component[]>();
  const children = new Map<string | null, TrustBoundary[]>();
  const add = <T>(map: Map<string | null, T[]>, key: string | null, item: T) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  for (const c of doc.components)
    add(members, c.boundaryId && ids.has(c.boundaryId) ? c.boundaryId : null, c);
  for (const b of doc.trustBoundaries) add(children, parentOf(b), b);

  const grid = (list: readonly Component[]): Block => {
    const columns = Math.max(1, Math.ceil(Math.sqrt(list.length)));
    const rows = Math.ceil(list.length / columns);
    const cell = { width: COMPONENT_SIZE.width + GAP, height: COMPONENT_SIZE.height + GAP };
    return {
      width: list.length === 0 ? 0 : columns * cell.width - GAP,
      height: list.length === 0 ? 0 : rows * cell.height - GAP,
      place: (x, y) =>
        list.forEach((c, i) =>
          components.set(c.id, {
            x: x + (i % columns) * cell.width,
            y: y + Math.floor(i / columns) * cell.height,
            ...COMPONENT_SIZE,
          }),
        ),
    };
  };
  const row = (blocks: readonly Block[]): Block => ({
    width: blocks.reduce((sum, b, i) => sum + b.width + (i > 0 ? GAP : 0), 0),
    height: blocks.reduce((tallest, b) => Math.max(tallest, b.height), 0),
    place: (x, y) => {
      let left = x;
      for (const b of blocks) {
        b.place(left, y);
        left += b.width + GAP;
      }
    },
  });
  const stack = (top: Block, bottom: Block): Block => {
    const gap = top.height > 0 && bottom.height > 0 ? GAP : 0;
    return {
      width: Math.max(top.width, bottom.width),
      height: top.height + gap + bottom.height,
      place: (x, y) => {
        top.place(x, y);
        bottom.place(x, y + top.height + gap);
      },
    };
  };
  // Children are built from the parent map, which has no cycles (parentOf drops them): finite.
  const boundary = (b: TrustBoundary): Block => {
    const inside = stack(grid(members.get(b.id) ?? []), row((children.get(b.id) ?? []).map(boundary)));
    const empty = inside.height === 0;
    const width = empty ? DEFAULT_BOUNDARY_SIZE.width : inside.width + 2 * PADDING.side;
    const height = empty ? DEFAULT_BOUNDARY_SIZE.height : PADDING.top + inside.height + PADDING.bottom;
    return {
      width,
      height,
      place: (x, y) => {
        boundaries.set(b.id, { x, y, width, height });
        inside.place(x + PADDING.side, y + PADDING.top);
      },
    };
  };
  stack(grid(members.get(null) ?? []), row((children.get(null) ?? []).map(boundary))).place(0, 0);
  return { components, boundaries };
}
