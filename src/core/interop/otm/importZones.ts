/** OTM trust zones as our trust boundaries. */
import type { TrustBoundary } from '../../model/document';
import type { OtmKept } from '../../model/interopData';
import { quoteList } from '../shared/notes';
import { clamp, nonEmpty, plural } from '../shared/text';
import { isZone, zoneOfTrustRating } from './mapping';
import { isDuplicate, type OtmImport } from './importContext';
import { placement } from './placement';
import type { ForeignReader } from './read';

type Obj = Record<string, unknown>;

export function importZones(ctx: OtmImport, zones: Obj[]): void {
  zones.forEach((z, i) => {
    const otmId = z['id'] as string;
    if (ctx.outside.has(otmId) || isDuplicate(ctx, 'trust zone', otmId)) return;
    importZone(ctx, z, otmId, ['trustZones', i]);
  });
  breakParentCycles(ctx.doc.trustBoundaries, ctx.r);
}

function importZone(ctx: OtmImport, z: Obj, otmId: string, path: (string | number)[]): void {
  const { r } = ctx;
  const risk = r.object(z, 'risk', path);
  const rating = risk ? r.number(risk, 'trustRating', [...path, 'risk']) : undefined;
  const id = ctx.zoneIds.get(otmId)!;
  const parent = r.object(z, 'parent', path);
  const parentZone = parent ? r.string(parent, 'trustZone', [...path, 'parent']) : undefined;
  const boundary: TrustBoundary = {
    id,
    label: clamp(z['name'] as string, 500),
    zone: zoneOf(ctx, z, otmId, path, rating),
    ...(parentZone !== undefined && ctx.zoneIds.has(parentZone) && ctx.zoneIds.get(parentZone) !== id
      ? { parentId: ctx.zoneIds.get(parentZone)! }
      : {}),
  };
  const otmType = r.string(z, 'type', path);
  const kept: OtmKept = {};
  if (id !== otmId) kept.id = otmId;
  if (otmType !== undefined) kept.type = otmType;
  if (rating !== undefined) kept.rating = rating;
  ctx.kept.element(id, kept);
  const text = nonEmpty(r.string(z, 'description', path));
  if (text !== undefined) boundary.description = clamp(text, 20_000);
  const place = placement(r, z, path, ctx.diagram);
  if (place.position) boundary.position = place.position;
  if (place.size) boundary.size = place.size;
  ctx.boundaryOf.set(otmId, id);
  ctx.doc.trustBoundaries.push(boundary);
}

/** Our zone: the one our export wrote, else the OTM type when it names one, else by trust rating. */
function zoneOf(
  ctx: OtmImport,
  z: Obj,
  otmId: string,
  path: (string | number)[],
  rating: number | undefined,
): TrustBoundary['zone'] {
  const attributes = ctx.r.object(z, 'attributes', path);
  if (isZone(attributes?.['aitmZone'])) return attributes['aitmZone'];
  if (rating === undefined)
    ctx.r.notes.group(
      'no-rating',
      (items) =>
        `${plural(items.length, 'trust zone has', 'trust zones have')} no trust rating and ${items.length === 1 ? 'was' : 'were'} given a zone by type or "internal": ${quoteList(items)}.`,
      otmId,
    );
  if (isZone(z['type'])) return z['type'];
  return rating !== undefined ? zoneOfTrustRating(rating) : 'internal';
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
