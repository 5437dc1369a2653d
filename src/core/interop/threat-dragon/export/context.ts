/** What a Threat Dragon export sorts onto the cells, and the threat numbers it has given out. */
import type { Triage, ThreatModelDocument } from '../model/document';
import type { Finding } from '../rules/finding';
import { layoutForThreatDragon, type ThreatDragonLayout } from './threatDragonLayout';
import type { AitmCellData, AitmFindingRef, AitmUserThreatRef } from './threatDragonSchema';

export type TdThreatOut = Record<string, unknown> & { status: string };

export interface CellExtras {
  triage: Record<string, Triage>;
  findings: AitmFindingRef[];
  userThreats: AitmUserThreatRef[];
  threats: TdThreatOut[];
}

export class ThreatDragonExportState {
  readonly layout: ThreatDragonLayout;
  readonly extras = new Map<string, CellExtras>();
  readonly modelFindings: Finding[] = [];
  number = 0;

  constructor(
    readonly doc: ThreatModelDocument,
    readonly findings: readonly Finding[],
  ) {
    this.layout = layoutForThreatDragon(doc);
  }

  /** The `data.aitm` fields shared by every cell: triage, findings and user threats of the element. */
  common(id: string): Pick<AitmCellData, 'triage' | 'findings' | 'userThreats'> {
    const e = this.extras.get(id);
    if (!e) return {};
    return {
      ...(Object.keys(e.triage).length > 0 ? { triage: e.triage } : {}),
      ...(e.findings.length > 0 ? { findings: e.findings } : {}),
      ...(e.userThreats.length > 0 ? { userThreats: e.userThreats } : {}),
    };
  }

  threatsOf(id: string): TdThreatOut[] {
    return this.extras.get(id)?.threats ?? [];
  }
}
