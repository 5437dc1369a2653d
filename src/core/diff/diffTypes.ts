import type { FindingStatus, Severity, TargetKind } from '../model/vocabulary';

/** A finding as a diff shows it: enough to name it in a pull-request comment. */
export interface DiffFinding {
  key: string;
  threatId: string;
  title: string;
  targetId: string;
  targetKind: TargetKind;
  targetLabel: string;
  severity: Severity;
  status: FindingStatus;
  owner?: string;
}

/**
 * Why a finding of the old model is resolved in the new one: triaged mitigated, its element
 * removed, or no longer raised on an element that is still there (a property or a flow changed).
 */
export type ResolvedReason = 'mitigated' | 'element-removed' | 'no-longer-raised';

/** The finding as it was in the old model (for `mitigated`: as it is in the new one). */
export interface ResolvedFinding extends DiffFinding {
  reason: ResolvedReason;
}

export interface FindingChange {
  field: 'severity' | 'status' | 'owner' | 'note';
  from?: string;
  to?: string;
}

/** The finding as it is in the new model, and what changed since the old one. */
export interface ChangedFinding extends DiffFinding {
  changes: FindingChange[];
}

export type ElementKind = Exclude<TargetKind, 'model'>;

export interface DiffElement {
  id: string;
  kind: ElementKind;
  label: string;
}

export interface RenamedElement {
  id: string;
  kind: ElementKind;
  from: string;
  to: string;
}

/** What `aitm diff OLD NEW` reports; `--format json` writes exactly this. */
export interface ModelDiff {
  format: 'ai-threat-model-diff';
  schemaVersion: 1;
  old: { title: string; version?: string };
  new: { title: string; version?: string };
  library: { name: string; version: string };
  summary: {
    findingsAdded: number;
    findingsResolved: number;
    findingsChanged: number;
    elementsAdded: number;
    elementsRemoved: number;
    elementsRenamed: number;
    /** Open findings in the new model, and in the old. */
    openBefore: number;
    openAfter: number;
  };
  findings: { added: DiffFinding[]; resolved: ResolvedFinding[]; changed: ChangedFinding[] };
  elements: { added: DiffElement[]; removed: DiffElement[]; renamed: RenamedElement[] };
  /** With `--fail-on-new`: the open findings the new model brings to the threshold. */
  gate?: { failOnNew: Severity; findings: string[] };
}
