import {
  COMPONENT_SIZE,
  DEFAULT_BOUNDARY_SIZE,
  moveElements,
  updateTrustBoundary,
  type ThreatModelDocument,
} from '../../core';

import { describeError } from '../errors/reportFailure';
import { gridLayout } from './gridLayout';

type Dagre = typeof import('@dagrejs/dagre');

/**
 * Above these sizes the layered layout (dagre) is not tried: it takes seconds at a thousand
 * components and overflows its stack on a chain of two thousand. The grid fallback is linear.
 */
export const LAYERED_LAYOUT_LIMITS = { elements: 1000, flows: 5000 } as const;

const PADDING = { x: 28, top: 44, bottom: 28 };

/** True when some component or boundary has no position (a hand-written or imported file). */
export function needsLayout(doc: ThreatModelDocument): boolean {
  return doc.components.some((c) => !c.position) || doc.trustBoundaries.some((b) => !b.position);
}

/** Why a model is too large for the layered layout, or null when it is not. */
export function tooLargeForLayered(doc: ThreatModelDocument): string | null {
  const elements = doc.components.length + doc.trustBoundaries.length;
  if (elements > LAYERED_LAYOUT_LIMITS.elements)
    return `${elements.toLocaleString('en')} components and boundaries is more than the layered layout handles (${LAYERED_LAYOUT_LIMITS.elements.toLocaleString('en')})`;
  if (doc.dataFlows.length > LAYERED_LAYOUT_LIMITS.flows)
    return `${doc.dataFlows.length.toLocaleString('en')} data flows is more than the layered layout handles (${LAYERED_LAYOUT_LIMITS.flows.toLocaleString('en')})`;
  return null;
}

/**
 * Lays the model out left to right with dagre (loaded on demand: most documents carry positions).
 * Boundaries become compound nodes so their members stay together; their size follows. A model
 * too large for dagre, or one dagre fails on, is laid out as a grid instead, and `onNote` says so.
 */
export async function autoLayout(
  doc: ThreatModelDocument,
  onNote?: (note: string) => void,
): Promise<ThreatModelDocument> {
  if (doc.components.length === 0 && doc.trustBoundaries.length === 0) return doc;
  const tooLarge = tooLargeForLayered(doc);
  if (tooLarge) {
    onNote?.(`Laid out as a grid: ${tooLarge}.`);
    return gridLayout(doc);
  }
  const dagre = await import('@dagrejs/dagre');
  try {
    return layoutWith(dagre, doc);
  } catch (error) {
    onNote?.(`Laid out as a grid: the layered layout failed (${describeError(error)}).`);
    return gridLayout(doc);
  }
}

export async function layoutIfNeeded(
  doc: ThreatModelDocument,
  onNote?: (note: string) => void,
): Promise<ThreatModelDocument> {
  return needsLayout(doc) ? autoLayout(doc, onNote) : doc;
}

export function layoutWith(dagre: Dagre, doc: ThreatModelDocument): ThreatModelDocument {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 96, marginx: 32, marginy: 32 });
  g.setDefaultEdgeLabel(() => ({}));
  const occupied = new Set<string>();
  for (const c of doc.components) if (c.boundaryId) occupied.add(c.boundaryId);
  for (const b of doc.trustBoundaries) if (b.parentId) occupied.add(b.parentId);
  for (const b of doc.trustBoundaries) {
    // An empty boundary is a plain node with its own size; a compound node needs members.
    g.setNode(b.id, occupied.has(b.id) ? { paddingTop: PADDING.top } : { ...DEFAULT_BOUNDARY_SIZE });
  }
  for (const c of doc.components)
    g.setNode(c.id, { width: COMPONENT_SIZE.width, height: COMPONENT_SIZE.height });
  for (const b of doc.trustBoundaries) if (b.parentId) g.setParent(b.id, b.parentId);
  for (const c of doc.components) if (c.boundaryId) g.setParent(c.id, c.boundaryId);
  for (const f of doc.dataFlows) if (f.sourceId !== f.targetId) g.setEdge(f.sourceId, f.targetId, {}, f.id);
  dagre.layout(g);

  const moves: { id: string; position: { x: number; y: number } }[] = [];
  for (const c of doc.components) {
    const n = g.node(c.id);
    if (n)
      moves.push({
        id: c.id,
        position: {
          x: Math.round(n.x - COMPONENT_SIZE.width / 2),
          y: Math.round(n.y - COMPONENT_SIZE.height / 2),
        },
      });
  }
  let next = doc;
  for (const b of doc.trustBoundaries) {
    const n = g.node(b.id);
    if (!n) continue;
    const pad = occupied.has(b.id);
    const width = Math.round((n.width ?? DEFAULT_BOUNDARY_SIZE.width) + (pad ? PADDING.x * 2 : 0));
    const height = Math.round(
      (n.height ?? DEFAULT_BOUNDARY_SIZE.height) + (pad ? PADDING.top + PADDING.bottom : 0),
    );
    moves.push({ id: b.id, position: { x: Math.round(n.x - width / 2), y: Math.round(n.y - height / 2) } });
    next = updateTrustBoundary(next, b.id, { size: { width, height } });
  }
  return moveElements(next, moves);
}
