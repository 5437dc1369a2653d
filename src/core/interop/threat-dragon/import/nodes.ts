/** Threat Dragon actors, processes and stores: components. */
import type { OutOfScope, PropValue } from '../../../model/document';
import type { JsonValue } from '../../../model/interopData';
import { keepElement } from './kept';
import { quoteList } from '../../shared/notes';
import { clamp, nonEmpty, quoted } from '../../shared/text';
import { componentTypeOfShape, type TdNodeShape } from '../mapping';
import type { ImportContext, Entry, Placed } from './context';
import { near, textAt } from './cells';
import { importThreats } from './threats';

const UNMAPPED_NODE_FLAGS = [
  'providesAuthentication',
  'isWebApplication',
  'handlesCardPayment',
  'handlesGoodsOrServices',
  'privilegeLevel',
  'isALog',
  'isSigned',
  'storesInventory',
] as const;

export function importNode(ctx: ImportContext, node: Placed, shiftY: number, box: Placed | undefined): void {
  const { entry, rect } = node;
  const { cell } = entry;
  const data = cell.data ?? {};
  const shape = entry.kind as TdNodeShape;
  const stored = entry.aitm?.kind === 'component' ? entry.aitm : undefined;
  const label = clamp(nonEmpty(data.name) ?? textAt(cell.attrs, 'text', 'text') ?? '', 500);
  let description = nonEmpty(data.description);
  let position = rect ? { x: rect.x, y: rect.y + shiftY } : undefined;
  let boundaryId: string | null | undefined = box ? box.entry.id : undefined;
  let type = componentTypeOfShape(shape);
  let props: Record<string, PropValue> = {};

  if (stored && ctx.catalogue.types.has(stored.type)) {
    type = stored.type;
    props = { ...(stored.props ?? {}) };
    if ((data.description ?? '') === (stored.description ?? '')) description = stored.description;
    if (rect && near(rect, stored.at)) position = stored.position ?? undefined;
    const boxCell = box ? box.entry.cell.id : null;
    if (boxCell === stored.box && (stored.boundaryId == null || ctx.boundaryIds.has(stored.boundaryId))) {
      boundaryId = stored.boundaryId;
    }
    // Flags a user changed in Threat Dragon override ours.
    const declared = new Set((ctx.catalogue.types.get(type)?.properties ?? []).map((p) => p.name));
    const changed = (field: string) =>
      typeof data[field] === 'boolean' &&
      stored.exported[field] !== undefined &&
      data[field] !== stored.exported[field];
    if (changed('isEncrypted') && declared.has('encryptedAtRest'))
      props['encryptedAtRest'] = data['isEncrypted'] as boolean;
    if (changed('storesCredentials') && declared.has('personalData'))
      props['personalData'] = data['storesCredentials'] as boolean;
  } else {
    if (stored)
      ctx.notes.add(
        `The component at ${entry.where} has our type ${quoted(stored.type)}, which the library does not declare; it was imported as "${type}".`,
      );
    if (shape === 'store') {
      if (data['isEncrypted'] === true) props['encryptedAtRest'] = true;
      if (data.storesCredentials === true) {
        props['personalData'] = true;
        ctx.notes.group(
          'creds',
          (items) =>
            `Stores marked "stores credentials" in Threat Dragon were marked as holding personal data: ${quoteList(items)}.`,
          label || cell.id,
        );
      }
    }
    for (const field of UNMAPPED_NODE_FLAGS) {
      const value = data[field];
      if (value === true || (typeof value === 'string' && value.trim() !== '')) {
        ctx.notes.group(
          `flag:${field}`,
          (items) =>
            `The Threat Dragon property "${field}" has no equivalent here and was not imported (${quoteList(items)}).`,
          label || cell.id,
        );
      }
    }
  }
  if (!rect)
    ctx.notes.add(`The ${shape} at ${entry.where} has no position; it will be laid out automatically.`);

  ctx.components.push({
    id: entry.id,
    type,
    label,
    ...(description !== undefined ? { description: clamp(description, 20_000) } : {}),
    ...(boundaryId !== undefined ? { boundaryId } : {}),
    ...(position ? { position } : {}),
    ...(Object.keys(props).length > 0 ? { props: sortKeys(props) } : {}),
    ...outOfScope(entry),
  });
  keepElement(ctx, entry, {
    ...(cell.size ? { size: { width: cell.size.width, height: cell.size.height } } : {}),
    ...(cell.ports !== undefined && stored === undefined ? { ports: cell.ports as JsonValue } : {}),
  });
  importThreats(ctx, entry, entry.id);
}

/** Threat Dragon's out-of-scope marking and its reason, as ours (what Threat Dragon says wins). */
export function outOfScope(entry: Entry): { outOfScope?: OutOfScope } {
  const data = entry.cell.data;
  if (data?.outOfScope !== true) return {};
  const reason = nonEmpty(data.reasonOutOfScope);
  return { outOfScope: reason === undefined ? {} : { reason: clamp(reason, 20_000) } };
}

function sortKeys<T>(value: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]!]),
  );
}
