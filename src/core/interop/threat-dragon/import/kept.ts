/** What an import keeps of Threat Dragon's own data, for the export to write back (model/interopData.ts). */
import type { JsonValue, TdElementData } from '../../../model/interopData';
import { threatDragonCellId } from '../ids';
import type { Entry, ImportContext } from './context';

/**
 * Boundary curves and text blocks have no element of ours: they are kept as they were drawn (their
 * threats, imported as unplaced threats, left out), to be written back on export.
 */
export function keepCell(ctx: ImportContext, entry: Entry): void {
  const { threats: _threats, ...data } = entry.cell.data ?? {};
  const cell = entry.cell.data === undefined ? entry.cell : { ...entry.cell, data };
  ctx.interop.cells.push({ diagram: entry.diagram, cell: cell as JsonValue });
}

/**
 * The cell an element came from, when our export would not write it by itself: a cell id other
 * than the one derived from our id, a size, ports, vertices or port ends.
 */
export function keepElement(
  ctx: ImportContext,
  entry: Entry,
  extra: Omit<TdElementData, 'cell' | 'diagram'>,
): void {
  const derived =
    entry.aitm !== undefined &&
    entry.aitm.kind !== 'model' &&
    entry.cell.id === threatDragonCellId(entry.aitm.id);
  if (derived && entry.diagram === 0) return;
  ctx.interop.elements[entry.id] = { cell: entry.cell.id, diagram: entry.diagram, ...extra };
}
