/** What a Threat Dragon import builds up as it reads the cells of every diagram. */
import type { Component, DataFlow, Triage, TrustBoundary, UserThreat } from '../../../model/document';
import type { Catalogue } from '../../../library/catalogue';
import type { Point, Rect } from '../../../layout/geometry';
import type { Budget, Polyline } from '../../shared/polyline';
import { Notes } from '../../shared/notes';
import { IdAllocator } from '../../shared/text';
import type { TdCellKind } from '../mapping';
import type { AitmCellData, TdCell, TdModel } from '../schema';
import { MAX_CROSSING_TESTS } from './limits';
import type { TdDiagramData, TdElementData, TdInterop, TdThreatData } from '../../../model/interopData';

/** What the import keeps of Threat Dragon's own data (the document's `interop.threatDragon`). */
export interface InteropRecord {
  diagrams: TdDiagramData[];
  elements: Record<string, TdElementData>;
  cells: NonNullable<TdInterop['cells']>;
  threats: Record<string, TdThreatData>;
}

export type ModelAitm = Extract<AitmCellData, { kind: 'model' }>;

export interface Entry {
  cell: TdCell;
  /** JSON path of the cell, for notes. */
  where: string;
  /** Index of its diagram. */
  diagram: number;
  kind: TdCellKind;
  aitm: AitmCellData | undefined;
  /** Our id of the element made from this cell (nodes, boxes and flows). */
  id: string;
}

export interface Placed {
  entry: Entry;
  rect: Rect | undefined;
}

/** A boundary curve and its polyline (source, vertices, target), for crossing tests. */
export interface Curve {
  entry: Entry;
  points: Point[];
  line: Polyline;
}

/**
 * Everything a Threat Dragon import builds up, passed explicitly to every step (the cells of each
 * diagram are read in order, and later cells look at what earlier ones made).
 */
export interface ImportContext {
  readonly model: TdModel;
  /** Our `data.aitm` block of each cell that carries one (already validated). */
  readonly aitm: ReadonlyMap<TdCell, AitmCellData>;
  readonly catalogue: Catalogue;
  readonly ids: IdAllocator;
  readonly notes: Notes;
  readonly boundaries: TrustBoundary[];
  readonly components: Component[];
  readonly flows: DataFlow[];
  readonly triage: Record<string, Triage>;
  readonly userThreats: UserThreat[];
  readonly boundaryIds: Set<string>;
  /** JSON path of the cell each trust boundary came from. */
  readonly boundaryWhere: Map<string, string>;
  readonly crossingBudget: Budget;
  readonly interop: InteropRecord;
  modelBlock: ModelAitm | undefined;
  curveCount: number;
  /** Bottom of everything placed so far, to stack further diagrams below. */
  bottom: number | undefined;
}

export function createImportContext(
  model: TdModel,
  aitm: ReadonlyMap<TdCell, AitmCellData>,
  catalogue: Catalogue,
): ImportContext {
  return {
    model,
    aitm,
    catalogue,
    ids: new IdAllocator(['model']),
    notes: new Notes(),
    boundaries: [],
    components: [],
    flows: [],
    triage: Object.create(null) as Record<string, Triage>,
    userThreats: [],
    boundaryIds: new Set<string>(),
    boundaryWhere: new Map<string, string>(),
    crossingBudget: { left: MAX_CROSSING_TESTS },
    interop: {
      diagrams: [],
      elements: Object.create(null) as Record<string, TdElementData>,
      cells: [],
      threats: Object.create(null) as Record<string, TdThreatData>,
    },
    modelBlock: undefined,
    curveCount: 0,
    bottom: undefined,
  };
}
