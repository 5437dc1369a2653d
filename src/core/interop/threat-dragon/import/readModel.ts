/** The Threat Dragon importer: reads every diagram, cell by cell, into one document. */
import { formatPath, type ParseResult } from '../model/problems';
import { finaliseImport, type ImportResult, type InteropOptions } from './finalise';
import { BoxIndex, centre, Polyline, type Point } from './geometry';
import { joinList, quoteList } from './notes';
import { plural, quoted } from './text';
import { cellKind } from './threatDragonMapping';
import { MAX_BOXES } from './threatDragonImportLimits';
import { ThreatDragonImportState, type Entry, type Placed, type Curve } from './threatDragonImportState';
import { count, rectOf, portIds } from './threatDragonImportCells';
import { importBox, breakBoundaryCycles, checkNesting } from './threatDragonBoxes';
import { importNode } from './threatDragonNodes';
import { importFlow } from './threatDragonFlows';
import { verticesOf, polyline } from './threatDragonCrossings';
import { importThreats } from './threatDragonImportThreats';
import { importText, buildDocument } from './threatDragonDocument';

const DIAGRAM_GAP = 200;

export class ThreatDragonImporter extends ThreatDragonImportState {
  run(options: InteropOptions): ParseResult<ImportResult> {
    const diagrams = this.model.detail.diagrams;
    const entries = diagrams.map((diagram, d) =>
      diagram.cells.map((cell, c): Entry => {
        const data = cell.data;
        const { kind, byShape } = cellKind(cell.shape, data?.type);
        const where = formatPath(['detail', 'diagrams', d, 'cells', c]);
        if (!byShape && kind !== 'unknown') {
          this.notes.group(
            'shape',
            (items) => `Cells with an unknown shape were read by their data type: ${joinList(items)}.`,
            `${where} (${quoted(cell.shape ?? '')} as ${quoted(data?.type ?? '')})`,
          );
        }
        return { cell, where, kind, aitm: this.aitm.get(cell), id: '' };
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
    this.allocateIds(entries.flat());
    if (diagrams.length > 1)
      this.notes.add(
        `The model has ${plural(diagrams.length, 'diagram')}; they were merged into one, each placed below the previous one.`,
      );
    entries.forEach((cells) => this.importDiagram(cells));
    const tooDeep = checkNesting(this);
    if (tooDeep.length > 0) return { ok: false, problems: tooDeep };
    return finaliseImport(buildDocument(this), this.notes.list(), options);
  }

  /** Our ids first (so a round trip keeps them), then Threat Dragon's cell ids, repaired and de-duplicated. */
  private allocateIds(entries: Entry[]): void {
    const element = (e: Entry) => e.kind !== 'text' && e.kind !== 'boundary-curve' && e.kind !== 'unknown';
    for (const e of entries) {
      if (!element(e) || !e.aitm || e.aitm.kind === 'model') continue;
      e.id = this.ids.take(e.aitm.id, 'element');
      if (e.id !== e.aitm.id)
        this.notes.add(
          `Two cells carry our id ${quoted(e.aitm.id)} (copied in Threat Dragon?); the one at ${e.where} became ${quoted(e.id)}.`,
        );
    }
    for (const e of entries) {
      if (!element(e) || e.id !== '') continue;
      e.id = this.ids.take(e.cell.id, `td-${e.kind}`);
    }
  }

  private importDiagram(entries: Entry[]): void {
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
          importThreats(this, entry, null);
          break;
        case 'flow':
          flowEntries.push(entry);
          break;
        case 'text':
          importText(this, entry);
          break;
        default:
          this.notes.group(
            'unknown',
            (items) => `Cells of unknown shapes were not imported: ${joinList(items)}.`,
            `${entry.where} (${quoted(entry.cell.shape ?? '')})`,
          );
          importThreats(this, entry, null);
      }
    }

    const shiftY = this.shiftFor([...nodes, ...boxes]);
    // Geometry only for boxes that have some: indices into `boxes` of those, and their index.
    const drawn = boxes.flatMap((b, i) => (b.rect ? [i] : []));
    const boxIndex = new BoxIndex(drawn.map((i) => boxes[i]!.rect!));
    const geometricParents = boxes.map(() => -1);
    boxIndex.parents().forEach((p, k) => (geometricParents[drawn[k]!] = p < 0 ? -1 : drawn[p]!));

    // Trust boundaries (boxes).
    boxes.forEach((box, i) => importBox(this, box, shiftY, geometricParents[i]!, boxes));
    breakBoundaryCycles(this);

    // Components (nodes).
    const nodeCentre = new Map<string, Point>();
    for (const node of nodes) {
      const at = node.rect ? centre(node.rect) : undefined;
      if (at) nodeCentre.set(node.entry.cell.id, at);
      const inside = at ? boxIndex.innermostContaining(at) : -1;
      importNode(this, node, shiftY, inside < 0 ? undefined : boxes[drawn[inside]!]!);
    }

    // Curves: their polylines, for crossing tests.
    for (const curve of curves) {
      curve.points = polyline(curve.entry.cell, verticesOf(this, curve.entry), nodeCentre);
      curve.line = new Polyline(curve.points);
      if (curve.points.length < 2)
        this.notes.add(`The boundary curve at ${curve.entry.where} has no usable geometry; it was ignored.`);
    }
    this.curveCount += curves.length;
    if (curves.length > 0) {
      this.notes.group(
        'curves',
        (items) =>
          `Boundary curves draw no area, so the ${plural(this.curveCount, 'curve was', 'curves were')} not imported as trust boundaries; the flows crossing them are marked "crosses a boundary"${items.length > 0 ? `: ${quoteList(items)}` : ' (none crosses one)'}.`,
        '',
      );
    }

    // Flows.
    const curveIds = new Set(curves.map((c) => c.entry.cell.id));
    for (const entry of flowEntries)
      importFlow(this, entry, byCellId, portOwner, nodeCentre, { list: curves, ids: curveIds });
  }

  /** Vertical shift that places this diagram below the previous ones. */
  private shiftFor(placed: Placed[]): number {
    let top = Infinity;
    let bottom = -Infinity;
    for (const { rect } of placed) {
      if (!rect) continue;
      top = Math.min(top, rect.y);
      bottom = Math.max(bottom, rect.y + rect.height);
    }
    if (top === Infinity) return 0;
    const shift = this.bottom === undefined ? 0 : this.bottom + DIAGRAM_GAP - top;
    this.bottom = bottom + shift;
    return shift;
  }
}
