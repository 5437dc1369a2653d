import {
  createEmptyDocument,
  type Component,
  type DataFlow,
  type TrustBoundary,
  type UserThreat,
} from '../../model/document';
import { LIMITS } from '../../limits';
import type { ParseResult } from '../../model/problems';
import { checkUntrustedJson } from '../../model/untrustedJson';
import { isObject } from '../shared/isObject';
import { finaliseImport, type ImportResult, type InteropOptions } from '../shared/finalise';
import { quoteList } from '../shared/notes';
import { clamp, IdAllocator, nonEmpty, plural } from '../shared/text';
import {
  componentTypeFromForeign,
  isZone,
  mitigationStateOfOtm,
  severityOfRisk,
  statusOfOtmState,
  zoneOfTrustRating,
} from './mapping';
import { ForeignReader } from './read';
import { withTrailer, type OtmTrailer } from './trailer';

type Obj = Record<string, unknown>;
type Mitigation = NonNullable<UserThreat['mitigations']>[number];

/** Marks the trust zone our exporter adds for components outside every boundary (OTM requires a parent). */
export const OTM_OUTSIDE_ATTRIBUTE = 'aitmOutside';

/**
 * Imports an Open Threat Model file (OTM 0.x, IriusRisk's interchange format):
 * - trust zones become trust boundaries, their trust rating giving the zone (our own exports also
 *   carry the zone itself in `attributes.aitmZone`), `parent.trustZone` the nesting;
 * - components become components, their type mapped to our catalogue (the OTM type is kept in the
 *   description's `[otm]` line so export writes it back), `parent.trustZone` their boundary;
 * - data flows become flows, a bidirectional one two flows (the reverse remembers its origin);
 * - the position and size in the first diagram representation become ours;
 * - the threats instantiated on components and flows become user threats on them, with their
 *   mitigations and states; severity from the threat's likelihood × impact.
 * Everything else (assets, tags, attributes, other representations) is said in the notes.
 */
export function importOtm(input: unknown, options: InteropOptions): ParseResult<ImportResult> {
  const unsafe = checkUntrustedJson(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  if (!isObject(input))
    return { ok: false, problems: [{ path: '$', message: 'an OTM file must be a JSON object' }] };
  const r = new ForeignReader();
  r.string(input, 'otmVersion', [], true);
  const project = r.object(input, 'project', []) ?? {};
  const title = nonEmpty(r.string(project, 'name', ['project'])) ?? 'Imported OTM model';
  const diagram = diagramRepresentation(r, input);

  const zones = r.objects(input, 'trustZones', [], LIMITS.trustBoundaries.value);
  const components = r.objects(input, 'components', [], LIMITS.components.value);
  const flows = r.objects(input, 'dataflows', [], LIMITS.dataFlows.value);
  const threatDefs = r.objects(input, 'threats', [], LIMITS.userThreats.value);
  const mitigationDefs = r.objects(input, 'mitigations', [], LIMITS.userThreats.value);

  const ids = new IdAllocator(['model']);
  const doc = createEmptyDocument(clamp(title, 500));
  const description = nonEmpty(r.string(project, 'description', ['project']));
  if (description !== undefined) doc.meta.description = clamp(description, 20_000);
  const owner = nonEmpty(r.string(project, 'owner', ['project']));
  if (owner !== undefined) doc.meta.owner = clamp(owner, 500);

  // ids: OTM id → ours, per kind (an OTM file may reuse an id across kinds).
  const zoneIds = new Map<string, string>();
  const outside = new Set<string>();
  zones.forEach((z, i) => {
    const id = r.string(z, 'id', ['trustZones', i], true);
    r.string(z, 'name', ['trustZones', i], true);
    if (id === undefined) return;
    const attributes = r.object(z, 'attributes', ['trustZones', i]);
    if (attributes?.[OTM_OUTSIDE_ATTRIBUTE] === true) outside.add(id);
    else if (!zoneIds.has(id)) zoneIds.set(id, ids.take(id, 'trust-zone'));
  });
  const componentIds = new Map<string, string>();
  components.forEach((c, i) => {
    const id = r.string(c, 'id', ['components', i], true);
    r.string(c, 'name', ['components', i], true);
    if (id !== undefined && !componentIds.has(id)) componentIds.set(id, ids.take(id, 'component'));
  });
  const flowIds = new Map<string, string>();
  flows.forEach((f, i) => {
    const id = r.string(f, 'id', ['dataflows', i], true);
    for (const key of ['name', 'source', 'destination']) r.string(f, key, ['dataflows', i], true);
    if (id !== undefined && !flowIds.has(id)) flowIds.set(id, ids.take(id, 'flow'));
  });
  if (r.problems.length > 0) return { ok: false, problems: r.problems };

  const known = new Set(options.catalogue.types.keys());
  const seen = new Set<string>();
  const duplicate = (kind: string, id: string) => {
    if (!seen.has(`${kind}:${id}`)) return seen.add(`${kind}:${id}`) && false;
    r.notes.group(
      `dup:${kind}`,
      (items) => `Duplicate ${kind} ids were imported once: ${quoteList(items)}.`,
      id,
    );
    return true;
  };

  // Trust zones.
  const zoneOfTrustZone = new Map<string, string>();
  zones.forEach((z, i) => {
    const otmId = z['id'] as string;
    if (outside.has(otmId) || duplicate('trust zone', otmId)) return;
    const path = ['trustZones', i];
    const risk = r.object(z, 'risk', path);
    const rating = risk ? r.number(risk, 'trustRating', [...path, 'risk']) : undefined;
    const attributes = r.object(z, 'attributes', path);
    const zone = isZone(attributes?.['aitmZone'])
      ? attributes['aitmZone']
      : isZone(z['type'])
        ? z['type']
        : rating !== undefined
          ? zoneOfTrustRating(rating)
          : 'internal';
    if (rating === undefined && !isZone(attributes?.['aitmZone']))
      r.notes.group(
        'no-rating',
        (items) =>
          `${plural(items.length, 'trust zone has', 'trust zones have')} no trust rating and ${items.length === 1 ? 'was' : 'were'} given a zone by type or "internal": ${quoteList(items)}.`,
        otmId,
      );
    const id = zoneIds.get(otmId)!;
    const parent = r.object(z, 'parent', path);
    const parentZone = parent ? r.string(parent, 'trustZone', [...path, 'parent']) : undefined;
    const boundary: TrustBoundary = {
      id,
      label: clamp(z['name'] as string, 500),
      zone,
      ...(parentZone !== undefined && zoneIds.has(parentZone) && zoneIds.get(parentZone) !== id
        ? { parentId: zoneIds.get(parentZone)! }
        : {}),
    };
    const otmType = r.string(z, 'type', path);
    const trailer: OtmTrailer = {};
    if (id !== otmId) trailer.id = otmId;
    if (otmType !== undefined) trailer.type = otmType;
    if (rating !== undefined) trailer.rating = rating;
    const text = withTrailer(nonEmpty(r.string(z, 'description', path)), trailer);
    if (text !== undefined) boundary.description = clamp(text, 20_000);
    const place = placement(r, z, path, diagram);
    if (place.position) boundary.position = place.position;
    if (place.size) boundary.size = place.size;
    zoneOfTrustZone.set(otmId, id);
    doc.trustBoundaries.push(boundary);
  });
  breakParentCycles(doc.trustBoundaries, r);

  // Components.
  const threatById = new Map<string, Obj>();
  threatDefs.forEach((t) => {
    if (typeof t['id'] === 'string' && !threatById.has(t['id'])) threatById.set(t['id'], t);
  });
  const mitigationById = new Map<string, Obj>();
  mitigationDefs.forEach((m) => {
    if (typeof m['id'] === 'string' && !mitigationById.has(m['id'])) mitigationById.set(m['id'], m);
  });
  const threats = new ThreatInstances(r, ids, threatById, mitigationById);
  const parentComponent = new Map<string, string>();
  components.forEach((c, i) => {
    const otmId = c['id'] as string;
    if (duplicate('component', otmId)) return;
    const path = ['components', i];
    const id = componentIds.get(otmId)!;
    const otmType = r.string(c, 'type', path);
    const type = componentTypeFromForeign(otmType, known);
    const trailer: OtmTrailer = {};
    if (otmType !== undefined && otmType !== type) trailer.type = otmType;
    if (id !== otmId) trailer.id = otmId;
    const component: Component = { id, type, label: clamp(c['name'] as string, 500) };
    const text = withTrailer(nonEmpty(r.string(c, 'description', path)), trailer);
    if (text !== undefined) component.description = clamp(text, 20_000);
    const parent = r.object(c, 'parent', path);
    const parentZone = parent ? r.string(parent, 'trustZone', [...path, 'parent']) : undefined;
    const parentOf = parent ? r.string(parent, 'component', [...path, 'parent']) : undefined;
    if (parentZone !== undefined && zoneOfTrustZone.has(parentZone))
      component.boundaryId = zoneOfTrustZone.get(parentZone)!;
    else if (parentZone !== undefined && !outside.has(parentZone))
      r.notes.group(
        'no-zone',
        (items) =>
          `${plural(items.length, 'component names a trust zone', 'components name trust zones')} the file does not have; ${items.length === 1 ? 'it is' : 'they are'} outside every boundary: ${quoteList(items)}.`,
        otmId,
      );
    if (parentOf !== undefined) parentComponent.set(id, parentOf);
    const place = placement(r, c, path, diagram);
    if (place.position) component.position = place.position;
    doc.components.push(component);
    threats.collect(c, path, id);
    if (
      r.strings(c, 'tags', path).length > 0 ||
      isObject(c['assets']) ||
      isObject(c['attributes']) ||
      isObject(c['properties'])
    )
      r.notes.group(
        'component-extras',
        (items) =>
          `Tags, assets and attributes of ${plural(items.length, 'component were', 'components were')} not imported: ${quoteList(items)}.`,
        otmId,
      );
  });
  // A component inside another component: ours nest only in boundaries, so it joins its parent's.
  const byId = new Map(doc.components.map((c) => [c.id, c]));
  for (const [id, parentOtm] of parentComponent) {
    const parent = byId.get(componentIds.get(parentOtm) ?? '');
    const child = byId.get(id)!;
    if (parent?.boundaryId) child.boundaryId = parent.boundaryId;
    r.notes.group(
      'nested',
      (items) =>
        `${plural(items.length, 'component sits', 'components sit')} inside another component, which our model cannot show; ${items.length === 1 ? 'it was' : 'they were'} placed in the parent's boundary: ${quoteList(items)}.`,
      child.label,
    );
  }

  // Data flows.
  flows.forEach((f, i) => {
    const otmId = f['id'] as string;
    if (duplicate('data flow', otmId)) return;
    const path = ['dataflows', i];
    const source = componentIds.get(f['source'] as string);
    const target = componentIds.get(f['destination'] as string);
    if (source === undefined || target === undefined || source === target) {
      r.notes.group(
        'loose-flow',
        (items) =>
          `${plural(items.length, 'data flow does', 'data flows do')} not join two components of the file and ${items.length === 1 ? 'was' : 'were'} not imported: ${quoteList(items)}.`,
        otmId,
      );
      return;
    }
    const id = flowIds.get(otmId)!;
    const label = clamp(f['name'] as string, 500);
    const text = nonEmpty(r.string(f, 'description', path));
    const flow: DataFlow = { id, sourceId: source, targetId: target, label };
    const described = withTrailer(text, id !== otmId ? { id: otmId } : {});
    if (described !== undefined) flow.description = clamp(described, 20_000);
    doc.dataFlows.push(flow);
    threats.collect(f, path, id);
    if (r.boolean(f, 'bidirectional', path) === true) {
      const reverse: DataFlow = {
        id: ids.take(`${id}.reverse`, 'flow'),
        sourceId: target,
        targetId: source,
        label,
        description: clamp(withTrailer(text, { reverseOf: otmId })!, 20_000),
      };
      doc.dataFlows.push(reverse);
      r.notes.group(
        'bidirectional',
        (items) =>
          `${plural(items.length, 'bidirectional data flow was', 'bidirectional data flows were')} imported as two flows, one each way (export joins them again): ${quoteList(items)}.`,
        otmId,
      );
    }
  });

  doc.userThreats = threats.list;
  const placed = new Set(threats.usedThreats);
  const unplacedDefs = [...threatById.keys()].filter((id) => !placed.has(id));
  if (unplacedDefs.length > 0)
    r.notes.add(
      `${plural(unplacedDefs.length, 'threat is', 'threats are')} defined but instantiated on no component or flow and ${unplacedDefs.length === 1 ? 'was' : 'were'} not imported: ${quoteList(unplacedDefs)}.`,
    );
  if (r.objects(input, 'assets', [], Number.MAX_SAFE_INTEGER).length > 0)
    r.notes.add(
      'The assets of the OTM file were not imported: our model describes data by the categories a flow carries.',
    );
  if (diagram.others.length > 0)
    r.notes.add(`Representations other than the diagram were not imported: ${quoteList(diagram.others)}.`);
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  return finaliseImport(doc, r.notes.list(), options);
}

interface DiagramRef {
  /** The id of the diagram representation whose positions we read (the first one). */
  id: string | undefined;
  others: string[];
}

function diagramRepresentation(r: ForeignReader, input: Obj): DiagramRef {
  const reps = r.objects(input, 'representations', [], 1_000);
  const diagrams = reps.filter((rep) => rep['type'] === 'diagram' && typeof rep['id'] === 'string');
  return {
    id: diagrams[0]?.['id'] as string | undefined,
    others: reps
      .filter((rep) => rep !== diagrams[0])
      .map((rep) =>
        typeof rep['name'] === 'string' ? rep['name'] : typeof rep['id'] === 'string' ? rep['id'] : '?',
      ),
  };
}

function placement(
  r: ForeignReader,
  element: Obj,
  path: (string | number)[],
  diagram: DiagramRef,
): { position?: { x: number; y: number }; size?: { width: number; height: number } } {
  const reps = r.objects(element, 'representations', path, 1_000);
  const rep = reps.find((x) => diagram.id === undefined || x['representation'] === diagram.id);
  if (!rep) return {};
  const out: { position?: { x: number; y: number }; size?: { width: number; height: number } } = {};
  const position = isObject(rep['position']) ? rep['position'] : undefined;
  const size = isObject(rep['size']) ? rep['size'] : undefined;
  const within = (v: unknown, min: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && Math.abs(v) <= LIMITS.coordinate.value;
  if (
    position &&
    within(position['x'], -LIMITS.coordinate.value) &&
    within(position['y'], -LIMITS.coordinate.value)
  )
    out.position = { x: position['x'] as number, y: position['y'] as number };
  if (
    size &&
    within(size['width'], Number.MIN_VALUE) &&
    within(size['height'], Number.MIN_VALUE) &&
    (size['width'] as number) <= LIMITS.extent.value &&
    (size['height'] as number) <= LIMITS.extent.value
  )
    out.size = { width: size['width'] as number, height: size['height'] as number };
  return out;
}

/** A trust zone that is (through its parents) its own parent loses its parent. */
function breakParentCycles(boundaries: TrustBoundary[], r: ForeignReader): void {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  for (const b of boundaries) {
    const seen = new Set<string>([b.id]);
    for (
      let p = b.parentId ? byId.get(b.parentId) : undefined;
      p;
      p = p.parentId ? byId.get(p.parentId) : undefined
    ) {
      if (seen.has(p.id)) {
        delete b.parentId;
        r.notes.group(
          'cycle',
          (items) =>
            `Trust zones that contain themselves through their parents were made top-level: ${quoteList(items)}.`,
          b.label,
        );
        break;
      }
      seen.add(p.id);
    }
  }
}

/** Threat instances (`threats` of components and flows) as user threats on their element. */
class ThreatInstances {
  readonly list: UserThreat[] = [];
  readonly usedThreats: string[] = [];

  constructor(
    private readonly r: ForeignReader,
    private readonly ids: IdAllocator,
    private readonly threats: ReadonlyMap<string, Obj>,
    private readonly mitigations: ReadonlyMap<string, Obj>,
  ) {}

  collect(element: Obj, path: (string | number)[], targetId: string): void {
    const instances = this.r.objects(element, 'threats', path, LIMITS.userThreats.value);
    instances.forEach((instance, i) => {
      if (this.list.length >= LIMITS.userThreats.value) return;
      const at = [...path, 'threats', i];
      const threatId = this.r.string(instance, 'threat', at);
      const def = threatId === undefined ? undefined : this.threats.get(threatId);
      if (threatId === undefined || def === undefined) {
        this.r.notes.group(
          'dangling-threat',
          (items) =>
            `${plural(items.length, 'threat instance names', 'threat instances name')} a threat the file does not define and ${items.length === 1 ? 'was' : 'were'} ignored: ${items.join(', ')}.`,
          at.map(String).join('.'),
        );
        return;
      }
      this.usedThreats.push(threatId);
      const state = this.r.string(instance, 'state', at);
      const status = statusOfOtmState(state);
      const risk = isObject(def['risk']) ? def['risk'] : {};
      const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
      const mitigations: Mitigation[] = [];
      const trailerMitigations: NonNullable<OtmTrailer['mitigations']> = [];
      this.r.objects(instance, 'mitigations', at, 500).forEach((m) => {
        const mid = typeof m['mitigation'] === 'string' ? m['mitigation'] : undefined;
        const mdef = mid === undefined ? undefined : this.mitigations.get(mid);
        if (mid === undefined || mdef === undefined) {
          this.r.notes.group(
            'dangling-mitigation',
            (items) =>
              `${plural(items.length, 'mitigation link names', 'mitigation links name')} a mitigation the file does not define and ${items.length === 1 ? 'was' : 'were'} ignored.`,
            `${targetId}:${mid ?? '?'}`,
          );
          return;
        }
        const mstate = typeof m['state'] === 'string' ? m['state'] : undefined;
        const ours = mitigationStateOfOtm(mstate);
        mitigations.push({
          title: clamp(nonEmpty(typeof mdef['name'] === 'string' ? mdef['name'] : undefined) ?? mid, 500),
          state: ours,
        });
        const riskReduction = num(mdef['riskReduction']);
        trailerMitigations.push({
          id: mid,
          ...(riskReduction !== undefined ? { riskReduction } : {}),
          ...(mstate !== undefined ? { state: mstate } : {}),
        });
      });
      const name = nonEmpty(typeof def['name'] === 'string' ? def['name'] : undefined) ?? threatId;
      const trailer: OtmTrailer = { threat: threatId };
      if (state !== undefined) trailer.state = state;
      const likelihood = num(risk['likelihood']);
      const impact = num(risk['impact']);
      if (likelihood !== undefined) trailer.likelihood = likelihood;
      if (impact !== undefined) trailer.impact = impact;
      if (trailerMitigations.length > 0) trailer.mitigations = trailerMitigations;
      const categories = Array.isArray(def['categories'])
        ? def['categories'].filter((c): c is string => typeof c === 'string')
        : [];
      const cwes = Array.isArray(def['cwes'])
        ? def['cwes'].filter((c): c is string => typeof c === 'string')
        : [];
      const text = [
        nonEmpty(typeof def['description'] === 'string' ? def['description'] : undefined),
        categories.length > 0 ? `Categories: ${categories.join(', ')}` : undefined,
        cwes.length > 0 ? `CWE: ${cwes.join(', ')}` : undefined,
      ]
        .filter((t): t is string => t !== undefined)
        .join('\n\n');
      const threat: UserThreat = {
        id: this.ids.take(`${threatId}.${targetId}`, 'otm-threat'),
        targetId,
        title: clamp(name.replace(/\s+/g, ' '), 500),
        description: clamp(withTrailer(text === '' ? undefined : clamp(text, 15_000), trailer)!, 20_000),
        severity: severityOfRisk(likelihood, impact),
        status,
        ...(mitigations.length > 0 ? { mitigations } : {}),
        source: 'otm',
      };
      this.list.push(threat);
    });
  }
}
