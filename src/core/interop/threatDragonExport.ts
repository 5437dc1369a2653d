import type {
  Component,
  DataFlow,
  Triage,
  ThreatModelDocument,
  TrustBoundary,
  UserThreat,
} from '../model/document';
import { MODEL_TARGET_ID } from '../model/vocabulary';
import type { Finding } from '../rules/finding';
import { FINDING_KEY_SEPARATOR } from '../rules/findingKey';
import { BoxIndex, centre, type Rect } from './geometry';
import { referencesText } from './referencesText';
import { stableUuid } from './stableUuid';
import { compareStrings, toJsonText } from './text';
import { layoutForThreatDragon, type ThreatDragonLayout } from './threatDragonLayout';
import {
  mitigationsToText,
  severityToThreatDragon,
  shapeOfComponentType,
  statusToThreatDragon,
  STRIDE_LABELS,
  TD_DATA_TYPES,
  type TdNodeShape,
} from './threatDragonMapping';
import {
  AITM_DATA_VERSION,
  type AitmCellData,
  type AitmFindingRef,
  type AitmUserThreatRef,
} from './threatDragonSchema';

/** The Threat Dragon version we write files as (its schema limits it to 10 characters). */
export const THREAT_DRAGON_VERSION = '2.3.0';

/** A Threat Dragon v2 model as plain JSON data. */
export type ThreatDragonModel = Record<string, unknown>;

/**
 * Exports a document and its findings as a Threat Dragon v2 model with one Generic diagram:
 * users become actors, stores become stores, every other component a process, trust boundaries
 * boundary boxes (nested boxes nest geometrically) and data flows flow cells between them.
 * Findings become Threat Dragon threats on their element, with status and severity mapped and our
 * finding key and references kept under the threat's `aitm`.
 *
 * Everything Threat Dragon cannot represent is kept under each cell's `data.aitm` (id, type,
 * properties, boundary, triage, user threats); model-level findings, triage of elements that no
 * longer exist and unplaced threats are kept on one text block. importThreatDragon reads it back,
 * so our model → Threat Dragon → our model keeps components, flows, boundaries, properties and
 * triage, plus anything a user changed in Threat Dragon. Deterministic: cell, port and threat ids
 * are UUIDs derived from our ids.
 */
export function exportThreatDragon(
  doc: ThreatModelDocument,
  findings: readonly Finding[],
): ThreatDragonModel {
  return new ThreatDragonExporter(doc, findings).run();
}

/** exportThreatDragon as the JSON text of a `.json` file Threat Dragon opens. */
export function exportThreatDragonJson(doc: ThreatModelDocument, findings: readonly Finding[]): string {
  return toJsonText(exportThreatDragon(doc, findings));
}

/** Threat Dragon cell id of one of our elements. */
export function threatDragonCellId(elementId: string): string {
  return stableUuid(`td-cell:${elementId}`);
}

/** Threat Dragon threat id of one of our findings (by key) or user threats (by id). */
export function threatDragonThreatId(findingKey: string): string {
  return stableUuid(`td-threat:${findingKey}`);
}

function userThreatTdId(threatId: string): string {
  return stableUuid(`td-user-threat:${threatId}`);
}

type TdThreatOut = Record<string, unknown> & { status: string };

interface CellExtras {
  triage: Record<string, Triage>;
  findings: AitmFindingRef[];
  userThreats: AitmUserThreatRef[];
  threats: TdThreatOut[];
}

class ThreatDragonExporter {
  private readonly layout: ThreatDragonLayout;
  private readonly extras = new Map<string, CellExtras>();
  private readonly modelFindings: Finding[] = [];
  private number = 0;

  constructor(
    private readonly doc: ThreatModelDocument,
    private readonly findings: readonly Finding[],
  ) {
    this.layout = layoutForThreatDragon(doc);
  }

  run(): ThreatDragonModel {
    const { doc } = this;
    this.distribute();

    // Geometry as Threat Dragon (and our importer) will read it back.
    const boundaryOrder = doc.trustBoundaries;
    const boxRects = boundaryOrder.map((b) => this.layout.boundaries.get(b.id)!);
    const boxIndex = new BoxIndex(boxRects);
    const boxParent = boxIndex.parents();
    const boxOf = (rect: Rect): string | null => {
      const i = boxIndex.innermostContaining(centre(rect));
      return i < 0 ? null : threatDragonCellId(boundaryOrder[i]!.id);
    };

    const maxDepth = Math.max(0, ...this.layout.depth.values());
    const cells: unknown[] = [];
    boundaryOrder.forEach((b, i) => {
      const parent = boxParent[i]!;
      cells.push(
        this.boxCell(
          b,
          boxRects[i]!,
          parent < 0 ? null : threatDragonCellId(boundaryOrder[parent]!.id),
          (this.layout.depth.get(b.id) ?? 0) - maxDepth - 1,
        ),
      );
    });
    doc.components.forEach((c, i) => {
      const rect = this.layout.components.get(c.id)!;
      cells.push(this.nodeCell(c, rect, boxOf(rect), i + 1));
    });
    doc.dataFlows.forEach((f, i) => cells.push(this.flowCell(f, doc.components.length + 1 + i)));
    const block = this.modelBlock(doc.components.length + doc.dataFlows.length + 1);
    if (block) cells.push(block);

    return {
      version: THREAT_DRAGON_VERSION,
      summary: {
        title: doc.meta.title,
        owner: doc.meta.owner ?? '',
        description: doc.meta.description ?? '',
        id: 0,
      },
      detail: {
        contributors: [],
        diagrams: [
          {
            id: 0,
            title: doc.meta.title,
            description: '',
            diagramType: 'Generic',
            placeholder: '',
            thumbnail: './public/content/images/thumbnail.jpg',
            version: THREAT_DRAGON_VERSION,
            cells,
          },
        ],
        diagramTop: 1,
        reviewer: '',
        threatTop: this.number,
      },
    };
  }

  /** Sorts findings, triage and user threats onto the cells of their elements (or the model block). */
  private distribute(): void {
    const { doc } = this;
    const elements = new Set([...doc.components, ...doc.dataFlows, ...doc.trustBoundaries].map((e) => e.id));
    const extrasOf = (id: string): CellExtras => {
      const key = elements.has(id) ? id : MODEL_TARGET_ID;
      let e = this.extras.get(key);
      if (!e) {
        e = { triage: {}, findings: [], userThreats: [], threats: [] };
        this.extras.set(key, e);
      }
      return e;
    };
    for (const key of Object.keys(doc.triage).sort(compareStrings)) {
      extrasOf(key.slice(key.lastIndexOf(FINDING_KEY_SEPARATOR) + 1)).triage[key] = doc.triage[key]!;
    }
    const rule = this.findings
      .filter((f) => f.origin === 'rule')
      .sort((a, b) => compareStrings(a.key, b.key));
    for (const f of rule) {
      if (!elements.has(f.targetId)) {
        if (f.targetKind === 'model') this.modelFindings.push(f);
        continue;
      }
      const e = extrasOf(f.targetId);
      const threat = threatDragonThreatId(f.key);
      e.findings.push({ threat, key: f.key, status: f.status, severity: f.severity });
      e.threats.push(this.findingThreat(f, threat));
    }
    for (const t of doc.userThreats) {
      const e = extrasOf(t.targetId ?? MODEL_TARGET_ID);
      const threat = userThreatTdId(t.id);
      e.userThreats.push({ threat, record: t });
      if (t.targetId !== null && elements.has(t.targetId)) e.threats.push(this.userThreat(t, threat));
    }
  }

  private findingThreat(f: Finding, id: string): TdThreatOut {
    const refs = referencesText(f.references);
    const description = [
      f.description,
      f.why ? `Why: ${f.why}` : '',
      refs ? `References: ${refs}` : '',
      `Finding: ${f.key}`,
    ]
      .filter((s) => s !== '')
      .join('\n\n');
    return {
      id,
      title: f.title,
      status: statusToThreatDragon(f.status),
      severity: severityToThreatDragon(f.severity),
      type: f.stride[0] ? STRIDE_LABELS[f.stride[0]] : 'Generic',
      description,
      mitigation: mitigationsToText(f.mitigations.map((m) => ({ title: m.title, state: m.state }))),
      modelType: 'Generic',
      new: false,
      number: ++this.number,
      score: '',
      aitm: { key: f.key, ruleId: f.ruleId, threatId: f.threatId, references: f.references },
    };
  }

  private userThreat(t: UserThreat, id: string): TdThreatOut {
    return {
      id,
      title: t.title,
      status: statusToThreatDragon(t.status),
      severity: severityToThreatDragon(t.severity),
      type: 'Generic',
      description: t.description ?? '',
      mitigation: mitigationsToText(t.mitigations ?? []),
      modelType: 'Generic',
      new: false,
      number: ++this.number,
      score: '',
      aitm: { userThreatId: t.id },
    };
  }

  /** The `data.aitm` fields shared by every cell: triage, findings and user threats of the element. */
  private common(id: string): Pick<AitmCellData, 'triage' | 'findings' | 'userThreats'> {
    const e = this.extras.get(id);
    if (!e) return {};
    return {
      ...(Object.keys(e.triage).length > 0 ? { triage: e.triage } : {}),
      ...(e.findings.length > 0 ? { findings: e.findings } : {}),
      ...(e.userThreats.length > 0 ? { userThreats: e.userThreats } : {}),
    };
  }

  private threatsOf(id: string): TdThreatOut[] {
    return this.extras.get(id)?.threats ?? [];
  }

  // ---------------------------------------------------------------- cells

  private boxCell(b: TrustBoundary, rect: Rect, parentBox: string | null, zIndex: number): unknown {
    const threats = this.threatsOf(b.id);
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
      ...this.common(b.id),
    };
    return {
      position: { x: rect.x, y: rect.y },
      size: { width: rect.width, height: rect.height },
      attrs: { label: { text: b.label } },
      visible: true,
      shape: 'trust-boundary-box',
      id: threatDragonCellId(b.id),
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

  private nodeCell(c: Component, rect: Rect, box: string | null, zIndex: number): unknown {
    const shape = shapeOfComponentType(c.type);
    const threats = this.threatsOf(c.id);
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
      ...this.common(c.id),
    };
    const stroke = { stroke: open ? 'red' : '#333333', strokeWidth: 1.5, strokeDasharray: null };
    const outline = shape === 'store' ? { topLine: stroke, bottomLine: stroke } : { body: stroke };
    const id = threatDragonCellId(c.id);
    return {
      position: { x: rect.x, y: rect.y },
      size: { width: rect.width, height: rect.height },
      attrs: { text: { text: c.label }, ...outline },
      visible: true,
      shape,
      ports: ports(c.id),
      id,
      zIndex,
      data: {
        type: TD_DATA_TYPES[shape],
        name: c.label,
        description: c.description ?? '',
        outOfScope: false,
        reasonOutOfScope: '',
        hasOpenThreats: open,
        ...tdFields,
        threats,
        aitm,
      },
    };
  }

  private flowCell(f: DataFlow, zIndex: number): unknown {
    const threats = this.threatsOf(f.id);
    const open = hasOpen(threats);
    const exported = {
      isBidirectional: false,
      isEncrypted: f.props?.encrypted === true,
      isPublicNetwork: this.isPublicNetwork(f),
      protocol: f.props?.protocol ?? '',
    };
    const aitm: AitmCellData = {
      v: AITM_DATA_VERSION,
      kind: 'dataFlow',
      id: f.id,
      ...(f.description !== undefined ? { description: f.description } : {}),
      ...(f.props !== undefined ? { props: f.props } : {}),
      exported,
      ...this.common(f.id),
    };
    return {
      shape: 'flow',
      attrs: {
        line: {
          stroke: open ? 'red' : '#333333',
          targetMarker: { name: 'block' },
          sourceMarker: { name: '' },
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
        outOfScope: false,
        reasonOutOfScope: '',
        hasOpenThreats: open,
        ...exported,
        threats,
        aitm,
      },
      id: threatDragonCellId(f.id),
      source: { cell: threatDragonCellId(f.sourceId) },
      target: { cell: threatDragonCellId(f.targetId) },
      vertices: [],
    };
  }

  /**
   * The text block holding what has no cell: model-level findings (listed in its text; Threat
   * Dragon has no model-level threats), triage of elements that no longer exist, unplaced and
   * model-level user threats, and the model's metadata. Omitted when there is none of that.
   */
  private modelBlock(zIndex: number): unknown {
    const { doc } = this;
    const common = this.common(MODEL_TARGET_ID);
    if (this.modelFindings.length === 0 && Object.keys(common).length === 0 && doc.meta.version === undefined)
      return undefined;
    const lines = ['AI threat model: model-level threats and data (keep this block to round-trip the model)'];
    for (const f of this.modelFindings) lines.push(`• ${f.title} (${f.severity}, ${f.status})`);
    for (const ref of common.userThreats ?? [])
      lines.push(
        `• ${ref.record.title} (${ref.record.severity}, ${ref.record.status}${ref.record.targetId === null ? ', unplaced' : ''})`,
      );
    const text = lines.join('\n');
    const aitm: AitmCellData = { v: AITM_DATA_VERSION, kind: 'model', meta: doc.meta, ...common };
    return {
      position: { x: 40, y: this.layout.bottom + 80 },
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
  private isPublicNetwork(f: DataFlow): boolean {
    const zoneOf = new Map(this.doc.trustBoundaries.map((b) => [b.id, b.zone]));
    const boundaryOf = new Map(this.doc.components.map((c) => [c.id, c.boundaryId ?? null]));
    const internet = (id: string) => {
      const b = boundaryOf.get(id);
      return b != null && zoneOf.get(b) === 'internet';
    };
    return internet(f.sourceId) !== internet(f.targetId);
  }
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
