import { createEmptyDocument, type Component, type DataFlow, type UserThreat } from '../../model/document';
import { LIMITS } from '../../limits';
import type { ParseResult } from '../../model/problems';
import { checkUntrustedJson } from '../../model/untrustedJson';
import { isObject } from '../shared/isObject';
import { finaliseImport, type ImportResult, type InteropOptions } from '../shared/finalise';
import { quoteList } from '../shared/notes';
import { clamp, IdAllocator, nonEmpty, plural } from '../shared/text';
import { componentTypeFromForeign } from '../otm/mapping';
import { ForeignReader } from '../otm/read';
import { importCycloneDx } from './cyclonedx';
import { TmBomKeeper } from './keep';
import { mitigationStateOfControl, severityOfRisk, zoneOfTrustZone } from './mapping';

type Obj = Record<string, unknown>;
type Mitigation = NonNullable<UserThreat['mitigations']>[number];

/** The trust zone our exporter adds for elements outside every boundary (TM-BOM requires one). */
export const TM_BOM_OUTSIDE_ZONE = 'aitm-outside';

/** The parts of a TM-BOM file that are not elements, kept on the model for the export. */
const MODEL_PARTS = [
  'scope',
  'trust_boundaries',
  'data_sets',
  'threat_personas',
  'assumptions',
  'risks',
  'diagrams',
];

const STORE_TYPES = new Set([
  'data-store',
  'dataset-store',
  'vector-store',
  'memory-store',
  'feedback-store',
]);

/**
 * Imports a TM-BOM file (the OWASP Threat Model Library's JSON, which Threat Dragon reads and
 * writes), or its CycloneDX form (a BOM of `threat-model` components, see cyclonedx.ts):
 * - trust zones become trust boundaries (the zone guessed from their words: TM-BOM has no rating);
 * - actors, components and data stores become components (actors users or external services,
 *   data stores stores; components by the words of their name), each in its trust zone;
 * - data flows become flows between them, `encrypted` kept;
 * - threats become user threats on each element they affect (unplaced when none), with the
 *   controls that address them as mitigations (control status → mitigation state) and the
 *   severity of the worst risk that names them (medium when none does);
 * - the rest (scope, trust boundaries, data sets, personas, assumptions, risks) is kept with the
 *   model for the export, and said in the notes.
 */
export function importTmBom(input: unknown, options: InteropOptions): ParseResult<ImportResult> {
  const unsafe = checkUntrustedJson(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  if (!isObject(input))
    return { ok: false, problems: [{ path: '$', message: 'a TM-BOM file must be a JSON object' }] };
  if (input['bomFormat'] === 'CycloneDX') return importCycloneDx(input, options);
  const r = new ForeignReader();
  const scope = r.object(input, 'scope', []) ?? {};
  const lists = {
    zones: r.objects(input, 'trust_zones', [], LIMITS.trustBoundaries.value),
    actors: r.objects(input, 'actors', [], LIMITS.components.value),
    components: r.objects(input, 'components', [], LIMITS.components.value),
    stores: r.objects(input, 'data_stores', [], LIMITS.components.value),
    flows: r.objects(input, 'data_flows', [], LIMITS.dataFlows.value),
    threats: r.objects(input, 'threats', [], LIMITS.userThreats.value),
    controls: r.objects(input, 'controls', [], LIMITS.userThreats.value),
    risks: r.objects(input, 'risks', [], LIMITS.userThreats.value),
  };
  const named = (items: Obj[], key: string) =>
    items.forEach((item, i) => {
      r.string(item, 'symbolic_name', [key, i], true);
      if (key !== 'data_flows') r.string(item, 'title', [key, i], true);
    });
  named(lists.zones, 'trust_zones');
  named(lists.actors, 'actors');
  named(lists.components, 'components');
  named(lists.stores, 'data_stores');
  named(lists.flows, 'data_flows');
  named(lists.threats, 'threats');
  named(lists.controls, 'controls');
  if (r.problems.length > 0) return { ok: false, problems: r.problems };

  const doc = createEmptyDocument(
    clamp(nonEmpty(r.string(scope, 'title', ['scope'])) ?? 'Imported TM-BOM model', 500),
  );
  const version = nonEmpty(r.string(input, 'version', []));
  if (version !== undefined) doc.meta.version = clamp(version, 500);
  const modelParts: Obj = {};
  for (const part of MODEL_PARTS)
    if (input[part] !== undefined && input[part] !== null) modelParts[part] = input[part];
  const description =
    nonEmpty(r.string(input, 'description', [])) ?? nonEmpty(r.string(scope, 'description', ['scope']));
  const kept = new TmBomKeeper();
  kept.keepModel(modelParts);
  if (description !== undefined) doc.meta.description = clamp(description, 20_000);

  const ids = new IdAllocator(['model']);
  const seen = new Set<string>();
  const first = (kind: string, name: string) => {
    if (seen.has(`${kind}:${name}`)) {
      r.notes.group(
        `dup:${kind}`,
        (items) => `Duplicate ${kind} names were imported once: ${quoteList(items)}.`,
        name,
      );
      return false;
    }
    seen.add(`${kind}:${name}`);
    return true;
  };

  const zoneIds = new Map<string, string>();
  for (const z of lists.zones) {
    const name = z['symbolic_name'] as string;
    if (name === TM_BOM_OUTSIDE_ZONE || !first('trust zone', name)) continue;
    const id = ids.take(name, 'trust-zone');
    zoneIds.set(name, id);
    const text = verbatim(r.string(z, 'description', []));
    kept.element(id, id !== name ? { symbolic_name: name } : {});
    doc.trustBoundaries.push({
      id,
      label: clamp(z['title'] as string, 500),
      zone: zoneOfTrustZone(`${name} ${z['title'] as string}`),
      ...(text !== undefined ? { description: clamp(text, 20_000) } : {}),
    });
  }

  const known = new Set(options.catalogue.types.keys());
  // Element ids by TM-BOM kind and symbolic name (flows name their ends with both).
  const elementIds = new Map<string, string>();
  const anyKind = new Map<string, string>();
  const kindOfId = new Map<string, string>();
  const add = (kind: 'actor' | 'component' | 'data_store', item: Obj, i: number, path: string) => {
    const name = item['symbolic_name'] as string;
    if (!first(kind, name)) return;
    const id = ids.take(name, kind.replace('_', '-'));
    elementIds.set(`${kind}:${name}`, id);
    kindOfId.set(id, kind);
    if (!anyKind.has(name)) anyKind.set(name, id);
    const title = item['title'] as string;
    const words = `${name} ${title}`;
    const tmType = r.string(item, 'type', [path, i]);
    let type: string;
    if (kind === 'actor')
      type = tmType === 'system' || tmType === 'third_party' ? 'external-service' : 'user';
    else if (kind === 'data_store') {
      const guess = componentTypeFromForeign(words.replace(/\s+/g, '-'), known);
      type = STORE_TYPES.has(guess) ? guess : 'data-store';
    } else type = componentTypeFromForeign(words.replace(/\s+/g, '-'), known);
    const extras: Obj = { kind };
    for (const [key, value] of Object.entries(item))
      if (!['symbolic_name', 'title', 'description', 'trust_zone'].includes(key) && value !== null)
        extras[key] = value;
    if (id !== name) extras['symbolic_name'] = name;
    const label = clamp(title.replace(/\s+/g, ' ').trim() || name, 500);
    if (label !== title) extras['title'] = title;
    const zone = r.string(item, 'trust_zone', [path, i]);
    if (zone !== undefined && zone !== TM_BOM_OUTSIDE_ZONE && !zoneIds.has(zone))
      r.notes.group(
        'no-zone',
        (items) =>
          `${plural(items.length, 'element names a trust zone', 'elements name trust zones')} the file does not have; ${items.length === 1 ? 'it is' : 'they are'} outside every boundary: ${quoteList(items)}.`,
        name,
      );
    const text = verbatim(r.string(item, 'description', [path, i]));
    kept.element(id, extras);
    const component: Component = {
      id,
      type,
      label,
      ...(text !== undefined ? { description: clamp(text, 20_000) } : {}),
      ...(zone !== undefined && zoneIds.has(zone) ? { boundaryId: zoneIds.get(zone)! } : {}),
    };
    doc.components.push(component);
  };
  lists.actors.forEach((a, i) => add('actor', a, i, 'actors'));
  lists.components.forEach((c, i) => add('component', c, i, 'components'));
  lists.stores.forEach((s, i) => add('data_store', s, i, 'data_stores'));

  const endOf = (ref: unknown): string | undefined => {
    if (typeof ref === 'string') return anyKind.get(ref);
    if (!isObject(ref) || typeof ref['object'] !== 'string') return undefined;
    const kind = String(ref['type'] ?? '')
      .replace(/^#\/\$defs\//, '')
      .replace('-', '_');
    return elementIds.get(`${kind}:${ref['object']}`) ?? anyKind.get(ref['object']);
  };
  const flowIds = new Map<string, string>();
  lists.flows.forEach((f, i) => {
    const name = f['symbolic_name'] as string;
    if (!first('data flow', name)) return;
    const source = endOf(f['source']);
    const target = endOf(f['destination']);
    if (source === undefined || target === undefined || source === target) {
      r.notes.group(
        'loose',
        (items) =>
          `${plural(items.length, 'data flow does', 'data flows do')} not join two elements of the file and ${items.length === 1 ? 'was' : 'were'} not imported: ${quoteList(items)}.`,
        name,
      );
      return;
    }
    const id = ids.take(name, 'flow');
    flowIds.set(name, id);
    const extras: Obj = {};
    const sensitive = r.boolean(f, 'has_sensitive_data', ['data_flows', i]);
    if (sensitive !== undefined) extras['has_sensitive_data'] = sensitive;
    if (id !== name) extras['symbolic_name'] = name;
    // A file may type an end wrongly (Husky AI calls a data store an actor): keep the type as written.
    for (const end of ['source', 'destination'] as const) {
      const ref = f[end];
      const id = end === 'source' ? source : target;
      if (isObject(ref) && typeof ref['type'] === 'string' && kindOfId.get(id) !== ref['type'])
        extras[`${end}_type`] = ref['type'];
    }
    const encrypted = r.boolean(f, 'encrypted', ['data_flows', i]);
    const text = verbatim(r.string(f, 'description', ['data_flows', i]));
    kept.element(id, extras);
    const flow: DataFlow = {
      id,
      sourceId: source,
      targetId: target,
      label: clamp(r.string(f, 'title', ['data_flows', i]) ?? '', 500),
      ...(text !== undefined ? { description: clamp(text, 20_000) } : {}),
      ...(encrypted !== undefined ? { props: { encrypted } } : {}),
    };
    doc.dataFlows.push(flow);
  });

  doc.userThreats = threatsOf(
    r,
    lists.threats,
    lists.controls,
    lists.risks,
    ids,
    (name) => anyKind.get(name) ?? flowIds.get(name) ?? zoneIds.get(name),
    kept,
  );
  summarise(r, input);
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  const tmBom = kept.section();
  return finaliseImport(tmBom ? { ...doc, interop: { tmBom } } : doc, r.notes.list(), options);
}

function threatsOf(
  r: ForeignReader,
  threats: Obj[],
  controls: Obj[],
  risks: Obj[],
  ids: IdAllocator,
  elementOf: (name: string) => string | undefined,
  kept: TmBomKeeper,
): UserThreat[] {
  const controlsOf = new Map<string, Obj[]>();
  for (const c of controls)
    for (const t of Array.isArray(c['threats']) ? c['threats'] : [])
      if (typeof t === 'string') {
        const list = controlsOf.get(t);
        if (list) list.push(c);
        else controlsOf.set(t, [c]);
      }
  const order = ['low', 'medium', 'high', 'critical'] as const;
  const severityOf = new Map<string, UserThreat['severity']>();
  for (const risk of risks) {
    const s = severityOfRisk(risk['likelihood'], risk['impact']);
    if (s === undefined) continue;
    for (const t of Array.isArray(risk['threats']) ? risk['threats'] : [])
      if (typeof t === 'string' && order.indexOf(s) > order.indexOf(severityOf.get(t) ?? 'low'))
        severityOf.set(t, s);
      else if (typeof t === 'string' && !severityOf.has(t)) severityOf.set(t, s);
  }
  const out: UserThreat[] = [];
  const seen = new Set<string>();
  let unplaced = 0;
  threats.forEach((t, i) => {
    const name = t['symbolic_name'] as string;
    if (seen.has(name)) return;
    seen.add(name);
    const affected = r.strings(t, 'components_affected', ['threats', i]);
    const targets = [...new Set(affected.map(elementOf).filter((id): id is string => id !== undefined))];
    const linked = (controlsOf.get(name) ?? []).slice(0, 500);
    const mitigations: Mitigation[] = linked.map((c) => ({
      title: clamp(typeof c['title'] === 'string' ? c['title'] : String(c['symbolic_name']), 500),
      state: mitigationStateOfControl(c['status']),
    }));
    const extras: Obj = { threat: name };
    const title = clamp((t['title'] as string).replace(/\s+/g, ' ').trim() || name, 500);
    if (title !== t['title']) extras['title'] = t['title'];
    for (const [key, value] of Object.entries(t))
      if (!['symbolic_name', 'title', 'description', 'components_affected'].includes(key) && value !== null)
        extras[key] = value;
    extras['controls'] = linked.map((c) => c['symbolic_name']);
    const persona =
      typeof t['threat_persona'] === 'string' ? `Threat persona: ${t['threat_persona']}` : undefined;
    const event = typeof t['event'] === 'string' ? `Event: ${t['event']}` : undefined;
    const text = [verbatim(r.string(t, 'description', ['threats', i])), event, persona]
      .filter(Boolean)
      .join('\n\n');
    for (const targetId of targets.length > 0 ? targets : [null]) {
      if (targetId === null) unplaced++;
      const id = ids.take(
        targets.length > 1 && targetId !== null ? `${name}.${targetId}` : name,
        'tm-bom-threat',
      );
      kept.threat(id, extras);
      out.push({
        id,
        targetId,
        title,
        ...(text !== '' ? { description: clamp(text, 20_000) } : {}),
        severity: severityOf.get(name) ?? 'medium',
        status:
          mitigations.length > 0 && mitigations.every((m) => m.state === 'implemented')
            ? 'mitigated'
            : 'open',
        ...(mitigations.length > 0 ? { mitigations } : {}),
        source: 'tm-bom',
      });
    }
  });
  if (unplaced > 0)
    r.notes.add(
      `${plural(unplaced, 'threat affects', 'threats affect')} no element of the file and ${unplaced === 1 ? 'is' : 'are'} unplaced: attach ${unplaced === 1 ? 'it' : 'each'} to an element.`,
    );
  const unlinked = controls.filter(
    (c) => !(Array.isArray(c['threats']) && c['threats'].some((t) => seen.has(t as string))),
  ).length;
  if (unlinked > 0)
    r.notes.add(
      `${plural(unlinked, 'control addresses', 'controls address')} no threat of the file and ${unlinked === 1 ? 'was' : 'were'} not imported.`,
    );
  return out;
}

function summarise(r: ForeignReader, input: Obj): void {
  const count = (key: string) => (Array.isArray(input[key]) ? (input[key] as unknown[]).length : 0);
  const parts = [
    [count('trust_boundaries'), 'trust boundary', 'trust boundaries'],
    [count('data_sets'), 'data set', 'data sets'],
    [count('threat_personas'), 'threat persona', 'threat personas'],
    [count('assumptions'), 'assumption', 'assumptions'],
    [count('risks'), 'risk', 'risks'],
  ] as const;
  const listed = parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  if (listed.length > 0)
    r.notes.add(
      `Our model has no place for the file's ${listed.join(', ')} or its scope: they are kept with the model for the TM-BOM export, and not analysed (risks give threats their severity).`,
    );
  if (count('trust_boundaries') > 0)
    r.notes.add(
      'TM-BOM trust boundaries are pairs of zones; ours are the zones themselves, so flows between them cross a boundary.',
    );
}

/** Text as written (TM-BOM round trips compare it byte for byte), or undefined when blank. */
function verbatim(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}
