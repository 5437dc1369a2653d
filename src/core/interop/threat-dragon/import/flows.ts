/** Threat Dragon flows: data flows and the nodes they connect. */
import type { DataFlow, DataFlowProps } from '../../../model/document';
import type { Point, Rect } from '../../../layout/geometry';
import { keepElement } from './kept';
import { joinList, quoteList } from '../../shared/notes';
import { clamp, nonEmpty, quoted } from '../../shared/text';
import type { TdCell } from '../schema';
import type { ImportContext, Entry, Curve } from './context';
import { flowLabel } from './cells';
import { outOfScope } from './nodes';
import { crossesCurve } from './crossings';
import { importThreats } from './threats';
import { importReverseFlow } from './bidirectional';

export function importFlow(
  ctx: ImportContext,
  entry: Entry,
  byCellId: Map<string, Entry>,
  portOwner: Map<string, string | null>,
  nodeCentre: Map<string, Point>,
  curves: { list: readonly Curve[]; ids: ReadonlySet<string> },
  nodeRects: readonly { cell: string; rect: Rect }[],
): void {
  const { cell } = entry;
  const data = cell.data ?? {};
  const source = endpoint(ctx, cell.source, byCellId, portOwner, nodeRects, entry);
  const target = endpoint(ctx, cell.target, byCellId, portOwner, nodeRects, entry);
  const label = clamp(nonEmpty(data.name) ?? flowLabel(cell.labels) ?? '', 500);
  if (!source || !target) {
    ctx.notes.group(
      'dangling',
      (items) =>
        `Flows not connected to an actor, process or store at both ends were not imported: ${joinList(items)}.`,
      `${entry.where}${label ? ` (${quoted(label)})` : ''}`,
    );
    importThreats(ctx, entry, null);
    return;
  }
  const stored = entry.aitm?.kind === 'dataFlow' ? entry.aitm : undefined;
  let description = nonEmpty(data.description);
  let props: DataFlowProps = {};
  if (stored) {
    props = { ...(stored.props ?? {}) };
    if ((data.description ?? '') === (stored.description ?? '')) description = stored.description;
    const changed = (field: string) =>
      data[field] !== undefined &&
      stored.exported[field] !== undefined &&
      data[field] !== stored.exported[field];
    if (changed('isEncrypted') && typeof data.isEncrypted === 'boolean') props.encrypted = data.isEncrypted;
    if (changed('protocol')) {
      const protocol = nonEmpty(data.protocol);
      if (protocol === undefined) delete props.protocol;
      else props.protocol = clamp(protocol, 100);
    }
    if (changed('isPublicNetwork') && data.isPublicNetwork === true) props.crossesBoundary = true;
  } else {
    if (data.isEncrypted === true) props.encrypted = true;
    const protocol = nonEmpty(data.protocol);
    if (protocol !== undefined) props.protocol = clamp(protocol, 100);
    if (data.isPublicNetwork === true) {
      props.crossesBoundary = true;
      ctx.notes.group(
        'public',
        (items) => `Flows over a public network were marked "crosses a boundary": ${quoteList(items)}.`,
        label || cell.id,
      );
    }
  }

  // Curve boundaries: Threat Dragon's own record of the crossing, or geometry.
  if (props.crossesBoundary !== true && crossesCurve(ctx, entry, label, source, target, nodeCentre, curves)) {
    props.crossesBoundary = true;
    ctx.notes.group('curves', () => '', label || cell.id);
  }

  const flow: DataFlow = {
    id: entry.id,
    sourceId: source.id,
    targetId: target.id,
    label,
    ...(description !== undefined ? { description: clamp(description, 20_000) } : {}),
    ...(Object.keys(props).length > 0 ? { props: orderFlowProps(props) } : {}),
    ...outOfScope(entry),
  };
  ctx.flows.push(flow);
  keepElement(ctx, entry, {
    ...(cell.source?.port !== undefined ? { sourcePort: cell.source.port } : {}),
    ...(cell.target?.port !== undefined ? { targetPort: cell.target.port } : {}),
    ...(cell.vertices && cell.vertices.length > 0 && cell.vertices.length <= 10_000
      ? { vertices: cell.vertices.map((v) => ({ x: v.x, y: v.y })) }
      : {}),
  });
  const reverse = importReverseFlow(ctx, entry, flow, stored);
  importThreats(ctx, entry, entry.id, reverse);
}

/** The node an edge end attaches to: a node's cell id, or a port id owned by exactly one node. */
export function endpoint(
  ctx: ImportContext,
  end: TdCell['source'],
  byCellId: Map<string, Entry>,
  portOwner: Map<string, string | null>,
  nodeRects: readonly { cell: string; rect: Rect }[] = [],
  flow?: Entry,
): { id: string; cell: string } | undefined {
  if (!end) return undefined;
  const asNode = (cellId: string | undefined) => {
    if (cellId === undefined) return undefined;
    const entry = byCellId.get(cellId);
    return entry && (entry.kind === 'actor' || entry.kind === 'process' || entry.kind === 'store')
      ? { id: entry.id, cell: cellId }
      : undefined;
  };
  const direct = asNode(end.cell);
  if (direct) return direct;
  for (const candidate of [end.cell, end.port]) {
    const owner = candidate === undefined ? undefined : portOwner.get(candidate);
    if (owner) return asNode(owner);
  }
  // A free end dropped next to a node (Threat Dragon lets a user do that): the nearest node
  // within SNAP_DISTANCE, rather than losing the flow.
  if (typeof end.x !== 'number' || typeof end.y !== 'number') return undefined;
  let best: { cell: string; distance: number } | undefined;
  for (const { cell, rect } of nodeRects) {
    const distance = distanceToRect({ x: end.x, y: end.y }, rect);
    if (distance <= SNAP_DISTANCE && (best === undefined || distance < best.distance))
      best = { cell, distance };
  }
  const snapped = best ? asNode(best.cell) : undefined;
  if (snapped && flow)
    ctx.notes.group(
      'snapped',
      (items) =>
        `Flow ends drawn within ${SNAP_DISTANCE} px of a node but not attached to it were attached to that node: ${joinList(items)}.`,
      flow.where,
    );
  return snapped;
}

/** How far a loose flow end may be from a node and still be attached to it. */
export const SNAP_DISTANCE = 16;

function distanceToRect(p: Point, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  return Math.hypot(dx, dy);
}

/** The props in the order of DataFlowPropsSchema, so a round trip writes the same file. */
function orderFlowProps(props: DataFlowProps): DataFlowProps {
  const out: DataFlowProps = {};
  if (props.encrypted !== undefined) out.encrypted = props.encrypted;
  if (props.authenticated !== undefined) out.authenticated = props.authenticated;
  if (props.protocol !== undefined) out.protocol = props.protocol;
  if (props.data !== undefined) out.data = props.data;
  if (props.crossesBoundary !== undefined) out.crossesBoundary = props.crossesBoundary;
  // Threat Dragon has no field for these: they travel only in our `data.aitm` and come back from it.
  if (props.kind !== undefined) out.kind = props.kind;
  if (props.local !== undefined) out.local = props.local;
  return out;
}
