/** Our round-trip data on a Threat Dragon model (the model block) and the document built from it all. */
import type { ThreatModelDocument } from '../../../model/document';
import { joinList, quoteList } from '../../shared/notes';
import { clamp, nonEmpty, quoted } from '../../shared/text';
import type { ImportContext, Entry } from './context';
import { textAt } from './cells';
import { importThreats } from './threats';
import { keepCell } from './kept';
import type { TdInterop } from '../../../model/interopData';

type Meta = ThreatModelDocument['meta'];

export function importText(ctx: ImportContext, entry: Entry): void {
  if (entry.aitm?.kind === 'model') {
    if (ctx.modelBlock)
      ctx.notes.add(
        `More than one block of our model data was found; the one at ${entry.where} was ignored.`,
      );
    else ctx.modelBlock = entry.aitm;
    return;
  }
  const text = textAt(entry.cell.attrs, 'text', 'text') ?? nonEmpty(entry.cell.data?.name) ?? '';
  ctx.notes.group(
    'text',
    (items) =>
      `Text annotations have no place in this model; they are kept and come back on export to Threat Dragon: ${quoteList(items)}.`,
    text || entry.cell.id,
  );
  keepCell(ctx, entry);
  importThreats(ctx, entry, null);
}

export function buildDocument(ctx: ImportContext): Record<string, unknown> {
  const summary = ctx.model.summary;
  const block = ctx.modelBlock;
  const title = clamp(nonEmpty(summary.title) ?? 'Imported Threat Dragon model', 500);
  let description = nonEmpty(summary.description);
  let owner = nonEmpty(summary.owner);
  const meta: Meta = { title };
  if (block) {
    if ((summary.description ?? '') === (block.meta.description ?? '')) description = block.meta.description;
    if ((summary.owner ?? '') === (block.meta.owner ?? '')) owner = block.meta.owner;
    if ((summary.title ?? '') === block.meta.title) meta.title = block.meta.title;
    if (block.meta.version !== undefined) meta.version = block.meta.version;
    for (const [key, t] of Object.entries(block.triage ?? {})) ctx.triage[key] = { ...t };
    for (const ref of block.userThreats ?? [])
      ctx.userThreats.push({ ...ref.record, id: ctx.ids.take(ref.record.id, 'threat') });
  } else {
    const reviewer = nonEmpty(ctx.model.detail.reviewer);
    const contributors = (ctx.model.detail.contributors ?? [])
      .map((c) => nonEmpty(c.name))
      .filter((n): n is string => n !== undefined);
    if (reviewer || contributors.length > 0) {
      ctx.notes.add(
        `The reviewer and contributors (${joinList([reviewer, ...contributors].filter((n): n is string => n !== undefined).map((n) => quoted(n)))}) have no place in this format and were not imported.`,
      );
    }
  }
  if (description !== undefined) meta.description = clamp(description, 20_000);
  if (owner !== undefined) meta.owner = clamp(owner, 500);
  const ordered: Meta = { title: meta.title };
  if (meta.description !== undefined) ordered.description = meta.description;
  if (meta.owner !== undefined) ordered.owner = meta.owner;
  if (meta.version !== undefined) ordered.version = meta.version;

  // Drop triage of user-threat keys (they live on the threats themselves) and sort.
  const triage = Object.fromEntries(
    Object.keys(ctx.triage)
      .sort()
      .map((key) => [key, ctx.triage[key]!]),
  );
  const interop = interopOf(ctx);
  return {
    format: 'ai-threat-model',
    schemaVersion: 1,
    meta: ordered,
    trustBoundaries: ctx.boundaries,
    components: ctx.components,
    dataFlows: ctx.flows,
    triage,
    userThreats: ctx.userThreats,
    ...(interop ? { interop: { threatDragon: interop } } : {}),
  };
}

/**
 * Threat Dragon's own data, when there is any our export would not write by itself: a file of ours
 * that went through Threat Dragon unchanged gives the same document back, without it.
 */
function interopOf(ctx: ImportContext): TdInterop | undefined {
  const { diagrams, elements, cells, threats } = ctx.interop;
  const recorded = Object.keys(elements).length + cells.length + Object.keys(threats).length;
  if (recorded === 0 && diagrams.length <= 1) return undefined;
  const { version, summary } = ctx.model;
  return {
    ...(version !== undefined ? { version } : {}),
    ...(summary.id !== undefined ? { summaryId: summary.id } : {}),
    diagrams,
    ...(Object.keys(elements).length > 0 ? { elements: { ...elements } } : {}),
    ...(cells.length > 0 ? { cells } : {}),
    ...(Object.keys(threats).length > 0 ? { threats: { ...threats } } : {}),
  };
}
