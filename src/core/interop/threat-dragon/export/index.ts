import type { ThreatModelDocument } from '../../../model/document';
import type { Finding } from '../../../rules/finding';
import { BoxIndex } from '../../../layout/boxIndex';
import { centre, type Rect } from '../../../layout/geometry';
import { toJsonText } from '../../shared/text';
import { cellIdOf, createExportContext, diagramCount, diagramOf, type ExportContext } from './context';
import { distribute } from './threats';
import { mergeExtras } from './bidirectional';
import { boxCell, nodeCell, flowCell, modelBlock } from './cells';
import { maxOf } from '../../../model/extremes';

export { threatDragonCellId, threatDragonThreatId } from '../ids';

/** The Threat Dragon version we write files as (its schema limits it to 10 characters). */
export const THREAT_DRAGON_VERSION = '2.3.0';

/** A Threat Dragon v2 model as plain JSON data. */
export type ThreatDragonModel = Record<string, unknown>;

/**
 * Exports a document and its findings as a Threat Dragon v2 model with one Generic diagram:
 * users become actors, stores become stores, every other component a process, trust boundaries
 * boundary boxes (nested boxes nest geometrically) and data flows flow cells between them.
 * Findings become Threat Dragon threats on their element, with status and severity mapped and our
 * finding key and references kept under the threat's `aitm`.
 *
 * Everything Threat Dragon cannot represent is kept under each cell's `data.aitm` (id, type,
 * properties, boundary, triage, user threats); model-level findings, triage of elements that no
 * longer exist and unplaced threats are kept on one text block. importThreatDragon reads it back,
 * so our model → Threat Dragon → our model keeps components, flows, boundaries, properties and
 * triage, plus anything a user changed in Threat Dragon. Deterministic: cell, port and threat ids
 * are UUIDs derived from our ids.
 */
export function exportThreatDragon(
  doc: ThreatModelDocument,
  findings: readonly Finding[],
): ThreatDragonModel {
  return exportModel(createExportContext(doc, findings));
}

/** exportThreatDragon as the JSON text of a `.json` file Threat Dragon opens. */
export function exportThreatDragonJson(doc: ThreatModelDocument, findings: readonly Finding[]): string {
  return toJsonText(exportThreatDragon(doc, findings));
}

function exportModel(ctx: ExportContext): ThreatDragonModel {
  const { doc } = ctx;
  distribute(ctx);
  // Both flows of a bidirectional Threat Dragon flow write their threats on its one cell.
  for (const [first, reverse] of ctx.reverseOf) {
    ctx.extras.set(first, mergeExtras(ctx.extras.get(first), ctx.extras.get(reverse.id)));
    ctx.extras.delete(reverse.id);
  }

  // Geometry as Threat Dragon (and our importer) will read it back.
  const boundaryOrder = doc.trustBoundaries;
  const boxRects = boundaryOrder.map((b) => ctx.layout.boundaries.get(b.id)!);
  const boxIndex = new BoxIndex(boxRects);
  const boxParent = boxIndex.parents();
  const boxOf = (rect: Rect): string | null => {
    const i = boxIndex.innermostContaining(centre(rect));
    return i < 0 ? null : cellIdOf(ctx, boundaryOrder[i]!.id);
  };

  const maxDepth = maxOf(ctx.layout.depth.values(), 0);
  // One list of cells per diagram: each element goes back to the diagram it came from.
  const perDiagram: unknown[][] = Array.from({ length: diagramCount(ctx) }, () => []);
  const into = (id: string) => perDiagram[diagramOf(ctx, id)]!;
  boundaryOrder.forEach((b, i) => {
    const parent = boxParent[i]!;
    into(b.id).push(
      boxCell(
        ctx,
        b,
        boxRects[i]!,
        parent < 0 ? null : cellIdOf(ctx, boundaryOrder[parent]!.id),
        (ctx.layout.depth.get(b.id) ?? 0) - maxDepth - 1,
      ),
    );
  });
  doc.components.forEach((c, i) => {
    const rect = ctx.layout.components.get(c.id)!;
    into(c.id).push(nodeCell(ctx, c, rect, boxOf(rect), i + 1));
  });
  // A flow goes with its source (a flow drawn here between two diagrams' nodes lands in one of them).
  doc.dataFlows.forEach((f, i) => {
    if (ctx.merged.has(f.id)) return;
    perDiagram[ctx.td?.elements?.[f.id] ? diagramOf(ctx, f.id) : diagramOf(ctx, f.sourceId)]!.push(
      flowCell(ctx, f, doc.components.length + 1 + i),
    );
  });
  // Boundary curves and text blocks, as they were drawn.
  for (const kept of ctx.td?.cells ?? [])
    perDiagram[kept.diagram < perDiagram.length ? kept.diagram : 0]!.push(kept.cell);
  const block = modelBlock(ctx, doc.components.length + doc.dataFlows.length + 1);
  if (block) perDiagram[0]!.push(block);
  const kept = ctx.td?.diagrams ?? [];

  return {
    version: ctx.td?.version ?? THREAT_DRAGON_VERSION,
    summary: {
      title: doc.meta.title,
      owner: doc.meta.owner ?? '',
      description: doc.meta.description ?? '',
      id: ctx.td?.summaryId ?? 0,
    },
    detail: {
      contributors: [],
      diagrams: perDiagram.map((cells, d) => {
        const k = kept[d];
        return {
          id: k?.id ?? d,
          title: k?.title ?? doc.meta.title,
          description: k?.description ?? '',
          diagramType: k?.diagramType ?? 'Generic',
          placeholder: k?.placeholder ?? '',
          thumbnail: k?.thumbnail ?? './public/content/images/thumbnail.jpg',
          version: k?.version ?? THREAT_DRAGON_VERSION,
          cells,
        };
      }),
      diagramTop: perDiagram.length,
      reviewer: '',
      threatTop: ctx.number,
    },
  };
}
