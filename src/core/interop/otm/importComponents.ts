/** OTM components as our components, in the boundary of their trust zone. */
import type { Component } from '../../model/document';
import type { OtmKept } from '../../model/interopData';
import { isObject } from '../shared/isObject';
import { quoteList } from '../shared/notes';
import { clamp, nonEmpty, plural } from '../shared/text';
import { componentTypeFromForeign } from './mapping';
import { isDuplicate, type OtmImport } from './importContext';
import { placement } from './placement';
import type { ThreatInstances } from './threatInstances';

type Obj = Record<string, unknown>;

export function importComponents(
  ctx: OtmImport,
  components: Obj[],
  known: ReadonlySet<string>,
  threats: ThreatInstances,
): void {
  const parentComponent = new Map<string, string>();
  components.forEach((c, i) => {
    const otmId = c['id'] as string;
    if (isDuplicate(ctx, 'component', otmId)) return;
    const path = ['components', i];
    const component = importComponent(ctx, c, otmId, path, known);
    const parent = ctx.r.object(c, 'parent', path);
    const parentOf = parent ? ctx.r.string(parent, 'component', [...path, 'parent']) : undefined;
    if (parentOf !== undefined) parentComponent.set(component.id, parentOf);
    ctx.doc.components.push(component);
    threats.collect(c, path, component.id);
    noteExtras(ctx, c, otmId, path);
  });
  joinParentBoundaries(ctx, parentComponent);
}

function importComponent(
  ctx: OtmImport,
  c: Obj,
  otmId: string,
  path: (string | number)[],
  known: ReadonlySet<string>,
): Component {
  const { r } = ctx;
  const id = ctx.componentIds.get(otmId)!;
  const otmType = r.string(c, 'type', path);
  const type = componentTypeFromForeign(otmType, known);
  const kept: OtmKept = {};
  if (otmType !== undefined && otmType !== type) kept.type = otmType;
  if (id !== otmId) kept.id = otmId;
  ctx.kept.element(id, kept);
  const component: Component = { id, type, label: clamp(c['name'] as string, 500) };
  const text = nonEmpty(r.string(c, 'description', path));
  if (text !== undefined) component.description = clamp(text, 20_000);
  const parent = r.object(c, 'parent', path);
  const parentZone = parent ? r.string(parent, 'trustZone', [...path, 'parent']) : undefined;
  if (parentZone !== undefined && ctx.boundaryOf.has(parentZone))
    component.boundaryId = ctx.boundaryOf.get(parentZone)!;
  else if (parentZone !== undefined && !ctx.outside.has(parentZone))
    r.notes.group(
      'no-zone',
      (items) =>
        `${plural(items.length, 'component names a trust zone', 'components name trust zones')} the file does not have; ${items.length === 1 ? 'it is' : 'they are'} outside every boundary: ${quoteList(items)}.`,
      otmId,
    );
  const place = placement(r, c, path, ctx.diagram);
  if (place.position) component.position = place.position;
  return component;
}

function noteExtras(ctx: OtmImport, c: Obj, otmId: string, path: (string | number)[]): void {
  if (
    ctx.r.strings(c, 'tags', path).length > 0 ||
    isObject(c['assets']) ||
    isObject(c['attributes']) ||
    isObject(c['properties'])
  )
    ctx.r.notes.group(
      'component-extras',
      (items) =>
        `Tags, assets and attributes of ${plural(items.length, 'component were', 'components were')} not imported: ${quoteList(items)}.`,
      otmId,
    );
}

/** A component inside another component: ours nest only in boundaries, so it joins its parent's. */
function joinParentBoundaries(ctx: OtmImport, parentComponent: ReadonlyMap<string, string>): void {
  const byId = new Map(ctx.doc.components.map((c) => [c.id, c]));
  for (const [id, parentOtm] of parentComponent) {
    const parent = byId.get(ctx.componentIds.get(parentOtm) ?? '');
    const child = byId.get(id)!;
    if (parent?.boundaryId) child.boundaryId = parent.boundaryId;
    ctx.r.notes.group(
      'nested',
      (items) =>
        `${plural(items.length, 'component sits', 'components sit')} inside another component, which our model cannot show; ${items.length === 1 ? 'it was' : 'they were'} placed in the parent's boundary: ${quoteList(items)}.`,
      child.label,
    );
  }
}
