/** The cells of an exported Threat Dragon diagram: boxes, nodes, flows and the model block. */
import type { Component, DataFlow, TrustBoundary } from '../../../model/document';
import { MODEL_TARGET_ID } from '../../../model/vocabulary';
import type { Rect } from '../../../layout/geometry';
import { stableUuid } from '../../shared/stableUuid';
import { compareStrings } from '../../shared/text';
import { shapeOfComponentType, statusToThreatDragon, TD_DATA_TYPES, type TdNodeShape } from '../mapping';
import { AITM_DATA_VERSION, type AitmCellData } from '../schema';
import { threatDragonCellId } from '../ids';
import { cellIdOf, commonAitm, offsetOf, threatsOf, type ExportContext, type TdThreatOut } from './context';

export function boxCell(
  ctx: ExportContext,
  b: TrustBoundary,
  rect: Rect,
  parentBox: string | null,
  zIndex: number,
): unknown {
  const threats = threatsOf(ctx, b.id);
  const aitm: AitmCellData = {
    v: AITM_DATA_VERSION,
    kind: 'trustBoundary',
    id: b.id,
    zone: b.zone,
    ...(b.description !== undefined ? { description: b.description } : {}),
    ...(b.parentId !== undefined ? { parentId: b.parentId } : {}),
    position: b.position ?? null,
    size: b.size ?? null,
    at: { x: rect.x, y: rect.y },
    atSize: { width: rect.width, height: rect.height },
    box: parentBox,
    ...commonAitm(ctx, b.id),
  };
  return {
    position: { x: rect.x, y: rect.y - offsetOf(ctx, b.id) },
    size: { width: rect.width, height: rect.height },
    attrs: { label: { text: b.label } },
    visible: true,
    shape: 'trust-boundary-box',
    id: cellIdOf(ctx, b.id),
    zIndex,
    data: {
      type: 'tm.BoundaryBox',
      name: b.label,
      description: b.description ?? '',
      isTrustBoundary: true,
      hasOpenThreats: hasOpen(threats),
      ...(threats.length > 0 ? { threats } : {}),
      aitm,
    },
  };
}

export function nodeCell(
  ctx: ExportContext,
  c: Component,
  rect: Rect,
  box: string | null,
  zIndex: number,
): unknown {
  const shape = shapeOfComponentType(c.type);
  const threats = threatsOf(ctx, c.id);
  const open = hasOpen(threats);
  const tdFields = nodeFields(shape, c);
  const exported: Record<string, boolean | string> = {};
  for (const [k, v] of Object.entries(tdFields))
    if (typeof v === 'boolean' || typeof v === 'string') exported[k] = v;
  const aitm: AitmCellData = {
    v: AITM_DATA_VERSION,
    kind: 'component',
    id: c.id,
    type: c.type,
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.props !== undefined ? { props: sortKeys(c.props) } : {}),
    ...(c.boundaryId !== undefined ? { boundaryId: c.boundaryId } : {}),
    position: c.position ?? null,
    at: { x: rect.x, y: rect.y },
    box,
    exported,
    ...commonAitm(ctx, c.id),
  };
  const stroke = { stroke: open ? 'red' : '#333333', strokeWidth: 1.5, strokeDasharray: null };
  const outline = shape === 'store' ? { topLine: stroke, bottomLine: stroke } : { body: stroke };
  const id = cellIdOf(ctx, c.id);
  return {
    position: { x: rect.x, y: rect.y - offsetOf(ctx, c.id) },
    size: { width: rect.width, height: rect.height },
    attrs: { text: { text: c.label }, ...outline },
    visible: true,
    shape,
    ports: ctx.td?.elements?.[c.id]?.ports ?? ports(c.id),
    id,
    zIndex,
    data: {
      type: TD_DATA_TYPES[shape],
      name: c.label,
      description: c.description ?? '',
      outOfScope: c.outOfScope !== undefined,
      reasonOutOfScope: c.outOfScope?.reason ?? '',
      hasOpenThreats: open,
      ...tdFields,
      threats,
      aitm,
    },
  };
}

export function flowCell(ctx: ExportContext, f: DataFlow, zIndex: number): unknown {
  const kept = ctx.td?.elements?.[f.id];
  const threats = threatsOf(ctx, f.id);
  const open = hasOpen(threats);
  const reverse = ctx.reverseOf.get(f.id);
  const exported = {
    isBidirectional: reverse !== undefined,
    isEncrypted: f.props?.encrypted === true,
    isPublicNetwork: isPublicNetwork(ctx, f),
    protocol: f.props?.protocol ?? '',
  };
  const aitm: AitmCellData = {
    v: AITM_DATA_VERSION,
    kind: 'dataFlow',
    id: f.id,
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.props !== undefined ? { props: f.props } : {}),
    exported,
    ...(reverse ? { reverse: reverseAitm(reverse) } : {}),
    ...commonAitm(ctx, f.id),
  };
  return {
    shape: 'flow',
    attrs: {
      line: {
        stroke: open ? 'red' : '#333333',
        targetMarker: { name: 'block' },
        sourceMarker: { name: reverse ? 'block' : '' },
        strokeDasharray: null,
      },
    },
    width: 200,
    height: 100,
    zIndex,
    labels: [
      {
        markup: [
          { tagName: 'ellipse', selector: 'labelBody' },
          { tagName: 'text', selector: 'labelText' },
        ],
        attrs: {
          labelText: { text: f.label, textAnchor: 'middle', textVerticalAnchor: 'middle' },
          labelBody: { ref: 'labelText', refRx: '50%', refRy: '60%', fill: '#fff', strokeWidth: 0 },
        },
        position: { distance: 0.5, args: { keepGradient: true, ensureLegibility: true } },
      },
    ],
    connector: 'smooth',
    data: {
      type: 'tm.Flow',
      name: f.label,
      description: f.description ?? '',
      outOfScope: f.outOfScope !== undefined,
      reasonOutOfScope: f.outOfScope?.reason ?? '',
      hasOpenThreats: open,
      ...exported,
      threats,
      aitm,
    },
    id: cellIdOf(ctx, f.id),
    source: { cell: cellIdOf(ctx, f.sourceId), ...(kept?.sourcePort ? { port: kept.sourcePort } : {}) },
    target: { cell: cellIdOf(ctx, f.targetId), ...(kept?.targetPort ? { port: kept.targetPort } : {}) },
    vertices: kept?.vertices ?? [],
  };
}

function reverseAitm(f: DataFlow): NonNullable<Extract<AitmCellData, { kind: 'dataFlow' }>['reverse']> {
  return {
    id: f.id,
    label: f.label,
    ...(f.description !== undefined ? { description: f.description } : {}),
    ...(f.props !== undefined ? { props: f.props } : {}),
  };
}

/**
 * The text block holding what has no cell: model-level findings (listed in its text; Threat
 * Dragon has no model-level threats), triage of elements that no longer exist, unplaced and
 * model-level user threats, and the model's metadata. Omitted when there is none of that.
 */
export function modelBlock(ctx: ExportContext, zIndex: number): unknown {
  const { doc } = ctx;
  const common = commonAitm(ctx, MODEL_TARGET_ID);
  if (ctx.modelFindings.length === 0 && Object.keys(common).length === 0 && doc.meta.version === undefined)
    return undefined;
  const lines = ['AI threat model: model-level threats and data (keep this block to round-trip the model)'];
  for (const f of ctx.modelFindings) lines.push(`• ${f.title} (${f.severity}, ${f.status})`);
  for (const ref of common.userThreats ?? [])
    lines.push(
      `• ${ref.record.title} (${ref.record.severity}, ${ref.record.status}${ref.record.targetId === null ? ', unplaced' : ''})`,
    );
  const text = lines.join('\n');
  const aitm: AitmCellData = { v: AITM_DATA_VERSION, kind: 'model', meta: doc.meta, ...common };
  return {
    position: { x: 40, y: ctx.layout.bottom + 80 },
    size: { width: 480, height: Math.max(60, 20 * lines.length) },
    attrs: { text: { text } },
    visible: true,
    shape: 'td-text-block',
    id: threatDragonCellId(`${MODEL_TARGET_ID}:block`),
    zIndex,
    data: { type: 'tm.Text', name: text, hasOpenThreats: false, aitm },
  };
}

/** A flow is on a public network when one end is in an internet-zone boundary and the other is not. */
export function isPublicNetwork(ctx: ExportContext, f: DataFlow): boolean {
  const zoneOf = new Map(ctx.doc.trustBoundaries.map((b) => [b.id, b.zone]));
  const boundaryOf = new Map(ctx.doc.components.map((c) => [c.id, c.boundaryId ?? null]));
  const internet = (id: string) => {
    const b = boundaryOf.get(id);
    return b != null && zoneOf.get(b) === 'internet';
  };
  return internet(f.sourceId) !== internet(f.targetId);
}

/** Threat Dragon's own properties of each node type, derived from ours where they overlap. */
function nodeFields(shape: TdNodeShape, c: Component): Record<string, unknown> {
  switch (shape) {
    case 'actor':
      return { providesAuthentication: false };
    case 'store':
      return {
        isALog: false,
        isEncrypted: c.props?.['encryptedAtRest'] === true,
        isSigned: false,
        storesCredentials: c.props?.['personalData'] === true,
        storesInventory: false,
      };
    default:
      return {
        handlesCardPayment: false,
        handlesGoodsOrServices: false,
        isWebApplication: false,
        privilegeLevel: '',
      };
  }
}

const PORT_GROUP_ATTRS = {
  circle: {
    r: 4,
    magnet: true,
    stroke: '#5F95FF',
    strokeWidth: 1,
    fill: '#fff',
    style: { visibility: 'hidden' },
  },
};

/** Four ports (top, right, bottom, left) so that users can attach new flows in Threat Dragon. */
function ports(elementId: string): unknown {
  const sides = ['top', 'right', 'bottom', 'left'] as const;
  return {
    groups: Object.fromEntries(sides.map((side) => [side, { position: side, attrs: PORT_GROUP_ATTRS }])),
    items: sides.map((side) => ({ group: side, id: stableUuid(`td-port:${elementId}:${side}`) })),
  };
}

function hasOpen(threats: readonly TdThreatOut[]): boolean {
  const open = statusToThreatDragon('open');
  return threats.some((t) => t.status === open);
}

function sortKeys<T>(value: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(value)
      .sort(compareStrings)
      .map((k) => [k, value[k]!]),
  );
}
