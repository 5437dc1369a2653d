import type { References } from '../library/librarySchema';
import type {
  FindingStatus,
  MitigationState,
  Rating,
  Severity,
  StrideCategory,
  TargetKind,
} from '../model/vocabulary';
import type { LeafTrace } from './conditions';

/** A suggested mitigation as it stands for one finding. `suggested` means nobody has triaged it yet. */
export interface FindingMitigation {
  id: string;
  title: string;
  state: MitigationState | 'suggested';
  guidelines: string[];
  /** True when the rule found it present by design (e.g. a guardrail on every untrusted path). */
  byDesign: boolean;
}

/** Why a finding fired: the leaves that held, the path they rest on, and every adjustment made. */
export interface FindingTrace {
  leaves: LeafTrace[];
  /** Component ids, origin first, of the path that made the rule fire (if a graph fact did). */
  path: string[];
  adjustments: readonly string[];
  byDesign: readonly string[];
  /** Properties whose catalogue default the finding relies on. */
  assumedDefaults: string[];
}

/**
 * Findings on one element whose rules name the same root cause (docs/adr/0016). Every member keeps
 * its own key, severity and triage; the group only links them. One object is shared by all members.
 */
export interface FindingGroup {
  /** `rootCauseId@targetId`: stable while the root cause and the element keep their ids. */
  key: string;
  rootCauseId: string;
  title: string;
  description: string;
  /** Keys of every member, this finding included, sorted. */
  members: readonly string[];
  /** The member that leads the group: the most severe, then the first by key. */
  primary: string;
}

/**
 * A threat attached to one element of the model. Always derived by `evaluate`, never stored; only
 * its triage (status, owner, note, mitigation states) is stored, under `key`.
 */
export interface Finding {
  key: string;
  ruleId: string | null;
  threatId: string;
  title: string;
  description: string;
  targetId: string;
  targetKind: TargetKind;
  targetLabel: string;
  severity: Severity;
  likelihood: Rating;
  impact: Rating;
  status: FindingStatus;
  owner?: string;
  note?: string;
  /** True when the document holds triage for this finding. */
  triaged: boolean;
  stride: StrideCategory[];
  references: References;
  mitigations: FindingMitigation[];
  why: string;
  trace: FindingTrace;
  /** `rule` for findings of the library, `user` for threats users added themselves. */
  origin: 'rule' | 'user';
  /** Present when other findings on the same element share this finding's root cause. */
  group?: FindingGroup;
  /**
   * Set when the finding's element is marked out of scope: the finding is still computed (so its
   * triage is kept and the marking can be undone) but reports list it apart and nothing counts it.
   */
  outOfScope?: true;
}

/** Whether a finding counts: in summaries, severity counts, badges and `--fail-on`. */
export function inScope(f: Pick<Finding, 'outOfScope'>): boolean {
  return f.outOfScope !== true;
}
