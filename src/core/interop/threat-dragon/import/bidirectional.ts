/**
 * A bidirectional Threat Dragon flow becomes two of our flows, one each way: our model is directed,
 * and the rules look at each direction. Both are linked to the one cell in
 * `interop.threatDragon.elements` (the second marked `reverse`), so that the export writes that one
 * cell again (export/bidirectional.ts). A cell we exported that way carries the second flow in its
 * `data.aitm.reverse`, which comes back as it was.
 */
import type { DataFlow } from '../../../model/document';
import { quoteList } from '../../shared/notes';
import { clamp } from '../../shared/text';
import type { AitmCellData } from '../schema';
import type { Entry, ImportContext } from './context';

type FlowAitm = Extract<AitmCellData, { kind: 'dataFlow' }>;

/** Where user threats of the second flow go: its id in the file, and the id it was given here. */
export interface ReverseTarget {
  from: string;
  to: string;
}

/** Adds the flow the other way when the cell is bidirectional; returns it, for its threats. */
export function importReverseFlow(
  ctx: ImportContext,
  entry: Entry,
  flow: DataFlow,
  stored: FlowAitm | undefined,
): ReverseTarget | undefined {
  const bidirectional = entry.cell.data?.isBidirectional === true;
  const wasBidirectional = stored?.exported['isBidirectional'] === true;
  const name = flow.label || entry.cell.id;
  if (wasBidirectional && !bidirectional) {
    ctx.notes.group(
      'one-way',
      (items) =>
        `Flows made one-way in Threat Dragon lost their reverse flow (its threats moved to the flow): ${quoteList(items)}.`,
      name,
    );
    return undefined;
  }
  if (!bidirectional) return undefined;
  const kept = wasBidirectional ? stored?.reverse : undefined;
  const reverse: DataFlow = {
    id: ctx.ids.take(kept?.id ?? `${entry.id}-reverse`, 'flow-reverse'),
    sourceId: flow.targetId,
    targetId: flow.sourceId,
    label: kept ? kept.label : flow.label === '' ? '' : clamp(`${flow.label} (reverse)`, 500),
    ...(kept
      ? {
          ...(kept.description !== undefined ? { description: kept.description } : {}),
          ...(kept.props !== undefined ? { props: kept.props } : {}),
        }
      : {
          ...(flow.description !== undefined ? { description: flow.description } : {}),
          ...(flow.props !== undefined ? { props: flow.props } : {}),
        }),
    // One cell, one out-of-scope marking: it holds for both directions.
    ...(flow.outOfScope !== undefined ? { outOfScope: flow.outOfScope } : {}),
  };
  ctx.flows.push(reverse);
  const link = { cell: entry.cell.id, diagram: entry.diagram };
  ctx.interop.elements[flow.id] ??= link;
  ctx.interop.elements[reverse.id] = { ...link, reverse: true };
  if (!kept)
    ctx.notes.group(
      'bidi',
      (items) =>
        `Bidirectional flows became two flows, one each way (threats stay on the first; exporting to Threat Dragon gives back one bidirectional flow): ${quoteList(items)}.`,
      name,
    );
  return { from: kept?.id ?? reverse.id, to: reverse.id };
}
