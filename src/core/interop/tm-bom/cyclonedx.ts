import { createEmptyDocument, type Component, type TrustBoundary } from '../../model/document';
import { LIMITS } from '../../limits';
import type { ParseResult } from '../../model/problems';
import { finaliseImport, type ImportResult, type InteropOptions } from '../shared/finalise';
import { quoteList } from '../shared/notes';
import { clamp, IdAllocator, nonEmpty, plural } from '../shared/text';
import { componentTypeFromForeign, zoneOfTrustRating } from '../otm/mapping';
import { ForeignReader } from '../otm/read';
import { TmBomKeeper } from './keep';

type Obj = Record<string, unknown>;

/** Most nested `components` levels read (a diagram holds the elements; deeper is not a model). */
const MAX_DEPTH = 8;

/**
 * Imports the CycloneDX form of TM-BOM (CycloneDX 1.6 `threat-model` components, each typed by
 * its `cdx:model:type` property), as Threat Dragon writes it from OTM: boundaries (trust rating →
 * zone, shape → position and size), actors, processes and data stores, data flows (bidirectional
 * ones as two flows). Assets, repositories and code references are said in the notes.
 */
export function importCycloneDx(input: Obj, options: InteropOptions): ParseResult<ImportResult> {
  const r = new ForeignReader();
  const metadata = r.object(input, 'metadata', []) ?? {};
  const app = r.object(metadata, 'component', ['metadata']) ?? {};
  const entries: { item: Obj; path: (string | number)[]; props: Map<string, string[]> }[] = [];
  const walk = (owner: Obj, path: (string | number)[], depth: number) => {
    if (depth > MAX_DEPTH) return;
    r.objects(owner, 'components', path, LIMITS.components.value).forEach((item, i) => {
      if (entries.length >= LIMITS.components.value + LIMITS.dataFlows.value) return;
      const at = [...path, 'components', i];
      const props = new Map<string, string[]>();
      r.objects(item, 'properties', at, 10_000).forEach((p) => {
        if (typeof p['name'] === 'string' && typeof p['value'] === 'string')
          props.set(p['name'], [...(props.get(p['name']) ?? []), p['value']]);
      });
      if (item['type'] === 'threat-model') {
        r.string(item, 'bom-ref', at, true);
        r.string(item, 'name', at, true);
        entries.push({ item, path: at, props });
      }
      walk(item, at, depth + 1);
    });
  };
  walk(input, [], 0);
  if (r.problems.length > 0) return { ok: false, problems: r.problems };

  const doc = createEmptyDocument(
    clamp(nonEmpty(r.string(app, 'name', ['metadata', 'component'])) ?? 'Imported TM-BOM model', 500),
  );
  const description = nonEmpty(r.string(app, 'description', ['metadata', 'component']));
  if (description !== undefined) doc.meta.description = clamp(description, 20_000);
  const ids = new IdAllocator(['model']);
  const one = (props: Map<string, string[]>, name: string) => props.get(name)?.[0];
  const num = (props: Map<string, string[]>, name: string) => {
    const v = Number(one(props, name));
    return Number.isFinite(v) && Math.abs(v) <= LIMITS.coordinate.value ? v : undefined;
  };
  const idOf = new Map<string, string>();
  const byType = (type: string) => entries.filter((e) => one(e.props, 'cdx:model:type') === type);
  const place = (e: (typeof entries)[number]) => {
    const x = num(e.props, 'cdx:model:shape:x');
    const y = num(e.props, 'cdx:model:shape:y');
    const w = num(e.props, 'cdx:model:shape:width');
    const h = num(e.props, 'cdx:model:shape:height');
    return {
      ...(x !== undefined && y !== undefined ? { position: { x, y } } : {}),
      ...(w !== undefined &&
      h !== undefined &&
      w > 0 &&
      h > 0 &&
      w <= LIMITS.extent.value &&
      h <= LIMITS.extent.value
        ? { size: { width: w, height: h } }
        : {}),
    };
  };
  const kept = new TmBomKeeper();
  /** The description as written; what else must go back is kept by our id. */
  const text = (e: (typeof entries)[number], id: string, extras: Obj) => {
    kept.element(id, extras);
    return nonEmpty(typeof e.item['description'] === 'string' ? e.item['description'] : undefined);
  };

  for (const e of byType('boundary')) {
    const ref = e.item['bom-ref'] as string;
    if (idOf.has(ref)) continue;
    const id = ids.take(ref, 'trust-zone');
    idOf.set(ref, id);
    const rating = num(e.props, 'cdx:model:risk:trustRating');
    const described = text(e, id, id !== ref ? { 'bom-ref': ref } : {});
    const { position, size } = place(e);
    const boundary: TrustBoundary = {
      id,
      label: clamp(e.item['name'] as string, 500),
      zone: rating !== undefined ? zoneOfTrustRating(rating) : 'internal',
      ...(described !== undefined ? { description: clamp(described, 20_000) } : {}),
      ...(position ? { position } : {}),
      ...(size ? { size } : {}),
    };
    doc.trustBoundaries.push(boundary);
  }
  const known = new Set(options.catalogue.types.keys());
  const boundaries = new Set(doc.trustBoundaries.map((b) => b.id));
  const skipped: string[] = [];
  const flows: (typeof entries)[number][] = [];
  for (const e of entries) {
    const kind = one(e.props, 'cdx:model:type') ?? '';
    const ref = e.item['bom-ref'] as string;
    if (kind === 'boundary' || kind === 'diagram') continue;
    if (kind === 'dataflow') {
      flows.push(e);
      continue;
    }
    if (kind === 'asset' || kind === 'repository' || kind === 'code' || idOf.has(ref)) {
      skipped.push(`${kind || 'untyped'} ${e.item['name'] as string}`);
      continue;
    }
    const id = ids.take(ref, 'component');
    idOf.set(ref, id);
    const type =
      kind === 'actor' ? 'user' : kind === 'datastore' ? 'data-store' : componentTypeFromForeign(kind, known);
    const boundary = idOf.get(one(e.props, 'cdx:model:inBoundary') ?? '');
    const described = text(e, id, { kind, ...(id !== ref ? { 'bom-ref': ref } : {}) });
    const { position } = place(e);
    const component: Component = {
      id,
      type,
      label: clamp(e.item['name'] as string, 500),
      ...(described !== undefined ? { description: clamp(described, 20_000) } : {}),
      ...(boundary !== undefined && boundaries.has(boundary) ? { boundaryId: boundary } : {}),
      ...(position ? { position } : {}),
    };
    doc.components.push(component);
  }
  const components = new Set(doc.components.map((c) => c.id));
  for (const e of flows) {
    const ref = e.item['bom-ref'] as string;
    const source = idOf.get(one(e.props, 'cdx:model:dataflow:source') ?? '');
    const target = idOf.get(one(e.props, 'cdx:model:dataflow:destination') ?? '');
    if (
      source === undefined ||
      target === undefined ||
      !components.has(source) ||
      !components.has(target) ||
      source === target
    ) {
      r.notes.group(
        'loose',
        (items) =>
          `${plural(items.length, 'data flow does', 'data flows do')} not join two components and ${items.length === 1 ? 'was' : 'were'} not imported: ${quoteList(items)}.`,
        ref,
      );
      continue;
    }
    const id = ids.take(ref, 'flow');
    const label = clamp(e.item['name'] as string, 500);
    const described = text(e, id, id !== ref ? { 'bom-ref': ref } : {});
    doc.dataFlows.push({
      id,
      sourceId: source,
      targetId: target,
      label,
      ...(described !== undefined ? { description: clamp(described, 20_000) } : {}),
    });
    if (one(e.props, 'cdx:model:dataflow:isBidirectional') === 'true') {
      doc.dataFlows.push({
        id: ids.take(`${id}.reverse`, 'flow'),
        sourceId: target,
        targetId: source,
        label,
      });
      r.notes.group(
        'bidi',
        (items) =>
          `${plural(items.length, 'bidirectional data flow was', 'bidirectional data flows were')} imported as two flows, one each way: ${quoteList(items)}.`,
        label,
      );
    }
  }
  r.notes.add('The file is TM-BOM in its CycloneDX form; it was read by its cdx:model properties.');
  if (skipped.length > 0)
    r.notes.add(
      `Assets, repositories and code references have no place in our model and were not imported: ${quoteList(skipped)}.`,
    );
  const tmBom = kept.section();
  return finaliseImport(tmBom ? { ...doc, interop: { tmBom } } : doc, r.notes.list(), options);
}
