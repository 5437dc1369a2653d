/** What a Threat Dragon export sorts onto the cells, and the threat numbers it has given out. */
import type { Triage, ThreatModelDocument } from '../../../model/document';
import type { Finding } from '../../../rules/finding';
import { layoutForThreatDragon, type ThreatDragonLayout } from './layout';
import type { AitmCellData, AitmFindingRef, AitmUserThreatRef } from '../schema';

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
}

export function createExportContext(doc: ThreatModelDocument, findings: readonly Finding[]): ExportContext {
  return {
    doc,
    findings,
    layout: layoutForThreatDragon(doc),
    extras: new Map(),
    modelFindings: [],
    number: 0,
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
