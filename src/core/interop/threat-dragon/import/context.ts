/** What a Threat Dragon import builds up as it reads the cells of every diagram. */
import type { Component, DataFlow, Triage, TrustBoundary, UserThreat } from '../model/document';
import type { Catalogue } from '../library/catalogue';
import { Polyline, type Budget, type Point, type Rect } from './geometry';
import { Notes } from './notes';
import { IdAllocator } from './text';
import type { TdCellKind } from './threatDragonMapping';
import type { AitmCellData, TdCell, TdModel } from './threatDragonSchema';
import { MAX_CROSSING_TESTS } from './threatDragonImportLimits';

export type ModelAitm = Extract<AitmCellData, { kind: 'model' }>;

export interface Entry {
  cell: TdCell;
  /** JSON path of the cell, for notes. */
  where: string;
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

export class ThreatDragonImportState {
  readonly ids = new IdAllocator(['model']);
  readonly notes = new Notes();
  readonly boundaries: TrustBoundary[] = [];
  readonly components: Component[] = [];
  readonly flows: DataFlow[] = [];
  readonly triage: Record<string, Triage> = Object.create(null) as Record<string, Triage>;
  readonly userThreats: UserThreat[] = [];
  readonly boundaryIds = new Set<string>();
  /** JSON path of the cell each trust boundary came from. */
  readonly boundaryWhere = new Map<string, string>();
  readonly crossingBudget: Budget = { left: MAX_CROSSING_TESTS };
  modelBlock: ModelAitm | undefined;
  curveCount = 0;
  /** Bottom of everything placed so far, to stack further diagrams below. */
  bottom: number | undefined;

  constructor(
    readonly model: TdModel,
    readonly aitm: ReadonlyMap<TdCell, AitmCellData>,
    readonly catalogue: Catalogue,
  ) {}
}
