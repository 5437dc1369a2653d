import type { Component, ThreatModelDocument } from '../../model/document';
import type { DataCategory } from '../../model/vocabulary';
import type { Finding } from '../../rules/finding';
import { userThreatIdOf } from '../../rules/userThreatIds';
import { unplacedItem, type ExportItem as Item } from '../otm/unplaced';
import { compareStrings, toJsonText } from '../shared/text';
import { TM_BOM_OUTSIDE_ZONE } from './import';
import { keptElement, keptModel, keptThreat } from './keep';
import {
  controlStatusOfMitigation,
  impactOfRating,
  likelihoodOfRating,
  mitigationStateOfControl,
  riskScore,
  symbolicName,
} from './mapping';

export const TM_BOM_SCHEMA =
  'https://github.com/OWASP/www-project-threat-model-library/blob/v1.0.2/threat-model.schema.json';

type Obj = Record<string, unknown>;
export type TmBomFile = Obj & {
  $schema: string;
  version: string;
  scope: Obj;
  trust_zones: Obj[];
  trust_boundaries: Obj[];
  actors: Obj[];
  components: Obj[];
  data_stores: Obj[];
  data_sets: Obj[];
  data_flows: Obj[];
  threat_personas: Obj[];
  threats: Obj[];
  controls: Obj[];
  risks: Obj[];
};

const STORE_TYPE: Record<string, string> = {
  'data-store': 'sql',
  'dataset-store': 'object',
  'vector-store': 'key_value',
  'memory-store': 'document',
  'feedback-store': 'document',
};
const SENSITIVITY: Partial<Record<DataCategory, string>> = {
  'personal-data': 'pii',
  credentials: 'cred',
  'identity-token': 'cred',
  confidential: 'biz',
  'source-code': 'ip',
  'training-data': 'biz',
};
const DEFAULT_PERSONA = {
  symbolic_name: 'adversary',
  title: 'Adversary',
  description:
    'Anyone who would misuse the system; written by the AI threat modeller, which does not model personas.',
  is_person: true,
  skill_level: 'engineer',
  access_level: 'anonymous',
  malicious_intent: true,
  applicability_to_org: 'moderate',
};

/**
 * Exports a model and its findings as TM-BOM (the OWASP Threat Model Library's JSON), valid
 * against threat-model.schema.json: boundaries as trust zones (plus the pairs of zones flows cross
 * as trust boundaries), users as actors, stores as data stores, the rest as components, flows
 * with their ends' kinds, every finding as a threat on its element, our mitigations as controls
 * (state → status), and a risk per threat from its likelihood and impact. What a TM-BOM import kept
 * (the document's `interop.tmBom`: names, kinds, types, scope, personas, data sets, assumptions, risks) is
 * written back, so TM-BOM → ours → TM-BOM keeps names and structure.
 */
export function exportTmBom(doc: ThreatModelDocument, findings: readonly Finding[]): TmBomFile {
  const model = { text: doc.meta.description, value: keptModel(doc) };
  const used = new Set<string>();
  const nameOf = new Map<string, string>();
  const take = (ourId: string, wanted: unknown) => {
    let base = typeof wanted === 'string' && /^[0-9a-z-]+$/.test(wanted) ? wanted : symbolicName(ourId);
    if (used.has(base)) {
      let n = 2;
      while (used.has(`${base}-${n}`)) n++;
      base = `${base}-${n}`;
    }
    used.add(base);
    nameOf.set(ourId, base);
    return base;
  };
  used.add(TM_BOM_OUTSIDE_ZONE);

  const trust_zones: Obj[] = doc.trustBoundaries.map((b) => {
    const text = b.description;
    const value = keptElement(doc, b.id);
    return {
      symbolic_name: take(b.id, value['symbolic_name'] ?? b.id),
      title: b.label,
      description: text ?? '',
    };
  });
  const zoneOf = (c: Component) =>
    c.boundaryId && nameOf.has(c.boundaryId) ? nameOf.get(c.boundaryId)! : TM_BOM_OUTSIDE_ZONE;
  if (doc.components.some((c) => zoneOf(c) === TM_BOM_OUTSIDE_ZONE))
    trust_zones.push({
      symbolic_name: TM_BOM_OUTSIDE_ZONE,
      title: 'Outside every trust boundary',
      description: 'Elements the model places in no trust boundary.',
    });

  const actors: Obj[] = [];
  const components: Obj[] = [];
  const data_stores: Obj[] = [];
  const kindOf = new Map<string, string>();
  for (const c of doc.components) {
    const text = c.description;
    const value = keptElement(doc, c.id);
    const kind =
      value['kind'] === 'actor' || value['kind'] === 'component' || value['kind'] === 'data_store'
        ? (value['kind'] as string)
        : c.type === 'user' || c.type === 'external-service'
          ? 'actor'
          : STORE_TYPE[c.type] !== undefined
            ? 'data_store'
            : 'component';
    kindOf.set(c.id, kind);
    const title =
      typeof value['title'] === 'string' && value['title'].replace(/\s+/g, ' ').trim() === c.label
        ? value['title']
        : c.label;
    const base = {
      symbolic_name: take(c.id, value['symbolic_name'] ?? c.id),
      title,
      description: text ?? '',
    };
    const str = (k: string) => (typeof value[k] === 'string' ? { [k]: value[k] } : {});
    if (kind === 'actor') {
      const type =
        typeof value['type'] === 'string' ? value['type'] : c.type === 'user' ? 'user' : 'third_party';
      actors.push({ ...base, type, ...str('permissions'), trust_zone: zoneOf(c) });
    } else if (kind === 'data_store') {
      const type = typeof value['type'] === 'string' ? value['type'] : (STORE_TYPE[c.type] ?? 'object');
      data_stores.push({ ...base, type, ...str('vendor'), ...str('product'), trust_zone: zoneOf(c) });
    } else {
      components.push({ ...base, ...str('parent_component'), trust_zone: zoneOf(c), ...str('repo_link') });
    }
  }

  const boundaryPairs = new Set<string>();
  const trust_boundaries: Obj[] = [];
  for (const tb of Array.isArray(model.value['trust_boundaries'])
    ? (model.value['trust_boundaries'] as Obj[])
    : []) {
    const a = tb?.['trust_zone_a'];
    const b = tb?.['trust_zone_b'];
    // Kept as written, even when a zone is not among ours (Husky AI names a "public" zone it never defines).
    if (typeof a !== 'string' || typeof b !== 'string') continue;
    boundaryPairs.add([a, b].sort().join(' '));
    trust_boundaries.push(tb);
  }
  const components_ = new Map(doc.components.map((c) => [c.id, c]));
  const data_flows: Obj[] = [];
  let sensitiveAnywhere = new Set<string>();
  for (const f of doc.dataFlows) {
    const source = components_.get(f.sourceId);
    const target = components_.get(f.targetId);
    if (!source || !target) continue;
    const text = f.description;
    const value = keptElement(doc, f.id);
    const data = f.props?.data ?? [];
    for (const d of data) if (SENSITIVITY[d]) sensitiveAnywhere.add(SENSITIVITY[d]);
    data_flows.push({
      symbolic_name: take(f.id, value['symbolic_name'] ?? f.id),
      title: f.label,
      description: text ?? '',
      source: { type: endType(value['source_type'], kindOf.get(source.id)!), object: nameOf.get(source.id)! },
      destination: {
        type: endType(value['destination_type'], kindOf.get(target.id)!),
        object: nameOf.get(target.id)!,
      },
      has_sensitive_data:
        typeof value['has_sensitive_data'] === 'boolean'
          ? value['has_sensitive_data']
          : data.some((d) => SENSITIVITY[d] !== undefined),
      encrypted: f.props?.encrypted ?? false,
    });
    const za = zoneOf(source);
    const zb = zoneOf(target);
    const pair = [za, zb].sort().join(' ');
    if (za !== zb && !boundaryPairs.has(pair)) {
      boundaryPairs.add(pair);
      trust_boundaries.push({ trust_zone_a: za, trust_zone_b: zb });
    }
  }
  sensitiveAnywhere = new Set([...sensitiveAnywhere].sort());

  const personas = (
    Array.isArray(model.value['threat_personas']) ? (model.value['threat_personas'] as unknown[]) : []
  ).filter((p): p is Obj =>
    hasFields(p, [
      'symbolic_name',
      'title',
      'description',
      'is_person',
      'skill_level',
      'access_level',
      'malicious_intent',
      'applicability_to_org',
    ]),
  );
  const threat_personas = personas.length > 0 ? personas : [DEFAULT_PERSONA];
  const defaultPersona = threat_personas[0]!['symbolic_name'] as string;

  // Threats: imported ones grouped back by their TM-BOM name; findings of rules one each.
  const userThreats = new Map(doc.userThreats.map((t) => [t.id, t]));
  const userOrder = new Map(doc.userThreats.map((t, i) => [t.id, i]));
  const rank = (f: Item) => userOrder.get(userThreatIdOf(f.threatId) ?? '') ?? -1;
  const ordered = [...findings, ...doc.userThreats.filter((t) => t.targetId === null).map(unplacedItem)].sort(
    (a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      if (ra !== rb) return ra < 0 ? 1 : rb < 0 ? -1 : ra - rb;
      return compareStrings(a.key, b.key);
    },
  );
  const threats: Obj[] = [];
  const threatByName = new Map<string, Obj>();
  const controls = new Map<string, Obj>();
  const generatedRisks: Obj[] = [];
  const keptRisks = Array.isArray(model.value['risks']) ? (model.value['risks'] as Obj[]) : [];
  const threatNames = new Set<string>();
  const members = new WeakMap<string[], Set<string>>();
  /** True when `item` is already in `list` (and records it otherwise). */
  const once = (list: string[], item: string): boolean => {
    let set = members.get(list);
    if (!set) members.set(list, (set = new Set(list)));
    if (set.has(item)) return true;
    set.add(item);
    return false;
  };
  for (const f of ordered) {
    const user = userThreats.get(userThreatIdOf(f.threatId) ?? '');
    const text = user?.description ?? f.description;
    const value = keptThreat(doc, user?.id);
    const wanted = typeof value['threat'] === 'string' ? value['threat'] : f.key;
    let threat = threatByName.get(wanted);
    const target = nameOf.get(f.targetId);
    if (!threat) {
      const name = take(`threat:${f.key}`, wanted);
      const body = (text ?? '')
        .split('\n\n')
        .filter((p) => !/^(Event|Threat persona): /.test(p))
        .join('\n\n');
      threat = {
        symbolic_name: name,
        title:
          typeof value['title'] === 'string' && value['title'].replace(/\s+/g, ' ').trim() === f.title
            ? value['title']
            : f.title,
        description: body !== '' ? body : f.why,
        components_affected: [] as string[],
        threat_persona:
          typeof value['threat_persona'] === 'string' &&
          personas.some((p) => p['symbolic_name'] === value['threat_persona'])
            ? value['threat_persona']
            : defaultPersona,
        event: typeof value['event'] === 'string' ? value['event'] : f.title,
        sources: Array.isArray(value['sources']) ? value['sources'] : ['adversary'],
        ...(Array.isArray(value['attack_mechanisms'])
          ? { attack_mechanisms: value['attack_mechanisms'] }
          : {}),
        ...(Array.isArray(value['weaknesses']) ? { weaknesses: value['weaknesses'] } : {}),
      };
      threatByName.set(wanted, threat);
      threatNames.add(name);
      threats.push(threat);
      if (user === undefined || keptRisks.length === 0) {
        const likelihood = likelihoodOfRating(f.likelihood);
        const impact = impactOfRating(f.impact);
        generatedRisks.push({
          symbolic_name: take(`risk:${f.key}`, `risk-${name}`),
          title: f.title,
          description: f.why,
          threats: [name],
          likelihood,
          impact,
          impact_description: `Severity ${f.severity}.`,
          ...riskScore(likelihood, impact),
        });
      }
    }
    const affected = threat['components_affected'] as string[];
    // Sets beside the lists keep many findings on one threat or one control linear.
    if (target !== undefined && !once(affected, target)) affected.push(target);
    const controlNames = Array.isArray(value['controls']) ? (value['controls'] as unknown[]) : [];
    f.mitigations.forEach((m, i) => {
      const wantedControl = controlNames.length === f.mitigations.length ? controlNames[i] : m.id;
      const key = typeof wantedControl === 'string' ? wantedControl : m.id;
      let control = controls.get(key);
      if (!control) {
        control = {
          symbolic_name: take(`control:${key}`, key),
          title: m.title,
          description: m.guidelines.length > 0 ? `NCSC guidelines: ${m.guidelines.join(', ')}` : m.title,
          threats: [] as string[],
          status: controlStatusOfMitigation(m.state),
          priority: f.severity,
        };
        controls.set(key, control);
      } else if (mitigationStateOfControl(control['status']) !== m.state) control['status'] = 'under_review';
      const list = control['threats'] as string[];
      if (!once(list, threat['symbolic_name'] as string)) list.push(threat['symbolic_name'] as string);
    });
  }
  for (const t of threats)
    if ((t['components_affected'] as string[]).length === 0) delete t['components_affected'];

  const stores = new Set(data_stores.map((s) => s['symbolic_name']));
  const scopeKept = model.value['scope'];
  const scope = hasFields(scopeKept, [
    'title',
    'description',
    'business_criticality',
    'data_sensitivity',
    'exposure',
    'tier',
  ])
    ? scopeKept
    : {
        title: doc.meta.title,
        description: model.text ?? doc.meta.title,
        business_criticality: 'moderate',
        data_sensitivity: [...sensitiveAnywhere],
        exposure: doc.trustBoundaries.some((b) => b.zone === 'internet') ? 'external' : 'internal',
        tier: 'important',
      };
  const keptList = (key: string) => (Array.isArray(model.value[key]) ? (model.value[key] as Obj[]) : []);
  return {
    $schema: TM_BOM_SCHEMA,
    version:
      doc.meta.version !== undefined && /^\d+(\.\d+)*$/.test(doc.meta.version) ? doc.meta.version : '1',
    scope,
    ...(model.text !== undefined ? { description: model.text } : {}),
    ...(keptList('diagrams').length > 0 ? { diagrams: keptList('diagrams') } : {}),
    trust_zones,
    trust_boundaries,
    actors,
    components,
    data_stores,
    data_sets: keptList('data_sets').filter(
      (s) =>
        Array.isArray(s['placements']) &&
        (s['placements'] as Obj[]).every((p) => stores.has(p['data_store'])),
    ),
    data_flows,
    ...(keptList('assumptions').length > 0 ? { assumptions: keptList('assumptions') } : {}),
    threat_personas,
    threats,
    controls: [...controls.values()],
    risks: [
      ...keptRisks
        .map((risk) => ({
          ...risk,
          threats: (Array.isArray(risk['threats']) ? risk['threats'] : []).filter((t) =>
            threatNames.has(t as string),
          ),
        }))
        .filter((risk) => risk.threats.length > 0),
      ...generatedRisks,
    ],
  };
}

export function exportTmBomJson(doc: ThreatModelDocument, findings: readonly Finding[]): string {
  return toJsonText(exportTmBom(doc, findings));
}

/** The type a flow end was written with (kept by the import), else the kind of the element. */
function endType(written: unknown, kind: string): string {
  return typeof written === 'string' && written !== '' ? written : kind;
}

/** A kept part is written back only when it still has the fields the schema requires. */
function hasFields(value: unknown, keys: readonly string[]): value is Obj {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    keys.every((k) => (value as Obj)[k] !== undefined && (value as Obj)[k] !== null)
  );
}
