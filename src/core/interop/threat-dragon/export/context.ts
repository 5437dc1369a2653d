/** What a Threat Dragon export sorts onto the cells, and the threat numbers it has given out. */
import type { DataFlow, Triage, ThreatModelDocument } from '../../../model/document';
import { pairReverseFlows } from './bidirectional';
import type { Finding } from '../../../rules/finding';
import { layoutForThreatDragon, type ThreatDragonLayout } from './layout';
import type { AitmCellData, AitmFindingRef, AitmUserThreatRef } from '../schema';
import type { TdInterop } from '../../../model/interopData';
import { threatDragonCellId } from '../ids';
import { maxOf } from '../../../model/extremes';

export type TdThreatOut = Record<string, unknown> & { status: string };

export interface CellExtras {
  triage: Record<string, Triage>;
  findings: AitmFindingRef[];
  userThreats: AitmUserThreatRef[];
  threats: TdThreatOut[];
}

/** Everything a Threat Dragon export works out before and while it writes the cells, passed explicitly. */
export interface ExportContext {
  readonly doc: ThreatModelDocument;
  readonly findings: readonly Finding[];
  readonly layout: ThreatDragonLayout;
  /** Triage, findings and threats sorted onto each element (by id, MODEL_TARGET_ID for the model). */
  readonly extras: Map<string, CellExtras>;
  readonly modelFindings: Finding[];
  /** The last Threat Dragon threat number given out. */
  number: number;
  /** Threat Dragon's own data kept by an import (ids, diagrams, sizes, curves, threat fields). */
  readonly td: TdInterop | undefined;
  /** Threat Dragon cell id of each of our elements: the one it was imported from, or one derived from our id. */
  readonly cellIds: Map<string, string>;
  /** The reverse flow of each flow that exports as one bidirectional cell with it (bidirectional.ts). */
  readonly reverseOf: ReadonlyMap<string, DataFlow>;
  /** The ids of those reverse flows, which get no cell of their own. */
  readonly merged: ReadonlySet<string>;
}

/** The cell id of an element (or of anything else with an id, derived). */
export function cellIdOf(ctx: ExportContext, id: string): string {
  return ctx.cellIds.get(id) ?? threatDragonCellId(id);
}

/** Index of the diagram an element goes to: the one it came from, else the first. */
export function diagramOf(ctx: ExportContext, id: string): number {
  const d = ctx.td?.elements?.[id]?.diagram ?? 0;
  return d < diagramCount(ctx) ? d : 0;
}

export function diagramCount(ctx: ExportContext): number {
  return Math.max(1, ctx.td?.diagrams.length ?? 0);
}

/** What the import added to the diagram's y coordinates; taken off again on export. */
export function offsetOf(ctx: ExportContext, id: string): number {
  return ctx.td?.diagrams[diagramOf(ctx, id)]?.offsetY ?? 0;
}

export function createExportContext(doc: ThreatModelDocument, findings: readonly Finding[]): ExportContext {
  const td = doc.interop?.threatDragon;
  // Kept cell ids, unless two of our elements claim the same one (a hand-edited file).
  const cellIds = new Map<string, string>();
  const taken = new Set<string>();
  const ids = new Set([...doc.trustBoundaries, ...doc.components, ...doc.dataFlows].map((e) => e.id));
  for (const [id, element] of Object.entries(td?.elements ?? {})) {
    // A reverse flow shares its cell with the first flow: it writes it only through that one.
    if (!ids.has(id) || element.reverse === true || taken.has(element.cell)) continue;
    taken.add(element.cell);
    cellIds.set(id, element.cell);
  }
  const numbers = Object.values(td?.threats ?? {}).map((t) => t.number ?? 0);
  const reverseOf = pairReverseFlows(doc, td);
  return {
    doc,
    findings,
    layout: layoutForThreatDragon(doc, td),
    extras: new Map(),
    modelFindings: [],
    number: maxOf(numbers, 0),
    td,
    cellIds,
    reverseOf,
    merged: new Set([...reverseOf.values()].map((f) => f.id)),
  };
}

/** The `data.aitm` fields shared by every cell: triage, findings and user threats of the element. */
export function commonAitm(
  ctx: ExportContext,
  id: string,
): Pick<AitmCellData, 'triage' | 'findings' | 'userThreats'> {
  const e = ctx.extras.get(id);
  if (!e) return {};
  return {
    ...(Object.keys(e.triage).length > 0 ? { triage: e.triage } : {}),
    ...(e.findings.length > 0 ? { findings: e.findings } : {}),
    ...(e.userThreats.length > 0 ? { userThreats: e.userThreats } : {}),
  };
}

export function threatsOf(ctx: ExportContext, id: string): TdThreatOut[] {
  return ctx.extras.get(id)?.threats ?? [];
}
