import type { UserThreat } from '../../model/document';
import type { Finding } from '../../rules/finding';
import { userMitigationId, userThreatId, userThreatKey } from '../../rules/userThreatIds';

/** What the OTM and TM-BOM exports read of a finding; an unplaced user threat (no finding) gives the same. */
export type ExportItem = Pick<
  Finding,
  | 'key'
  | 'threatId'
  | 'ruleId'
  | 'title'
  | 'description'
  | 'why'
  | 'severity'
  | 'likelihood'
  | 'impact'
  | 'status'
  | 'stride'
  | 'targetId'
  | 'targetKind'
  | 'mitigations'
>;

/**
 * An imported threat not yet attached to an element (from Threat Composer, or a TM-BOM threat that
 * affects nothing) has no finding, but the other tools' files can carry it: as a finding would be.
 */
export function unplacedItem(t: UserThreat): ExportItem {
  return {
    key: userThreatKey(t.id, null),
    threatId: userThreatId(t.id),
    ruleId: null,
    title: t.title,
    description: t.description ?? '',
    why: 'Added by hand, not yet attached to an element.',
    severity: t.severity,
    likelihood: 'medium',
    impact: 'medium',
    status: t.status,
    stride: [],
    targetId: '',
    targetKind: 'model',
    mitigations: (t.mitigations ?? []).map((m, i) => ({
      id: userMitigationId(t.id, i),
      title: m.title,
      state: m.state,
      guidelines: [],
      byDesign: false,
    })),
  };
}
