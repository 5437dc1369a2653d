import { createEmptyDocument, type ThreatModelDocument } from '../../model/document';
import { LIMITS } from '../../limits';
import type { ParseResult } from '../../model/problems';
import { checkUntrustedJson } from '../../model/untrustedJson';
import { isObject } from '../shared/isObject';
import { finaliseImport, type ImportResult, type InteropOptions } from '../shared/finalise';
import { quoteList } from '../shared/notes';
import { clamp, nonEmpty, plural } from '../shared/text';
import { allocateIds, createOtmImport, type OtmImport, type OtmLists } from './importContext';
import { importComponents } from './importComponents';
import { importFlows } from './importFlows';
import { importZones } from './importZones';
import { diagramRepresentation, type DiagramRef } from './placement';
import { ForeignReader } from './read';
import { ThreatInstances } from './threatInstances';

export { OTM_OUTSIDE_ATTRIBUTE } from './importContext';

type Obj = Record<string, unknown>;

/**
 * Imports an Open Threat Model file (OTM 0.x, IriusRisk's interchange format):
 * - trust zones become trust boundaries, their trust rating giving the zone (our own exports also
 *   carry the zone itself in `attributes.aitmZone`), `parent.trustZone` the nesting;
 * - components become components, their type mapped to our catalogue, `parent.trustZone` their
 *   boundary;
 * - data flows become flows, a bidirectional one two flows (the reverse remembers its origin);
 * - the position and size in the first diagram representation become ours;
 * - the threats instantiated on components and flows become user threats on them, with their
 *   mitigations and states; severity from the threat's likelihood × impact.
 * OTM ids, types, ratings, states and risks our model has no field for are kept in the document's
 * `interop.otm` section (kept.ts), so that export writes them back. Everything else (assets, tags,
 * attributes, other representations) is said in the notes.
 */
export function importOtm(input: unknown, options: InteropOptions): ParseResult<ImportResult> {
  const unsafe = checkUntrustedJson(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  if (!isObject(input))
    return { ok: false, problems: [{ path: '$', message: 'an OTM file must be a JSON object' }] };
  const r = new ForeignReader();
  r.string(input, 'otmVersion', [], true);
  const doc = projectDocument(r, input);
  const diagram = diagramRepresentation(r, input);
  const lists = readLists(r, input);
  const ctx = createOtmImport(r, doc, diagram);
  allocateIds(ctx, lists);
  if (r.problems.length > 0) return { ok: false, problems: r.problems };

  importZones(ctx, lists.zones);
  const threats = new ThreatInstances(
    r,
    ctx.ids,
    ctx.kept,
    firstById(lists.threats),
    firstById(lists.mitigations),
  );
  importComponents(ctx, lists.components, new Set(options.catalogue.types.keys()), threats);
  importFlows(ctx, lists.flows, threats);
  ctx.doc.userThreats = threats.list;

  noteLeftOut(ctx, input, threats, diagram, firstById(lists.threats));
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  const otm = ctx.kept.section();
  return finaliseImport(otm ? { ...ctx.doc, interop: { otm } } : ctx.doc, r.notes.list(), options);
}

function readLists(r: ForeignReader, input: Obj): OtmLists {
  return {
    zones: r.objects(input, 'trustZones', [], LIMITS.trustBoundaries.value),
    components: r.objects(input, 'components', [], LIMITS.components.value),
    flows: r.objects(input, 'dataflows', [], LIMITS.dataFlows.value),
    threats: r.objects(input, 'threats', [], LIMITS.userThreats.value),
    mitigations: r.objects(input, 'mitigations', [], LIMITS.userThreats.value),
  };
}

/** An empty document with the project's name, description and owner. */
function projectDocument(r: ForeignReader, input: Obj): ThreatModelDocument {
  const project = r.object(input, 'project', []) ?? {};
  const title = nonEmpty(r.string(project, 'name', ['project'])) ?? 'Imported OTM model';
  const doc = createEmptyDocument(clamp(title, 500));
  const description = nonEmpty(r.string(project, 'description', ['project']));
  if (description !== undefined) doc.meta.description = clamp(description, 20_000);
  const owner = nonEmpty(r.string(project, 'owner', ['project']));
  if (owner !== undefined) doc.meta.owner = clamp(owner, 500);
  return doc;
}

/** The first definition with each id (threats and mitigations are referred to by id). */
function firstById(items: readonly Obj[]): Map<string, Obj> {
  const out = new Map<string, Obj>();
  for (const item of items)
    if (typeof item['id'] === 'string' && !out.has(item['id'])) out.set(item['id'], item);
  return out;
}

/** Says what the file has that the document does not: unused threats, assets, other representations. */
function noteLeftOut(
  ctx: OtmImport,
  input: Obj,
  threats: ThreatInstances,
  diagram: DiagramRef,
  threatById: ReadonlyMap<string, Obj>,
): void {
  const { r } = ctx;
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
}
