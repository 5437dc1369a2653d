import {
  COMPONENT_SIZE,
  DEFAULT_BOUNDARY_SIZE,
  type Component,
  type Position,
  type ThreatModelDocument,
  type TrustBoundary,
} from '../../core';

/**
 * The fallback layout for models too large for the layered layout (ELK grows faster than linearly
 * and takes many seconds at a few thousand components), or when it fails. Components are placed in reading
 * order of the flows — a chain reads left to right, row after row — in a square-ish grid per
 * boundary; each boundary encloses its members and, below them, its child boundaries. Linear in
 * the size of the model and never recursive over components or flows.
 */

const GAP = { x: 48, y: 48 };
const PADDING = { x: 28, top: 44, bottom: 28 };
const CELL = { width: COMPONENT_SIZE.width + GAP.x, height: COMPONENT_SIZE.height + GAP.y };
/** At most this many blocks side by side before a row wraps, so huge models stay roughly square. */
const MAX_ROW_WIDTH = 40 * CELL.width;

/** Components ordered along the flows: sources first, then breadth first; cycles in document order. */
export function flowOrder(doc: ThreatModelDocument): Component[] {
  const index = new Map(doc.components.map((c, i) => [c.id, i]));
  const next: number[][] = doc.components.map(() => []);
  const indegree = new Array<number>(doc.components.length).fill(0);
  for (const f of doc.dataFlows) {
    const s = index.get(f.sourceId);
    const t = index.get(f.targetId);
    if (s === undefined || t === undefined || s === t) continue;
    next[s]!.push(t);
    indegree[t]!++;
  }
  const seen = new Uint8Array(doc.components.length);
  const order: Component[] = [];
  const queue: number[] = [];
  const drain = () => {
    for (let head = 0; head < queue.length; head++) {
      const i = queue[head]!;
      order.push(doc.components[i]!);
      for (const t of next[i]!)
        if (!seen[t]) {
          seen[t] = 1;
          queue.push(t);
        }
    }
    queue.length = 0;
  };
  doc.components.forEach((_, i) => {
    if (indegree[i] === 0 && !seen[i]) {
      seen[i] = 1;
      queue.push(i);
    }
  });
  drain();
  doc.components.forEach((_, i) => {
    if (!seen[i]) {
      seen[i] = 1;
      queue.push(i);
      drain();
    }
  });
  return order;
}

interface Block {
  width: number;
  height: number;
  place: (x: number, y: number) => void;
}

export function gridLayout(doc: ThreatModelDocument): ThreatModelDocument {
  const membersOf = new Map<string | null, Component[]>();
  const childrenOf = new Map<string | null, TrustBoundary[]>();
  const boundaryIds = new Set(doc.trustBoundaries.map((b) => b.id));
  const parentOf = (id: string | null | undefined) => (id && boundaryIds.has(id) ? id : null);
  const push = <T>(map: Map<string | null, T[]>, key: string | null, item: T) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  for (const c of flowOrder(doc)) push(membersOf, parentOf(c.boundaryId), c);
  for (const b of doc.trustBoundaries) push(childrenOf, parentOf(b.parentId), b);

  const positions = new Map<string, Position>();
  const sizes = new Map<string, { width: number; height: number }>();

  /** Blocks in rows no wider than MAX_ROW_WIDTH (or the widest block). */
  const shelf = (blocks: Block[], minWidth: number): Block => {
    const rows: { blocks: Block[]; width: number; height: number }[] = [];
    for (const block of blocks) {
      const row = rows.at(-1);
      if (row && row.width + GAP.x + block.width <= Math.max(MAX_ROW_WIDTH, minWidth)) {
        row.blocks.push(block);
        row.width += GAP.x + block.width;
        row.height = Math.max(row.height, block.height);
      } else rows.push({ blocks: [block], width: block.width, height: block.height });
    }
    const width = rows.reduce((widest, r) => Math.max(widest, r.width), minWidth);
    const height = rows.reduce((sum, r, i) => sum + r.height + (i > 0 ? GAP.y : 0), 0);
    return {
      width,
      height,
      place: (x, y) => {
        let top = y;
        for (const row of rows) {
          let left = x;
          for (const block of row.blocks) {
            block.place(left, top);
            left += block.width + GAP.x;
          }
          top += row.height + GAP.y;
        }
      },
    };
  };

  const grid = (members: readonly Component[]): Block => {
    const columns = Math.max(1, Math.ceil(Math.sqrt(members.length)));
    const rows = Math.ceil(members.length / columns);
    return {
      width: members.length === 0 ? 0 : columns * CELL.width - GAP.x,
      height: members.length === 0 ? 0 : rows * CELL.height - GAP.y,
      place: (x, y) =>
        members.forEach((c, i) =>
          positions.set(c.id, {
            x: x + (i % columns) * CELL.width,
            y: y + Math.floor(i / columns) * CELL.height,
          }),
        ),
    };
  };

  /** A boundary's block: its padding around its members' grid, its child boundaries below. */
  const boundaryBlock = (b: TrustBoundary, depth: number): Block => {
    const members = grid(membersOf.get(b.id) ?? []);
    // Depth-guarded: a parent cycle (refused by validation anyway) cannot recurse forever.
    const children =
      depth > boundaryIds.size ? [] : (childrenOf.get(b.id) ?? []).map((c) => boundaryBlock(c, depth + 1));
    const inner = shelf(children, members.width);
    const empty = members.height === 0 && inner.height === 0;
    const width = empty ? DEFAULT_BOUNDARY_SIZE.width : Math.max(members.width, inner.width) + PADDING.x * 2;
    const height = empty
      ? DEFAULT_BOUNDARY_SIZE.height
      : PADDING.top +
        members.height +
        (members.height > 0 && inner.height > 0 ? GAP.y : 0) +
        inner.height +
        PADDING.bottom;
    return {
      width,
      height,
      place: (x, y) => {
        positions.set(b.id, { x, y });
        sizes.set(b.id, { width, height });
        members.place(x + PADDING.x, y + PADDING.top);
        inner.place(x + PADDING.x, y + PADDING.top + members.height + (members.height > 0 ? GAP.y : 0));
      },
    };
  };

  const top = grid(membersOf.get(null) ?? []);
  const boundaries = shelf(
    (childrenOf.get(null) ?? []).map((b) => boundaryBlock(b, 0)),
    top.width,
  );
  top.place(32, 32);
  boundaries.place(32, 32 + top.height + (top.height > 0 ? GAP.y * 2 : 0));

  return {
    ...doc,
    components: doc.components.map((c) => {
      const position = positions.get(c.id);
      return position ? { ...c, position } : c;
    }),
    trustBoundaries: doc.trustBoundaries.map((b) => {
      const position = positions.get(b.id);
      const size = sizes.get(b.id);
      return position && size ? { ...b, position, size } : b;
    }),
  };
}
