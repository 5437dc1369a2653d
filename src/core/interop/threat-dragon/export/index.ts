import type { ThreatModelDocument } from '../../../model/document';
import type { Finding } from '../../../rules/finding';
import { BoxIndex } from '../../../layout/boxIndex';
import { centre, type Rect } from '../../../layout/geometry';
import { toJsonText } from '../../shared/text';
import { threatDragonCellId } from '../ids';
import { createExportContext, type ExportContext } from './context';
import { distribute } from './threats';
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

  // Geometry as Threat Dragon (and our importer) will read it back.
  const boundaryOrder = doc.trustBoundaries;
  const boxRects = boundaryOrder.map((b) => ctx.layout.boundaries.get(b.id)!);
  const boxIndex = new BoxIndex(boxRects);
  const boxParent = boxIndex.parents();
  const boxOf = (rect: Rect): string | null => {
    const i = boxIndex.innermostContaining(centre(rect));
    return i < 0 ? null : threatDragonCellId(boundaryOrder[i]!.id);
  };

  const maxDepth = maxOf(ctx.layout.depth.values(), 0);
  const cells: unknown[] = [];
  boundaryOrder.forEach((b, i) => {
    const parent = boxParent[i]!;
    cells.push(
      boxCell(
        ctx,
        b,
        boxRects[i]!,
        parent < 0 ? null : threatDragonCellId(boundaryOrder[parent]!.id),
        (ctx.layout.depth.get(b.id) ?? 0) - maxDepth - 1,
      ),
    );
  });
  doc.components.forEach((c, i) => {
    const rect = ctx.layout.components.get(c.id)!;
    cells.push(nodeCell(ctx, c, rect, boxOf(rect), i + 1));
  });
  doc.dataFlows.forEach((f, i) => cells.push(flowCell(ctx, f, doc.components.length + 1 + i)));
  const block = modelBlock(ctx, doc.components.length + doc.dataFlows.length + 1);
  if (block) cells.push(block);

  return {
    version: THREAT_DRAGON_VERSION,
    summary: {
      title: doc.meta.title,
      owner: doc.meta.owner ?? '',
      description: doc.meta.description ?? '',
      id: 0,
    },
    detail: {
      contributors: [],
      diagrams: [
        {
          id: 0,
          title: doc.meta.title,
          description: '',
          diagramType: 'Generic',
          placeholder: '',
          thumbnail: './public/content/images/thumbnail.jpg',
          version: THREAT_DRAGON_VERSION,
          cells,
        },
      ],
      diagramTop: 1,
      reviewer: '',
      threatTop: ctx.number,
    },
  };
}
