import { COMPONENT_SIZE, positionOf, type ThreatModelDocument } from '../../core';
import { samePosition } from './geometry';
import { componentsById } from '../store/elementLookup';
import { assignLanes, floatingEdgeEnds, type Lane, type Rect } from './edgeGeometry';
import {
  labelText,
  labelWidth,
  placeAllLabels,
  placeLabelsAgain,
  type LabelPlacement,
  type LabelToPlace,
} from './labelPlacement';

/**
 * Where the flows are drawn on the canvas: which flows are drawn (parallel ones bundled), their
 * lanes, and where their labels go. What React Flow is handed for them is projectDocument.ts.
 */

/**
 * More flows than this between the same two components are drawn as one edge that says how many
 * there are: they would be drawn on top of each other anyway, and a hundred thousand of them
 * (a valid model) took React minutes to mount. Each flow stays in the document and the outline.
 */
export const PARALLEL_FLOW_LIMIT = 12;

const pairKey = (f: { sourceId: string; targetId: string }) => `${f.sourceId}\u0000${f.targetId}`;

type DataFlow = ThreatModelDocument['dataFlows'][number];

export interface EdgeLayout {
  lane: Lane;
  labelSlot: number | null;
  bundled: number | undefined;
}

/**
 * Where the drawn flows go: which flows are drawn (index into doc.dataFlows; a bundle is drawn as
 * its first flow), their lanes and label spots. It reads the flows' ends and labels and the
 * components' ids and positions only, so a change to anything else can keep it (see
 * sameEdgeLayoutInputs).
 */
export interface EdgeLayouts {
  drawn: { index: number; bundled: number | undefined }[];
  lanes: Lane[];
  slots: (number | null)[];
  /** The label placement the slots come from, to place them again after a move (relayoutAfterMove). */
  placement: LabelPlacement;
}

export function layoutEdges(doc: ThreatModelDocument): EdgeLayouts {
  const perPair = new Map<string, number>();
  for (const f of doc.dataFlows) perPair.set(pairKey(f), (perPair.get(pairKey(f)) ?? 0) + 1);
  // The flows drawn: each one, or the first of a bundle standing for all of its pair.
  const drawn: EdgeLayouts['drawn'] = [];
  const bundled = new Set<string>();
  doc.dataFlows.forEach((f, index) => {
    const key = pairKey(f);
    const count = perPair.get(key)!;
    if (count <= PARALLEL_FLOW_LIMIT) drawn.push({ index, bundled: undefined });
    else if (!bundled.has(key)) {
      bundled.add(key);
      drawn.push({ index, bundled: count });
    }
  });
  const flows = drawn.map(({ index, bundled: count }) => ({ flow: doc.dataFlows[index]!, bundled: count }));
  // Parallel and opposite flows between the same two components each get a lane of their own.
  const lanes = assignLanes(flows.map(({ flow }) => [flow.sourceId, flow.targetId] as const));
  const { labels, obstacles } = labelInputs(doc, flows, lanes);
  const placement = placeAllLabels(labels, obstacles);
  return { drawn, lanes, slots: placement.slots, placement };
}

/**
 * The edge layout after components moved and nothing else changed (the same flows list, the same
 * components in the same order): the drawn flows and lanes stay, and the labels are placed again
 * from the change (placeLabelsAgain), which gives what layoutEdges gives. Null for any other change.
 */
export function relayoutAfterMove(
  previous: EdgeLayouts,
  before: ThreatModelDocument,
  doc: ThreatModelDocument,
): EdgeLayouts | null {
  const { placement } = previous;
  if (
    doc.dataFlows !== before.dataFlows ||
    doc.components.length !== before.components.length ||
    placement.obstacles.length !== doc.components.length
  )
    return null;
  // The obstacles are the components in order (labelInputs): only the moved ones are new.
  const obstacles = [...placement.obstacles];
  const moved = new Set<string>();
  for (let i = 0; i < doc.components.length; i++) {
    const a = before.components[i]!;
    const b = doc.components[i]!;
    if (a === b) continue;
    if (a.id !== b.id) return null;
    if (samePosition(positionOf(a), positionOf(b))) continue;
    moved.add(b.id);
    obstacles[i] = { ...positionOf(b), ...COMPONENT_SIZE };
  }
  // Only the flows of moved components have new routes; the others keep their label as it was.
  const rects = new Map<string, Rect>();
  const rectOf = (id: string) => {
    let rect = rects.get(id);
    if (!rect) {
      const c = componentsById(doc).get(id);
      rect = c ? { ...positionOf(c), ...COMPONENT_SIZE } : ORIGIN;
      rects.set(id, rect);
    }
    return rect;
  };
  const labels = previous.drawn.map(({ index }, i) => {
    const flow = doc.dataFlows[index]!;
    const label = placement.labels[i]!;
    if (!moved.has(flow.sourceId) && !moved.has(flow.targetId)) return label;
    return {
      ends: floatingEdgeEnds(rectOf(flow.sourceId), rectOf(flow.targetId), previous.lanes[i]),
      width: label.width,
    };
  });
  const next = placeLabelsAgain(placement, labels, obstacles);
  return { ...previous, slots: next.slots, placement: next };
}

/**
 * True when `next` has the flows (ids, ends, labels) and components (ids, positions) of `before`,
 * so its edge layout is `before`'s: a property edit, a rename or a triage keeps it. Element
 * objects that are the same object are skipped without looking inside.
 */
export function sameEdgeLayoutInputs(before: ThreatModelDocument, next: ThreatModelDocument): boolean {
  if (before.dataFlows !== next.dataFlows) {
    if (before.dataFlows.length !== next.dataFlows.length) return false;
    for (let i = 0; i < next.dataFlows.length; i++) {
      const a = before.dataFlows[i]!;
      const b = next.dataFlows[i]!;
      if (a === b) continue;
      if (a.id !== b.id || a.sourceId !== b.sourceId || a.targetId !== b.targetId || a.label !== b.label)
        return false;
    }
  }
  if (before.components !== next.components) {
    if (before.components.length !== next.components.length) return false;
    for (let i = 0; i < next.components.length; i++) {
      const a = before.components[i]!;
      const b = next.components[i]!;
      if (a === b) continue;
      if (a.id !== b.id || !samePosition(positionOf(a), positionOf(b))) return false;
    }
  }
  return true;
}

/** The text a flow's edge is labelled with: its own label, or for a bundle how many flows it stands for. */
export const edgeLabel = (label: string, bundled: number | undefined) =>
  bundled ? `${bundled.toLocaleString('en')} flows` : label;

/**
 * What the labels of the drawn flows are placed from (see placeLabels): their routes from the
 * document's positions, components drawn at their layout size. While a component is dragged the
 * labels keep their spots along their routes; the next projection (after the drop) places them again.
 */
function labelInputs(
  doc: ThreatModelDocument,
  drawn: readonly { flow: DataFlow; bundled: number | undefined }[],
  lanes: readonly Lane[],
): { labels: LabelToPlace[]; obstacles: Rect[] } {
  const rects = new Map(doc.components.map((c) => [c.id, { ...positionOf(c), ...COMPONENT_SIZE }]));
  const labels = drawn.map(({ flow, bundled }, i) => {
    const from = rects.get(flow.sourceId);
    const to = rects.get(flow.targetId);
    const width = from && to ? labelWidth(labelText(edgeLabel(flow.label, bundled))) : 0;
    return { ends: floatingEdgeEnds(from ?? ORIGIN, to ?? ORIGIN, lanes[i]), width };
  });
  return { labels, obstacles: [...rects.values()] };
}

const ORIGIN = { x: 0, y: 0, ...COMPONENT_SIZE };
