/** The Threat Dragon importer proper: reads every diagram of a validated model, cell by cell, into one document. */
import { formatPath, type ParseResult } from '../../../model/problems';
import { finaliseImport, type ImportResult, type InteropOptions } from '../../shared/finalise';
import { BoxIndex } from '../../../layout/boxIndex';
import { centre, type Point } from '../../../layout/geometry';
import { Polyline } from '../../shared/polyline';
import { joinList, quoteList } from '../../shared/notes';
import { plural, quoted } from '../../shared/text';
import { cellKind } from '../mapping';
import { MAX_BOXES } from './limits';
import type { ImportContext, Entry, Placed, Curve } from './context';
import { count, rectOf, portIds } from './cells';
import { importBox, breakBoundaryCycles, checkNesting } from './boxes';
import { importNode } from './nodes';
import { importFlow } from './flows';
import { verticesOf, polyline } from './crossings';
import { importThreats } from './threats';
import { importText, buildDocument } from './document';
import type { TdDiagramData } from '../../../model/interopData';
import { keepCell } from './kept';

const DIAGRAM_GAP = 200;

export function readModel(ctx: ImportContext, options: InteropOptions): ParseResult<ImportResult> {
  const diagrams = ctx.model.detail.diagrams;
  const entries = diagrams.map((diagram, d) =>
    diagram.cells.map((cell, c): Entry => {
      const data = cell.data;
      const { kind, byShape } = cellKind(cell.shape, data?.type);
      const where = formatPath(['detail', 'diagrams', d, 'cells', c]);
      if (!byShape && kind !== 'unknown') {
        ctx.notes.group(
          'shape',
          (items) => `Cells with an unknown shape were read by their data type: ${joinList(items)}.`,
          `${where} (${quoted(cell.shape ?? '')} as ${quoted(data?.type ?? '')})`,
        );
      }
      return { cell, where, diagram: d, kind, aitm: ctx.aitm.get(cell), id: '' };
    }),
  );
  const boxCells = entries.flat().filter((e) => e.kind === 'boundary-box');
  if (boxCells.length > MAX_BOXES) {
    return {
      ok: false,
      problems: [
        {
          path: boxCells[MAX_BOXES]!.where,
          message: `too many boundary boxes: the diagrams hold ${count(boxCells.length)}, and at most ${count(MAX_BOXES)} can be imported; this is the first one over the limit`,
        },
      ],
    };
  }
  allocateIds(ctx, entries.flat());
  if (diagrams.length > 1)
    ctx.notes.add(
      `The model has ${plural(diagrams.length, 'diagram')}; they are shown on one canvas, each placed below the previous one, and exporting to Threat Dragon gives back the ${diagrams.length} diagrams.`,
    );
  entries.forEach((cells, d) => importDiagram(ctx, cells, d));
  const tooDeep = checkNesting(ctx);
  if (tooDeep.length > 0) return { ok: false, problems: tooDeep };
  return finaliseImport(buildDocument(ctx), ctx.notes.list(), options);
}

/** Our ids first (so a round trip keeps them), then Threat Dragon's cell ids, repaired and de-duplicated. */
function allocateIds(ctx: ImportContext, entries: Entry[]): void {
  const element = (e: Entry) => e.kind !== 'text' && e.kind !== 'boundary-curve' && e.kind !== 'unknown';
  for (const e of entries) {
    if (!element(e) || !e.aitm || e.aitm.kind === 'model') continue;
    e.id = ctx.ids.take(e.aitm.id, 'element');
    if (e.id !== e.aitm.id)
      ctx.notes.add(
        `Two cells carry our id ${quoted(e.aitm.id)} (copied in Threat Dragon?); the one at ${e.where} became ${quoted(e.id)}.`,
      );
  }
  for (const e of entries) {
    if (!element(e) || e.id !== '') continue;
    e.id = ctx.ids.take(e.cell.id, `td-${e.kind}`);
  }
}

function importDiagram(ctx: ImportContext, entries: Entry[], d: number): void {
  const nodes: Placed[] = [];
  const boxes: Placed[] = [];
  const curves: Curve[] = [];
  const flowEntries: Entry[] = [];
  const byCellId = new Map<string, Entry>();
  const portOwner = new Map<string, string | null>();

  for (const entry of entries) {
    const { cell } = entry;
    byCellId.set(cell.id, entry);
    switch (entry.kind) {
      case 'actor':
      case 'process':
      case 'store':
        nodes.push({ entry, rect: rectOf(cell, true) });
        for (const port of portIds(cell.ports))
          portOwner.set(port, portOwner.has(port) && portOwner.get(port) !== cell.id ? null : cell.id);
        break;
      case 'boundary-box':
        boxes.push({ entry, rect: rectOf(cell, false) });
        break;
      case 'boundary-curve':
        curves.push({ entry, points: [], line: new Polyline([]) });
        keepCell(ctx, entry);
        importThreats(ctx, entry, null);
        break;
      case 'flow':
        flowEntries.push(entry);
        break;
      case 'text':
        importText(ctx, entry);
        break;
      default:
        ctx.notes.group(
          'unknown',
          (items) => `Cells of unknown shapes were not imported: ${joinList(items)}.`,
          `${entry.where} (${quoted(entry.cell.shape ?? '')})`,
        );
        importThreats(ctx, entry, null);
    }
  }

  const shiftY = shiftFor(ctx, [...nodes, ...boxes]);
  ctx.interop.diagrams.push(diagramData(ctx, d, shiftY));
  // Geometry only for boxes that have some: indices into `boxes` of those, and their index.
  const drawn = boxes.flatMap((b, i) => (b.rect ? [i] : []));
  const boxIndex = new BoxIndex(drawn.map((i) => boxes[i]!.rect!));
  const geometricParents = boxes.map(() => -1);
  boxIndex.parents().forEach((p, k) => (geometricParents[drawn[k]!] = p < 0 ? -1 : drawn[p]!));

  // Trust boundaries (boxes).
  boxes.forEach((box, i) => importBox(ctx, box, shiftY, geometricParents[i]!, boxes));
  breakBoundaryCycles(ctx);

  // Components (nodes).
  const nodeCentre = new Map<string, Point>();
  for (const node of nodes) {
    const at = node.rect ? centre(node.rect) : undefined;
    if (at) nodeCentre.set(node.entry.cell.id, at);
    const inside = at ? boxIndex.innermostContaining(at) : -1;
    importNode(ctx, node, shiftY, inside < 0 ? undefined : boxes[drawn[inside]!]!);
  }

  // Curves: their polylines, for crossing tests.
  for (const curve of curves) {
    curve.points = polyline(curve.entry.cell, verticesOf(ctx, curve.entry), nodeCentre);
    curve.line = new Polyline(curve.points);
    if (curve.points.length < 2)
      ctx.notes.add(`The boundary curve at ${curve.entry.where} has no usable geometry; it was ignored.`);
  }
  ctx.curveCount += curves.length;
  if (curves.length > 0) {
    ctx.notes.group(
      'curves',
      (items) =>
        `Boundary curves draw no area, so the ${plural(ctx.curveCount, 'curve was', 'curves were')} not imported as trust boundaries; the flows crossing them are marked "crosses a boundary"${items.length > 0 ? `: ${quoteList(items)}` : ' (none crosses one)'}.`,
      '',
    );
  }

  // Flows.
  const curveIds = new Set(curves.map((c) => c.entry.cell.id));
  const nodeRects = nodes.flatMap((n) => (n.rect ? [{ cell: n.entry.cell.id, rect: n.rect }] : []));
  for (const entry of flowEntries)
    importFlow(ctx, entry, byCellId, portOwner, nodeCentre, { list: curves, ids: curveIds }, nodeRects);
}

/** A diagram's own fields, and the shift that placed it on our canvas. */
function diagramData(ctx: ImportContext, d: number, offsetY: number): TdDiagramData {
  const diagram = ctx.model.detail.diagrams[d]!;
  const text = (key: string) => (typeof diagram[key] === 'string' ? { [key]: diagram[key] } : {});
  return {
    ...(diagram.id !== undefined ? { id: diagram.id } : {}),
    title: diagram.title ?? '',
    ...text('diagramType'),
    ...text('description'),
    ...text('placeholder'),
    ...text('thumbnail'),
    ...text('version'),
    offsetY,
  };
}

/** Vertical shift that places this diagram below the previous ones. */
function shiftFor(ctx: ImportContext, placed: Placed[]): number {
  let top = Infinity;
  let bottom = -Infinity;
  for (const { rect } of placed) {
    if (!rect) continue;
    top = Math.min(top, rect.y);
    bottom = Math.max(bottom, rect.y + rect.height);
  }
  if (top === Infinity) return 0;
  const shift = ctx.bottom === undefined ? 0 : ctx.bottom + DIAGRAM_GAP - top;
  ctx.bottom = bottom + shift;
  return shift;
}
