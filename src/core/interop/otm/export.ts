import type { ThreatModelDocument } from '../../model/document';
import type { Finding } from '../../rules/finding';
import { userThreatIdOf } from '../../rules/userThreatIds';
import { compareStrings, toJsonText } from '../shared/text';
import { OTM_OUTSIDE_ATTRIBUTE } from './import';
import {
  mitigationStateOfOtm,
  otmStateOfMitigation,
  otmStateOfStatus,
  scoreOfRating,
  severityOfRisk,
  statusOfOtmState,
  trustRatingOfZone,
} from './mapping';
import { keptElement, keptThreat } from './kept';
import { unplacedItem, type ExportItem } from './unplaced';

export const OTM_VERSION = '0.2.0';
const DIAGRAM = 'diagram';

type Representation = {
  representation: string;
  id: string;
  position: { x: number; y: number };
  size?: { width: number; height: number };
};
export interface OtmThreatInstance {
  threat: string;
  state: string;
  mitigations: { mitigation: string; state: string }[];
}
export interface OtmFile {
  otmVersion: string;
  project: { name: string; id: string; description?: string; owner?: string };
  representations: { name: string; id: string; type: string }[];
  trustZones: {
    id: string;
    name: string;
    type?: string;
    description?: string;
    risk: { trustRating: number };
    parent?: { trustZone: string };
    representations?: Representation[];
    attributes: Record<string, unknown>;
  }[];
  components: {
    id: string;
    name: string;
    type: string;
    description?: string;
    parent: { trustZone: string };
    representations?: Representation[];
    threats?: OtmThreatInstance[];
  }[];
  dataflows: {
    id: string;
    name: string;
    description?: string;
    bidirectional: boolean;
    source: string;
    destination: string;
    threats?: OtmThreatInstance[];
  }[];
  threats: {
    id: string;
    name: string;
    description?: string;
    categories: string[];
    cwes?: string[];
    risk: { likelihood: number; impact: number };
    attributes: Record<string, unknown>;
  }[];
  mitigations: { id: string; name: string; description?: string; riskReduction: number }[];
}

const STRIDE_NAMES: Record<string, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  'information-disclosure': 'Information Disclosure',
  'denial-of-service': 'Denial of Service',
  'elevation-of-privilege': 'Elevation of Privilege',
};

/** Risk reduction written for our mitigations, which carry no effectiveness of their own. */
const DEFAULT_RISK_REDUCTION = 50;

/**
 * Exports a model and its findings as an Open Threat Model (OTM 0.2.0) file, valid against
 * IriusRisk's schema: boundaries as trust zones (trust rating from the zone, which is also kept
 * in `attributes.aitmZone`), components with their catalogue type (or the OTM type they were
 * imported with), flows, positions in one diagram representation, and every finding as an OTM
 * threat instantiated on its component or flow with its mitigations and their states. Ids,
 * types, states, ratings and risks an OTM import kept (the document's `interop.otm`) are written back.
 * Components outside every boundary get a parent trust zone marked `aitmOutside` (OTM requires one).
 * Unplaced user threats are written as threat definitions instantiated nowhere.
 */
export function exportOtm(doc: ThreatModelDocument, findings: readonly Finding[]): OtmFile {
  const used = new Set<string>();
  const zoneId = new Map<string, string>();
  const otmIdOf = (ourId: string) => {
    const wanted = keptElement(doc, ourId).id ?? ourId;
    const id = used.has(wanted) ? ourId : wanted;
    used.add(id);
    return id;
  };
  for (const b of doc.trustBoundaries) zoneId.set(b.id, otmIdOf(b.id));
  const componentId = new Map(doc.components.map((c) => [c.id, otmIdOf(c.id)]));
  const flowId = new Map(doc.dataFlows.map((f) => [f.id, otmIdOf(f.id)]));

  const trustZones: OtmFile['trustZones'] = doc.trustBoundaries.map((b) => {
    const text = b.description;
    const kept = keptElement(doc, b.id);
    const rating = kept.rating ?? trustRatingOfZone(b.zone);
    return {
      id: zoneId.get(b.id)!,
      name: b.label,
      ...(kept.type !== undefined ? { type: kept.type } : {}),
      ...(text !== undefined ? { description: text } : {}),
      risk: { trustRating: rating },
      ...(b.parentId && zoneId.has(b.parentId) ? { parent: { trustZone: zoneId.get(b.parentId)! } } : {}),
      ...(b.position
        ? {
            representations: [
              {
                representation: DIAGRAM,
                id: `${zoneId.get(b.id)!}-representation`,
                position: { ...b.position },
                ...(b.size ? { size: { ...b.size } } : {}),
              },
            ],
          }
        : {}),
      attributes: { aitmZone: b.zone },
    };
  });
  let outside: string | undefined;
  if (doc.components.some((c) => !c.boundaryId || !zoneId.has(c.boundaryId))) {
    outside = 'aitm-outside';
    for (let n = 2; used.has(outside); n++) outside = `aitm-outside-${n}`;
    trustZones.push({
      id: outside,
      name: 'Outside every trust boundary',
      risk: { trustRating: trustRatingOfZone('internet') },
      attributes: { [OTM_OUTSIDE_ATTRIBUTE]: true },
    });
  }

  const threats = new ThreatWriter(doc);
  // User threats (imported ones among them) in document order, so instances keep the file's order.
  const userOrder = new Map(doc.userThreats.map((t, i) => [t.id, i]));
  const rank = (f: ExportItem) => userOrder.get(userThreatIdOf(f.threatId) ?? '') ?? -1;
  const unplaced = doc.userThreats.filter((t) => t.targetId === null).map(unplacedItem);
  const ordered = [...findings, ...unplaced].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== rb) return ra < 0 ? 1 : rb < 0 ? -1 : ra - rb;
    return compareStrings(a.key, b.key);
  });
  for (const f of ordered) threats.add(f);

  const components: OtmFile['components'] = doc.components.map((c) => {
    const text = c.description;
    const kept = keptElement(doc, c.id);
    const id = componentId.get(c.id)!;
    const instances = threats.on(c.id);
    return {
      id,
      name: c.label,
      type: kept.type ?? c.type,
      ...(text !== undefined ? { description: text } : {}),
      parent: { trustZone: c.boundaryId && zoneId.has(c.boundaryId) ? zoneId.get(c.boundaryId)! : outside! },
      ...(c.position
        ? {
            representations: [
              { representation: DIAGRAM, id: `${id}-representation`, position: { ...c.position } },
            ],
          }
        : {}),
      ...(instances.length > 0 ? { threats: instances } : {}),
    };
  });

  // A flow split from a bidirectional OTM flow is written back as that flow, once, with the threat
  // instances of both directions (the reverse has findings of its own: the rules look at each).
  const reverseOf = new Map<string, string>();
  const joined = new Set<string>();
  const byOtmId = new Map(doc.dataFlows.map((g) => [flowId.get(g.id)!, g]));
  for (const f of doc.dataFlows) {
    const origin = keptElement(doc, f.id).reverseOf;
    if (origin === undefined) continue;
    const candidate = byOtmId.get(origin);
    if (!candidate || candidate.sourceId !== f.targetId || candidate.targetId !== f.sourceId) continue;
    if (reverseOf.has(candidate.id)) continue;
    joined.add(f.id);
    reverseOf.set(candidate.id, f.id);
  }
  const instancesOf = (id: string) => {
    const reverse = reverseOf.get(id);
    if (reverse === undefined) return threats.on(id);
    const own = threats.on(id);
    const seen = new Set(own.map((t) => t.threat));
    return [...own, ...threats.on(reverse).filter((t) => !seen.has(t.threat))];
  };
  const dataflows: OtmFile['dataflows'] = doc.dataFlows
    .filter((f) => !joined.has(f.id))
    .map((f) => {
      const text = f.description;
      const instances = instancesOf(f.id);
      return {
        id: flowId.get(f.id)!,
        name: f.label,
        ...(text !== undefined ? { description: text } : {}),
        bidirectional: reverseOf.has(f.id),
        source: componentId.get(f.sourceId) ?? f.sourceId,
        destination: componentId.get(f.targetId) ?? f.targetId,
        ...(instances.length > 0 ? { threats: instances } : {}),
      };
    });

  return {
    otmVersion: OTM_VERSION,
    project: {
      name: doc.meta.title,
      id: slug(doc.meta.title),
      ...(doc.meta.description !== undefined ? { description: doc.meta.description } : {}),
      ...(doc.meta.owner !== undefined ? { owner: doc.meta.owner } : {}),
    },
    representations: [{ name: 'Diagram', id: DIAGRAM, type: 'diagram' }],
    trustZones,
    components,
    dataflows,
    threats: threats.definitions,
    mitigations: threats.mitigations,
  };
}

export function exportOtmJson(doc: ThreatModelDocument, findings: readonly Finding[]): string {
  return toJsonText(exportOtm(doc, findings));
}

function slug(title: string): string {
  const s = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return s === '' ? 'model' : s;
}

/** Findings as OTM threat definitions, mitigation definitions and instances per element. */
class ThreatWriter {
  readonly definitions: OtmFile['threats'] = [];
  readonly mitigations: OtmFile['mitigations'] = [];
  private readonly instances = new Map<string, OtmThreatInstance[]>();
  private readonly defined = new Set<string>();
  private readonly mitigationDefined = new Set<string>();
  private readonly userThreats: ReadonlyMap<string, ThreatModelDocument['userThreats'][number]>;

  constructor(private readonly doc: ThreatModelDocument) {
    this.userThreats = new Map(doc.userThreats.map((t) => [t.id, t]));
  }

  on(elementId: string): OtmThreatInstance[] {
    return this.instances.get(elementId) ?? [];
  }

  add(f: ExportItem): void {
    const user = this.userThreats.get(userThreatIdOf(f.threatId) ?? '');
    const text = user?.description ?? f.description;
    const kept = keptThreat(this.doc, user?.id);
    const body = splitLists(text);
    const id = kept.threat ?? f.key;
    const keepRisk =
      kept.likelihood !== undefined &&
      kept.impact !== undefined &&
      severityOfRisk(kept.likelihood, kept.impact) === f.severity;
    if (!this.defined.has(id)) {
      this.defined.add(id);
      const categories = body.categories ?? f.stride.map((s) => STRIDE_NAMES[s] ?? s);
      this.definitions.push({
        id,
        name: f.title,
        ...(body.text !== undefined ? { description: body.text } : {}),
        categories,
        ...(body.cwes !== undefined ? { cwes: body.cwes } : {}),
        risk: keepRisk
          ? { likelihood: kept.likelihood!, impact: kept.impact! }
          : { likelihood: scoreOfRating(f.likelihood), impact: scoreOfRating(f.impact) },
        attributes: {
          aitmSeverity: f.severity,
          ...(f.ruleId !== null ? { aitmRuleId: f.ruleId } : {}),
          ...(f.targetKind === 'trustBoundary' || (f.targetKind === 'model' && f.targetId !== '')
            ? { aitmTarget: f.targetId }
            : {}),
        },
      });
    }
    const keptMitigations = kept.mitigations?.length === f.mitigations.length ? kept.mitigations : undefined;
    const mitigations = f.mitigations.map((m, i) => {
      const otm = keptMitigations?.[i];
      const mid = otm?.id ?? m.id;
      if (!this.mitigationDefined.has(mid)) {
        this.mitigationDefined.add(mid);
        this.mitigations.push({
          id: mid,
          name: m.title,
          ...(m.guidelines.length > 0 ? { description: `NCSC guidelines: ${m.guidelines.join(', ')}` } : {}),
          riskReduction: otm?.riskReduction ?? DEFAULT_RISK_REDUCTION,
        });
      }
      const state =
        otm?.state !== undefined && mitigationStateOfOtm(otm.state) === m.state
          ? otm.state
          : otmStateOfMitigation(m.state);
      return { mitigation: mid, state };
    });
    if (f.targetKind !== 'component' && f.targetKind !== 'dataFlow') return;
    const state =
      kept.state !== undefined && statusOfOtmState(kept.state) === f.status
        ? kept.state
        : otmStateOfStatus(f.status);
    let list = this.instances.get(f.targetId);
    if (!list) this.instances.set(f.targetId, (list = []));
    list.push({ threat: id, state, mitigations });
  }
}

/** The "Categories:" and "CWE:" paragraphs an OTM import wrote, back as lists. */
function splitLists(text: string | undefined): { text?: string; categories?: string[]; cwes?: string[] } {
  if (text === undefined) return {};
  const out: { text?: string; categories?: string[]; cwes?: string[] } = {};
  const rest = text.split('\n\n').filter((paragraph) => {
    const m = /^(Categories|CWE): (.*)$/.exec(paragraph);
    if (!m) return true;
    const items = m[2]!.split(', ').filter((s) => s !== '');
    if (m[1] === 'Categories') out.categories = items;
    else out.cwes = items;
    return false;
  });
  if (rest.length > 0) out.text = rest.join('\n\n');
  return out;
}
