/** What an OTM import builds up as it reads the file, passed to each step explicitly. */
import type { ThreatModelDocument } from '../../model/document';
import { quoteList } from '../shared/notes';
import { IdAllocator } from '../shared/text';
import { OtmKeeper } from './kept';
import type { DiagramRef } from './placement';
import type { ForeignReader } from './read';

type Obj = Record<string, unknown>;

/** Marks the trust zone our exporter adds for components outside every boundary (OTM requires a parent). */
export const OTM_OUTSIDE_ATTRIBUTE = 'aitmOutside';

export interface OtmLists {
  zones: Obj[];
  components: Obj[];
  flows: Obj[];
  threats: Obj[];
  mitigations: Obj[];
}

export interface OtmImport {
  readonly r: ForeignReader;
  readonly ids: IdAllocator;
  readonly doc: ThreatModelDocument;
  readonly diagram: DiagramRef;
  readonly kept: OtmKeeper;
  /** OTM id → ours, per kind (an OTM file may reuse an id across kinds). */
  readonly zoneIds: Map<string, string>;
  readonly componentIds: Map<string, string>;
  readonly flowIds: Map<string, string>;
  /** OTM id of each trust zone imported → our boundary (duplicates and our "outside" zone have none). */
  readonly boundaryOf: Map<string, string>;
  /** OTM ids of the trust zones our exporter added for components outside every boundary. */
  readonly outside: Set<string>;
  /** The `kind:id` pairs read so far, to import duplicates once. */
  readonly seen: Set<string>;
}

export function createOtmImport(r: ForeignReader, doc: ThreatModelDocument, diagram: DiagramRef): OtmImport {
  return {
    r,
    ids: new IdAllocator(['model']),
    doc,
    diagram,
    kept: new OtmKeeper(),
    zoneIds: new Map(),
    componentIds: new Map(),
    flowIds: new Map(),
    boundaryOf: new Map(),
    outside: new Set(),
    seen: new Set(),
  };
}

/**
 * Gives every zone, component and flow our id before any is read (flows and parents refer to
 * them), and checks the fields each must have; problems are collected on the reader.
 */
export function allocateIds(ctx: OtmImport, lists: OtmLists): void {
  const { r, ids } = ctx;
  lists.zones.forEach((z, i) => {
    const id = r.string(z, 'id', ['trustZones', i], true);
    r.string(z, 'name', ['trustZones', i], true);
    if (id === undefined) return;
    const attributes = r.object(z, 'attributes', ['trustZones', i]);
    if (attributes?.[OTM_OUTSIDE_ATTRIBUTE] === true) ctx.outside.add(id);
    else if (!ctx.zoneIds.has(id)) ctx.zoneIds.set(id, ids.take(id, 'trust-zone'));
  });
  lists.components.forEach((c, i) => {
    const id = r.string(c, 'id', ['components', i], true);
    r.string(c, 'name', ['components', i], true);
    if (id !== undefined && !ctx.componentIds.has(id)) ctx.componentIds.set(id, ids.take(id, 'component'));
  });
  lists.flows.forEach((f, i) => {
    const id = r.string(f, 'id', ['dataflows', i], true);
    for (const key of ['name', 'source', 'destination']) r.string(f, key, ['dataflows', i], true);
    if (id !== undefined && !ctx.flowIds.has(id)) ctx.flowIds.set(id, ids.take(id, 'flow'));
  });
}

/** Whether this id of this kind was read before (and says so once per kind). */
export function isDuplicate(ctx: OtmImport, kind: string, id: string): boolean {
  if (!ctx.seen.has(`${kind}:${id}`)) {
    ctx.seen.add(`${kind}:${id}`);
    return false;
  }
  ctx.r.notes.group(
    `dup:${kind}`,
    (items) => `Duplicate ${kind} ids were imported once: ${quoteList(items)}.`,
    id,
  );
  return true;
}
