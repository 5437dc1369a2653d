import type {
  Component,
  DataFlow,
  DataFlowProps,
  PropValue,
  ThreatModelDocument,
  Triage,
  TrustBoundary,
  UserThreat,
} from '../model/document';
import { formatPath, type ParseResult, type Problem } from '../model/problems';
import { checkUntrustedJson } from '../model/untrustedJson';
import type { Zone } from '../model/vocabulary';
import { zodIssuesToProblems } from '../model/zodProblems';
import type { Catalogue } from '../library/catalogue';
import { isObject } from './detectFormat';
import { finaliseImport, type ImportResult, type InteropOptions } from './finalise';
import { BoxIndex, centre, Polyline, simplifyPolyline, type Budget, type Point, type Rect } from './geometry';
import { joinList, Notes, quoteList } from './notes';
import { clamp, IdAllocator, nonEmpty, plural, quoted } from './text';
import {
  cellKind,
  componentTypeOfShape,
  mitigationsFromText,
  mitigationsToText,
  severityFromThreatDragon,
  statusFromThreatDragon,
  type MitigationLine,
  type TdCellKind,
  type TdNodeShape,
} from './threatDragonMapping';
import {
  AitmCellSchema,
  TdModelSchema,
  type AitmCellData,
  type TdCell,
  type TdModel,
  type TdThreat,
} from './threatDragonSchema';

/**
 * Imports a Threat Dragon v2 model (the JSON Threat Dragon saves).
 *
 * - Actors become `user`, processes `process` and stores `data-store` components; flows become data
 *   flows (encrypted, protocol; a public-network flow is marked `crossesBoundary`; a bidirectional
 *   flow becomes two flows).
 * - Boundary boxes become trust boundaries. Membership is geometric: a component belongs to the
 *   smallest box that contains its centre, and a box nests in the smallest box containing it
 *   entirely. The zone is guessed from the label (internet, DMZ, third party, restricted),
 *   otherwise `internal`, and each guess is noted.
 * - Boundary curves define no zone, so they are not trust boundaries: a flow whose path (source
 *   centre, its vertices, target centre) intersects a curve's polyline (source, vertices, target),
 *   or whose `trustBoundaryIds` names the curve, is marked `crossesBoundary: true`. Threat Dragon
 *   draws both as smooth curves through those points; the polyline is an approximation.
 * - Threats become `userThreats` on the same element, with status and severity matched leniently.
 * - Cells we exported carry `data.aitm`: our ids, types, properties and triage come back from it,
 *   and only what a user changed in Threat Dragon (names, flags, positions, threat statuses)
 *   overrides it. Threats carrying one of our finding keys restore triage, not user threats.
 *
 * Version 1 files (JointJS) are refused with instructions; malformed files are refused with every
 * problem and its JSON path. The document is validated by parseDocument before it is returned.
 *
 * Work is bounded, since files come from anywhere: more than MAX_CELLS cells or MAX_BOXES boundary
 * boxes are refused, as are boxes nested more than MAX_NESTING levels deep (the limit of our own
 * documents); edges with more than MAX_VERTICES vertices are simplified, with a note; and the
 * crossing tests between flows and curves stop after MAX_CROSSING_TESTS elementary tests, with a
 * note listing the flows left untested.
 */
export function importThreatDragon(input: unknown, options: InteropOptions): ParseResult<ImportResult> {
  const unsafe = checkUntrustedJson(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  if (!isObject(input))
    return { ok: false, problems: [{ path: '$', message: 'a Threat Dragon model must be a JSON object' }] };
  const v1 = findVersion1(input);
  if (v1) return { ok: false, problems: [v1] };
  const tooMany = checkCellCount(input);
  if (tooMany) return { ok: false, problems: [tooMany] };

  const parsed = TdModelSchema.safeParse(input, { reportInput: true });
  if (!parsed.success)
    return { ok: false, problems: explainDetailTypo(input, zodIssuesToProblems(parsed.error.issues)) };
  const model = parsed.data;

  const problems: Problem[] = [];
  const aitm = new Map<TdCell, AitmCellData>();
  model.detail.diagrams.forEach((diagram, d) =>
    diagram.cells.forEach((cell, c) => {
      if (cell.data?.aitm === undefined) return;
      const result = AitmCellSchema.safeParse(cell.data.aitm, { reportInput: true });
      if (result.success) aitm.set(cell, result.data);
      else
        problems.push(
          ...zodIssuesToProblems(result.error.issues, ['detail', 'diagrams', d, 'cells', c, 'data', 'aitm']),
        );
    }),
  );
  if (problems.length > 0) return { ok: false, problems };

  return new ThreatDragonImporter(model, aitm, options.catalogue).run(options);
}

function findVersion1(input: Record<string, unknown>): Problem | undefined {
  const detail = input['detail'];
  if (!isObject(detail) || !Array.isArray(detail['diagrams'])) return undefined;
  const index = detail['diagrams'].findIndex((d) => isObject(d) && d['diagramJson'] !== undefined);
  if (index < 0) return undefined;
  return {
    path: formatPath(['detail', 'diagrams', index, 'diagramJson']),
    message:
      'this is a Threat Dragon version 1 model, which cannot be imported. Open it in Threat Dragon 2 (which converts it), save it, and import the saved file.',
  };
}

/** Refuses files with more than MAX_CELLS cells in all before any further work (schema included). */
function checkCellCount(input: Record<string, unknown>): Problem | undefined {
  const detail = input['detail'];
  if (!isObject(detail) || !Array.isArray(detail['diagrams'])) return undefined;
  const diagrams = detail['diagrams'] as unknown[];
  const counts = diagrams.map((d) => (isObject(d) && Array.isArray(d['cells']) ? d['cells'].length : 0));
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total <= MAX_CELLS) return undefined;
  // Name the first cell over the limit.
  let before = 0;
  const d = counts.findIndex((n) => (before += n) > MAX_CELLS);
  const c = MAX_CELLS - (before - counts[d]!);
  return {
    path: formatPath(['detail', 'diagrams', d, 'cells', c]),
    message: `too many cells: the diagrams hold ${count(total)} cells in all, and at most ${count(MAX_CELLS)} can be imported; this is the first one over the limit`,
  };
}

function explainDetailTypo(input: Record<string, unknown>, problems: Problem[]): Problem[] {
  if (input['detail'] !== undefined || input['details'] === undefined) return problems;
  return problems.map((p) =>
    p.path === '$.detail'
      ? {
          path: '$.detail',
          message: 'missing: Threat Dragon v2 keeps the diagrams under "detail", but this file has "details"',
        }
      : p,
  );
}

// ---------------------------------------------------------------- the importer

type ModelAitm = Extract<AitmCellData, { kind: 'model' }>;

interface Entry {
  cell: TdCell;
  /** JSON path of the cell, for notes. */
  where: string;
  kind: TdCellKind;
  aitm: AitmCellData | undefined;
  /** Our id of the element made from this cell (nodes, boxes and flows). */
  id: string;
}

interface Placed {
  entry: Entry;
  rect: Rect | undefined;
}

/** A boundary curve and its polyline (source, vertices, target), for crossing tests. */
interface Curve {
  entry: Entry;
  points: Point[];
  line: Polyline;
}

type Meta = ThreatModelDocument['meta'];

/** Cells in all diagrams together; more is refused. */
export const MAX_CELLS = 20_000;
/** Boundary boxes in all diagrams together; more is refused (membership costs boxes × nodes). */
export const MAX_BOXES = 2_000;
/** Levels of nested boundary boxes; deeper is refused. The limit of our documents (parseDocument). */
export const MAX_NESTING = 32;
/** Vertices kept per edge (flow or boundary curve); longer edges are simplified, with a note. */
export const MAX_VERTICES = 1_000;
/** Bounding-box and segment-pair tests for flows crossing boundary curves, in the whole import. */
export const MAX_CROSSING_TESTS = 2_000_000;

const DEFAULT_NODE_SIZE = { width: 100, height: 100 };
const DIAGRAM_GAP = 200;
const NEAR = 0.5;

class ThreatDragonImporter {
  private readonly ids = new IdAllocator(['model']);
  private readonly notes = new Notes();
  private readonly boundaries: TrustBoundary[] = [];
  private readonly components: Component[] = [];
  private readonly flows: DataFlow[] = [];
  private readonly triage: Record<string, Triage> = Object.create(null) as Record<string, Triage>;
  private readonly userThreats: UserThreat[] = [];
  private readonly boundaryIds = new Set<string>();
  /** JSON path of the cell each trust boundary came from. */
  private readonly boundaryWhere = new Map<string, string>();
  private readonly crossingBudget: Budget = { left: MAX_CROSSING_TESTS };
  private modelBlock: ModelAitm | undefined;
  private curveCount = 0;
  /** Bottom of everything placed so far, to stack further diagrams below. */
  private bottom: number | undefined;

  constructor(
    private readonly model: TdModel,
    private readonly aitm: ReadonlyMap<TdCell, AitmCellData>,
    private readonly catalogue: Catalogue,
  ) {}

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
    const tooDeep = this.checkNesting();
    if (tooDeep.length > 0) return { ok: false, problems: tooDeep };
    return finaliseImport(this.document(), this.notes.list(), options);
  }

  /** Boxes nested deeper than MAX_NESTING levels (one problem per over-deep chain, at its first box too deep). */
  private checkNesting(): Problem[] {
    const byId = new Map(this.boundaries.map((b) => [b.id, b]));
    const depth = new Map<string, number>();
    // Cycles are broken already, so every walk up ends; each depth is worked out once.
    const depthOf = (start: TrustBoundary): number => {
      const chain: TrustBoundary[] = [];
      let current: TrustBoundary | undefined = start;
      let base = -1;
      while (current !== undefined) {
        const known = depth.get(current.id);
        if (known !== undefined) {
          base = known;
          break;
        }
        chain.push(current);
        current = current.parentId == null ? undefined : byId.get(current.parentId);
      }
      for (let k = chain.length - 1; k >= 0; k--) depth.set(chain[k]!.id, ++base);
      return depth.get(start.id)!;
    };
    return this.boundaries
      .filter((b) => depthOf(b) === MAX_NESTING)
      .slice(0, 10)
      .map((b) => ({
        path: this.boundaryWhere.get(b.id) ?? '$',
        message: `boundary boxes nest more than ${MAX_NESTING} levels deep here, and at most ${MAX_NESTING} levels of trust boundaries can be imported: move this box out of the boxes around it in Threat Dragon`,
      }));
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
          this.importThreats(entry, null);
          break;
        case 'flow':
          flowEntries.push(entry);
          break;
        case 'text':
          this.importText(entry);
          break;
        default:
          this.notes.group(
            'unknown',
            (items) => `Cells of unknown shapes were not imported: ${joinList(items)}.`,
            `${entry.where} (${quoted(entry.cell.shape ?? '')})`,
          );
          this.importThreats(entry, null);
      }
    }

    const shiftY = this.shiftFor([...nodes, ...boxes]);
    // Geometry only for boxes that have some: indices into `boxes` of those, and their index.
    const drawn = boxes.flatMap((b, i) => (b.rect ? [i] : []));
    const boxIndex = new BoxIndex(drawn.map((i) => boxes[i]!.rect!));
    const geometricParents = boxes.map(() => -1);
    boxIndex.parents().forEach((p, k) => (geometricParents[drawn[k]!] = p < 0 ? -1 : drawn[p]!));

    // Trust boundaries (boxes).
    boxes.forEach((box, i) => this.importBox(box, shiftY, geometricParents[i]!, boxes));
    this.breakBoundaryCycles();

    // Components (nodes).
    const nodeCentre = new Map<string, Point>();
    for (const node of nodes) {
      const at = node.rect ? centre(node.rect) : undefined;
      if (at) nodeCentre.set(node.entry.cell.id, at);
      const inside = at ? boxIndex.innermostContaining(at) : -1;
      this.importNode(node, shiftY, inside < 0 ? undefined : boxes[drawn[inside]!]!);
    }

    // Curves: their polylines, for crossing tests.
    for (const curve of curves) {
      curve.points = polyline(curve.entry.cell, this.verticesOf(curve.entry), nodeCentre);
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
      this.importFlow(entry, byCellId, portOwner, nodeCentre, { list: curves, ids: curveIds });
  }

  /** An edge's vertices, at most MAX_VERTICES of them (evenly spaced ones kept, with a note). */
  private verticesOf(entry: Entry): Point[] {
    const vertices = (entry.cell.vertices ?? []).map((v) => ({ x: v.x, y: v.y }));
    if (vertices.length <= MAX_VERTICES) return vertices;
    this.notes.group(
      'vertices',
      (items) =>
        `Edges with more than ${count(MAX_VERTICES)} vertices were simplified to ${count(MAX_VERTICES)} evenly spaced ones before testing which flows cross boundary curves, so those crossings are approximate: ${joinList(items)}.`,
      `${entry.where}.vertices`,
    );
    return simplifyPolyline(vertices, MAX_VERTICES);
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

  // ---------------------------------------------------------------- boxes

  private importBox(box: Placed, shiftY: number, geometricParent: number, boxes: Placed[]): void {
    const { entry, rect } = box;
    const { cell } = entry;
    const stored = entry.aitm?.kind === 'trustBoundary' ? entry.aitm : undefined;
    const label = clamp(
      nonEmpty(cell.data?.name) ??
        textAt(cell.attrs, 'label', 'text') ??
        textAt(cell.attrs, 'text', 'text') ??
        '',
      500,
    );
    const parentCell = geometricParent < 0 ? null : boxes[geometricParent]!.entry.cell.id;
    const geometricParentId = geometricParent < 0 ? undefined : boxes[geometricParent]!.entry.id;

    let zone: Zone;
    let parentId: string | null | undefined;
    let position = rect ? { x: rect.x, y: rect.y + shiftY } : undefined;
    let size =
      rect && rect.width > 0 && rect.height > 0 ? { width: rect.width, height: rect.height } : undefined;
    let description = nonEmpty(cell.data?.description);
    if (stored) {
      zone = stored.zone;
      parentId = parentCell === stored.box ? stored.parentId : geometricParentId;
      if (
        rect &&
        near(rect, stored.at) &&
        near({ x: rect.width, y: rect.height }, { x: stored.atSize.width, y: stored.atSize.height })
      ) {
        position = stored.position ?? undefined;
        size = stored.size ?? undefined;
      }
      if ((cell.data?.description ?? '') === (stored.description ?? '')) description = stored.description;
    } else {
      const guess = guessZone(label);
      zone = guess.zone;
      parentId = geometricParentId;
      this.notes.group(
        'zones',
        (items) =>
          `Threat Dragon boundaries have no zone; zones were guessed from the labels (set "internal" when nothing matched), check them: ${joinList(items)}.`,
        `${quoted(label || cell.id)} → ${zone}`,
      );
    }
    if (!rect)
      this.notes.add(`The boundary box at ${entry.where} has no position or size; nothing was placed in it.`);
    this.boundaryIds.add(entry.id);
    this.boundaryWhere.set(entry.id, entry.where);
    this.boundaries.push({
      id: entry.id,
      label,
      zone,
      ...(parentId !== undefined ? { parentId } : {}),
      ...(description !== undefined ? { description: clamp(description, 20_000) } : {}),
      ...(position ? { position } : {}),
      ...(size ? { size } : {}),
    });
    this.importThreats(entry, entry.id);
  }

  /**
   * A stored parent and a geometric one can disagree into a cycle; each cycle is cut where the walk
   * up from the first boundary (in order) that reaches it closes it. A parent that is no boundary
   * of the model is dropped. Linear: every boundary is walked over once.
   */
  private breakBoundaryCycles(): void {
    const byId = new Map(this.boundaries.map((b) => [b.id, b]));
    const ON_PATH = 1;
    const DONE = 2;
    const state = new Map<string, number>();
    for (const start of this.boundaries) {
      const path: TrustBoundary[] = [];
      let current: TrustBoundary | undefined = start;
      while (current !== undefined && state.get(current.id) === undefined) {
        state.set(current.id, ON_PATH);
        path.push(current);
        const parentId: string | null | undefined = current.parentId;
        if (parentId == null) break;
        const parent = byId.get(parentId);
        if (parent === undefined) {
          current.parentId = null;
          break;
        }
        if (state.get(parent.id) === ON_PATH) {
          this.notes.add(
            `Trust boundary ${quoted(current.label || current.id)} was nested inside itself; it is now top-level.`,
          );
          current.parentId = null;
          break;
        }
        current = parent;
      }
      for (const b of path) state.set(b.id, DONE);
    }
  }

  // ---------------------------------------------------------------- nodes

  private importNode(node: Placed, shiftY: number, box: Placed | undefined): void {
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

    if (stored && this.catalogue.types.has(stored.type)) {
      type = stored.type;
      props = { ...(stored.props ?? {}) };
      if ((data.description ?? '') === (stored.description ?? '')) description = stored.description;
      if (rect && near(rect, stored.at)) position = stored.position ?? undefined;
      const boxCell = box ? box.entry.cell.id : null;
      if (boxCell === stored.box && (stored.boundaryId == null || this.boundaryIds.has(stored.boundaryId))) {
        boundaryId = stored.boundaryId;
      }
      // Flags a user changed in Threat Dragon override ours.
      const declared = new Set((this.catalogue.types.get(type)?.properties ?? []).map((p) => p.name));
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
        this.notes.add(
          `The component at ${entry.where} has our type ${quoted(stored.type)}, which the library does not declare; it was imported as "${type}".`,
        );
      if (shape === 'store') {
        if (data['isEncrypted'] === true) props['encryptedAtRest'] = true;
        if (data.storesCredentials === true) {
          props['personalData'] = true;
          this.notes.group(
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
          this.notes.group(
            `flag:${field}`,
            (items) =>
              `The Threat Dragon property "${field}" has no equivalent here and was not imported (${quoteList(items)}).`,
            label || cell.id,
          );
        }
      }
    }
    if (data.outOfScope === true) description = this.outOfScope(entry, label, description);
    if (!rect)
      this.notes.add(`The ${shape} at ${entry.where} has no position; it will be laid out automatically.`);

    this.components.push({
      id: entry.id,
      type,
      label,
      ...(description !== undefined ? { description: clamp(description, 20_000) } : {}),
      ...(boundaryId !== undefined ? { boundaryId } : {}),
      ...(position ? { position } : {}),
      ...(Object.keys(props).length > 0 ? { props: sortKeys(props) } : {}),
    });
    this.importThreats(entry, entry.id);
  }

  private outOfScope(entry: Entry, label: string, description: string | undefined): string {
    const reason = nonEmpty(entry.cell.data?.reasonOutOfScope);
    this.notes.group(
      'scope',
      (items) =>
        `Elements marked out of scope in Threat Dragon were imported (threats are still found on them); their descriptions say so: ${quoteList(items)}.`,
      label || entry.cell.id,
    );
    const line = `Out of scope in Threat Dragon${reason ? `: ${reason}` : '.'}`;
    return description === undefined
      ? line
      : description.includes(line)
        ? description
        : `${description}\n\n${line}`;
  }

  // ---------------------------------------------------------------- flows

  private importFlow(
    entry: Entry,
    byCellId: Map<string, Entry>,
    portOwner: Map<string, string | null>,
    nodeCentre: Map<string, Point>,
    curves: { list: readonly Curve[]; ids: ReadonlySet<string> },
  ): void {
    const { cell } = entry;
    const data = cell.data ?? {};
    const source = this.endpoint(cell.source, byCellId, portOwner);
    const target = this.endpoint(cell.target, byCellId, portOwner);
    const label = clamp(nonEmpty(data.name) ?? flowLabel(cell.labels) ?? '', 500);
    if (!source || !target) {
      this.notes.group(
        'dangling',
        (items) =>
          `Flows not connected to an actor, process or store at both ends were not imported: ${joinList(items)}.`,
        `${entry.where}${label ? ` (${quoted(label)})` : ''}`,
      );
      this.importThreats(entry, null);
      return;
    }
    const stored = entry.aitm?.kind === 'dataFlow' ? entry.aitm : undefined;
    let description = nonEmpty(data.description);
    let props: DataFlowProps = {};
    if (stored) {
      props = { ...(stored.props ?? {}) };
      if ((data.description ?? '') === (stored.description ?? '')) description = stored.description;
      const changed = (field: string) =>
        data[field] !== undefined &&
        stored.exported[field] !== undefined &&
        data[field] !== stored.exported[field];
      if (changed('isEncrypted') && typeof data.isEncrypted === 'boolean') props.encrypted = data.isEncrypted;
      if (changed('protocol')) {
        const protocol = nonEmpty(data.protocol);
        if (protocol === undefined) delete props.protocol;
        else props.protocol = clamp(protocol, 100);
      }
      if (changed('isPublicNetwork') && data.isPublicNetwork === true) props.crossesBoundary = true;
    } else {
      if (data.isEncrypted === true) props.encrypted = true;
      const protocol = nonEmpty(data.protocol);
      if (protocol !== undefined) props.protocol = clamp(protocol, 100);
      if (data.isPublicNetwork === true) {
        props.crossesBoundary = true;
        this.notes.group(
          'public',
          (items) => `Flows over a public network were marked "crosses a boundary": ${quoteList(items)}.`,
          label || cell.id,
        );
      }
    }

    // Curve boundaries: Threat Dragon's own record of the crossing, or geometry.
    if (
      props.crossesBoundary !== true &&
      this.crossesCurve(entry, label, source, target, nodeCentre, curves)
    ) {
      props.crossesBoundary = true;
      this.notes.group('curves', () => '', label || cell.id);
    }
    if (data.outOfScope === true) description = this.outOfScope(entry, label, description);

    const flow: DataFlow = {
      id: entry.id,
      sourceId: source.id,
      targetId: target.id,
      label,
      ...(description !== undefined ? { description: clamp(description, 20_000) } : {}),
      ...(Object.keys(props).length > 0 ? { props: orderFlowProps(props) } : {}),
    };
    this.flows.push(flow);
    if (data.isBidirectional === true && !(stored && stored.exported['isBidirectional'] === true)) {
      const reverse: DataFlow = {
        ...flow,
        id: this.ids.take(`${entry.id}-reverse`, 'flow-reverse'),
        sourceId: target.id,
        targetId: source.id,
        label: label === '' ? '' : clamp(`${label} (reverse)`, 500),
      };
      this.flows.push(reverse);
      this.notes.group(
        'bidi',
        (items) =>
          `Bidirectional flows became two flows, one each way (threats stay on the first): ${quoteList(items)}.`,
        label || cell.id,
      );
    }
    this.importThreats(entry, entry.id);
  }

  /**
   * Whether a flow crosses a boundary curve: named in its `trustBoundaryIds`, or its path (source
   * centre, vertices, target centre) intersects the curve's polyline. The geometric tests share one
   * budget for the whole import; flows left untested when it runs out are listed in a note.
   */
  private crossesCurve(
    entry: Entry,
    label: string,
    source: { cell: string },
    target: { cell: string },
    nodeCentre: Map<string, Point>,
    curves: { list: readonly Curve[]; ids: ReadonlySet<string> },
  ): boolean {
    if (curves.list.length === 0) return false;
    const hinted = entry.cell.data?.trustBoundaryIds ?? [];
    if (hinted.some((id) => typeof id === 'string' && curves.ids.has(id))) return true;
    const from = nodeCentre.get(source.cell);
    const to = nodeCentre.get(target.cell);
    if (!from || !to) return false;
    const path = new Polyline([from, ...this.verticesOf(entry), to]);
    for (const curve of curves.list) {
      if (curve.points.length < 2) continue;
      const crosses = path.intersects(curve.line, this.crossingBudget);
      if (crosses === true) return true;
      if (crosses === undefined) {
        this.notes.group(
          'untested',
          (items) =>
            `The diagrams' geometry is too large to test every flow against every boundary curve (more than ${count(MAX_CROSSING_TESTS)} tests), so these flows were not tested and are not marked "crosses a boundary" unless Threat Dragon says so; check them: ${joinList(items)}.`,
          `${entry.where}${label ? ` (${quoted(label)})` : ''}`,
        );
        return false;
      }
    }
    return false;
  }

  /** The node an edge end attaches to: a node's cell id, or a port id owned by exactly one node. */
  private endpoint(
    end: TdCell['source'],
    byCellId: Map<string, Entry>,
    portOwner: Map<string, string | null>,
  ): { id: string; cell: string } | undefined {
    if (!end) return undefined;
    const asNode = (cellId: string | undefined) => {
      if (cellId === undefined) return undefined;
      const entry = byCellId.get(cellId);
      return entry && (entry.kind === 'actor' || entry.kind === 'process' || entry.kind === 'store')
        ? { id: entry.id, cell: cellId }
        : undefined;
    };
    const direct = asNode(end.cell);
    if (direct) return direct;
    for (const candidate of [end.cell, end.port]) {
      const owner = candidate === undefined ? undefined : portOwner.get(candidate);
      if (owner) return asNode(owner);
    }
    return undefined;
  }

  // ---------------------------------------------------------------- text blocks

  private importText(entry: Entry): void {
    if (entry.aitm?.kind === 'model') {
      if (this.modelBlock)
        this.notes.add(
          `More than one block of our model data was found; the one at ${entry.where} was ignored.`,
        );
      else this.modelBlock = entry.aitm;
      return;
    }
    const text = textAt(entry.cell.attrs, 'text', 'text') ?? nonEmpty(entry.cell.data?.name) ?? '';
    this.notes.group(
      'text',
      (items) => `Text annotations were not imported: ${quoteList(items)}.`,
      text || entry.cell.id,
    );
    this.importThreats(entry, null);
  }

  // ---------------------------------------------------------------- threats

  private importThreats(entry: Entry, targetId: string | null): void {
    const stored = entry.aitm && entry.aitm.kind !== 'model' ? entry.aitm : undefined;
    if (stored?.triage) for (const [key, t] of Object.entries(stored.triage)) this.triage[key] = { ...t };
    const threats = entry.cell.data?.threats ?? [];
    const seenUser = new Set<string>();
    const findings = firstBy(stored?.findings ?? [], (f) => f.threat);
    const users = firstBy(stored?.userThreats ?? [], (u) => u.threat);
    threats.forEach((threat, k) => {
      const tdId = threat.id === undefined ? '' : String(threat.id);
      const finding = findings.get(tdId);
      if (finding) {
        const { status, known } = statusFromThreatDragon(threat.status);
        if (known && status !== finding.status)
          this.triage[finding.key] = { ...(this.triage[finding.key] ?? {}), status };
        return;
      }
      const user = users.get(tdId);
      if (user && !seenUser.has(tdId)) {
        seenUser.add(tdId);
        this.userThreats.push(this.restoreUserThreat(user.record, threat, targetId));
        return;
      }
      this.userThreats.push(this.foreignThreat(entry, threat, k, targetId));
    });
    for (const user of stored?.userThreats ?? []) {
      if (!seenUser.has(user.threat)) {
        this.notes.group(
          'deleted',
          (items) => `Threats deleted in Threat Dragon were not kept: ${quoteList(items)}.`,
          user.record.title,
        );
      }
    }
    if (targetId === null && threats.length > 0) {
      this.notes.group(
        'unplaced',
        (items) =>
          `Threats on elements that were not imported are kept as unplaced threats: ${joinList(items)}.`,
        entry.where,
      );
    }
  }

  /** A user threat we exported: ours, with whatever a user edited in Threat Dragon. */
  private restoreUserThreat(record: UserThreat, threat: TdThreat, targetId: string | null): UserThreat {
    const out: UserThreat = { ...record, id: this.ids.take(record.id, 'threat'), targetId };
    const title = nonEmpty(threat.title);
    if (title !== undefined && title !== record.title) out.title = clamp(title, 500);
    if ((threat.description ?? '') !== (record.description ?? '')) {
      const description = nonEmpty(threat.description);
      if (description === undefined) delete out.description;
      else out.description = clamp(description, 20_000);
    }
    const status = statusFromThreatDragon(threat.status);
    if (status.known && status.status !== record.status) out.status = status.status;
    const severity = severityFromThreatDragon(threat.severity);
    if (severity.known && severity.severity !== record.severity) out.severity = severity.severity;
    if ((threat.mitigation ?? '') !== mitigationsToText(record.mitigations ?? [])) {
      const mitigations = mitigationsFromText(threat.mitigation ?? '').map(clampMitigation);
      if (mitigations.length === 0) delete out.mitigations;
      else out.mitigations = mitigations;
    }
    return out;
  }

  private foreignThreat(entry: Entry, threat: TdThreat, k: number, targetId: string | null): UserThreat {
    const tdId = threat.id === undefined ? undefined : String(threat.id);
    const id = this.ids.take(tdId, `${entry.id}-threat-${k + 1}`);
    const status = statusFromThreatDragon(threat.status);
    if (!status.known) {
      this.notes.group(
        'status',
        (items) => `Threat statuses that were not recognised were read as "open": ${quoteList(items)}.`,
        threat.status ?? '(none)',
      );
    }
    const severity = severityFromThreatDragon(threat.severity);
    if (!severity.known) {
      this.notes.group(
        'severity',
        (items) =>
          `Threat severities that were not recognised (or still "TBD") were read as "medium": ${quoteList(items)}.`,
        threat.severity ?? '(none)',
      );
    }
    const type = nonEmpty(threat.type);
    const mitigationText = nonEmpty(threat.mitigation);
    const score = threat.score === undefined ? undefined : nonEmpty(String(threat.score));
    const lines = [
      nonEmpty(threat.description),
      type ? `Threat Dragon type: ${type}${threat.modelType ? ` (${threat.modelType})` : ''}` : undefined,
      score ? `Score: ${score}` : undefined,
      mitigationText !== undefined && mitigationText.length > 500
        ? `Mitigation: ${mitigationText}`
        : undefined,
    ].filter((l): l is string => l !== undefined);
    const state: MitigationLine['state'] =
      status.status === 'mitigated'
        ? 'implemented'
        : status.status === 'not-applicable'
          ? 'not-applicable'
          : 'suggested';
    return {
      id,
      targetId,
      title: clamp(nonEmpty(threat.title) ?? type ?? 'Untitled threat', 500),
      ...(lines.length > 0 ? { description: clamp(lines.join('\n\n'), 20_000) } : {}),
      severity: severity.severity,
      status: status.status,
      ...(mitigationText !== undefined
        ? { mitigations: [{ title: clamp(mitigationText, 500), state }] }
        : {}),
      source: 'threat-dragon',
    };
  }

  // ---------------------------------------------------------------- the document

  private document(): Record<string, unknown> {
    const summary = this.model.summary;
    const block = this.modelBlock;
    const title = clamp(nonEmpty(summary.title) ?? 'Imported Threat Dragon model', 500);
    let description = nonEmpty(summary.description);
    let owner = nonEmpty(summary.owner);
    const meta: Meta = { title };
    if (block) {
      if ((summary.description ?? '') === (block.meta.description ?? ''))
        description = block.meta.description;
      if ((summary.owner ?? '') === (block.meta.owner ?? '')) owner = block.meta.owner;
      if ((summary.title ?? '') === block.meta.title) meta.title = block.meta.title;
      if (block.meta.version !== undefined) meta.version = block.meta.version;
      for (const [key, t] of Object.entries(block.triage ?? {})) this.triage[key] = { ...t };
      for (const ref of block.userThreats ?? [])
        this.userThreats.push({ ...ref.record, id: this.ids.take(ref.record.id, 'threat') });
    } else {
      const reviewer = nonEmpty(this.model.detail.reviewer);
      const contributors = (this.model.detail.contributors ?? [])
        .map((c) => nonEmpty(c.name))
        .filter((n): n is string => n !== undefined);
      if (reviewer || contributors.length > 0) {
        this.notes.add(
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
      Object.keys(this.triage)
        .sort()
        .map((key) => [key, this.triage[key]!]),
    );
    return {
      format: 'ai-threat-model',
      schemaVersion: 1,
      meta: ordered,
      trustBoundaries: this.boundaries,
      components: this.components,
      dataFlows: this.flows,
      triage,
      userThreats: this.userThreats,
    };
  }
}

// ---------------------------------------------------------------- helpers

/** The first item for each key, like `items.find` for every key at once. */
function firstBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) if (!out.has(key(item))) out.set(key(item), item);
  return out;
}

/** 20000 → "20,000". */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

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

function rectOf(cell: TdCell, defaultSize: boolean): Rect | undefined {
  if (!cell.position) return undefined;
  const size = cell.size ?? (defaultSize ? DEFAULT_NODE_SIZE : undefined);
  if (!size) return undefined;
  return { x: cell.position.x, y: cell.position.y, width: size.width, height: size.height };
}

function near(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) <= NEAR && Math.abs(a.y - b.y) <= NEAR;
}

/** The points of a boundary curve: its source, vertices and target (free points, or attached cells' centres). */
function polyline(cell: TdCell, vertices: Point[], nodeCentre: Map<string, Point>): Point[] {
  const end = (e: TdCell['source']): Point | undefined => {
    if (!e) return undefined;
    if (typeof e.x === 'number' && typeof e.y === 'number') return { x: e.x, y: e.y };
    return e.cell === undefined ? undefined : nodeCentre.get(e.cell);
  };
  const points = [end(cell.source), ...vertices, end(cell.target)];
  return points.filter((p): p is Point => p !== undefined);
}

function portIds(ports: unknown): string[] {
  if (!isObject(ports) || !Array.isArray(ports['items'])) return [];
  return ports['items'].flatMap((item) =>
    isObject(item) && typeof item['id'] === 'string' ? [item['id']] : [],
  );
}

/** A string at `attrs[a][b]`, when there is a non-empty one. */
function textAt(attrs: unknown, a: string, b: string): string | undefined {
  if (!isObject(attrs)) return undefined;
  const inner = attrs[a];
  if (!isObject(inner)) return undefined;
  const value = inner[b];
  return typeof value === 'string' ? nonEmpty(value) : undefined;
}

/** The visible name of a flow, in any of the label layouts Threat Dragon has written. */
function flowLabel(labels: unknown): string | undefined {
  if (!Array.isArray(labels)) return undefined;
  const first: unknown = labels[0];
  if (!isObject(first)) return typeof first === 'string' ? nonEmpty(first) : undefined;
  return (
    textAt(first['attrs'], 'labelText', 'text') ??
    textAt(first['attrs'], 'label', 'text') ??
    textAt(first['attrs'], 'text', 'text')
  );
}

function guessZone(label: string): { zone: Zone } {
  const text = label.toLowerCase();
  if (/internet|public network|\bwww\b|\bweb\b client/.test(text)) return { zone: 'internet' };
  if (/\bdmz\b|demilitari[sz]ed|perimeter/.test(text)) return { zone: 'dmz' };
  if (/third[- ]?party|3rd[- ]?party|vendor|partner|\bsaas\b|external/.test(text))
    return { zone: 'third-party' };
  if (/restricted|high[- ]trust|secure zone/.test(text)) return { zone: 'restricted' };
  return { zone: 'internal' };
}

function clampMitigation(m: MitigationLine): MitigationLine {
  return { title: clamp(m.title, 500), state: m.state };
}

function sortKeys<T>(value: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]!]),
  );
}

function orderFlowProps(props: DataFlowProps): DataFlowProps {
  const out: DataFlowProps = {};
  if (props.encrypted !== undefined) out.encrypted = props.encrypted;
  if (props.authenticated !== undefined) out.authenticated = props.authenticated;
  if (props.protocol !== undefined) out.protocol = props.protocol;
  if (props.data !== undefined) out.data = props.data;
  if (props.crossesBoundary !== undefined) out.crossesBoundary = props.crossesBoundary;
  return out;
}
