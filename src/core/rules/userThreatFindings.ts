import type { ThreatModelDocument, UserThreat } from '../model/document';
import { MODEL_TARGET_ID, type TargetKind } from '../model/vocabulary';
import type { Finding } from './finding';
import { userMitigationId, userThreatId, userThreatKey } from './userThreatIds';

/**
 * Threats users added by hand behave like findings everywhere (panels, badges, reports). Their
 * triage lives on the threat itself because nothing derives them. Unplaced threats (imported,
 * not yet attached) are not findings: reports list them separately.
 */
export function userThreatFindings(doc: ThreatModelDocument): Finding[] {
  if (doc.userThreats.length === 0) return [];
  const kindOf = new Map<string, { kind: TargetKind; label: string }>();
  doc.components.forEach((c) => kindOf.set(c.id, { kind: 'component', label: c.label }));
  doc.dataFlows.forEach((f) => kindOf.set(f.id, { kind: 'dataFlow', label: f.label }));
  doc.trustBoundaries.forEach((b) => kindOf.set(b.id, { kind: 'trustBoundary', label: b.label }));
  kindOf.set(MODEL_TARGET_ID, { kind: 'model', label: doc.meta.title });
  return doc.userThreats.flatMap((t) => {
    const target = t.targetId === null ? undefined : kindOf.get(t.targetId);
    return target ? [userThreatFinding(t, target.kind, target.label)] : [];
  });
}

/** The finding of one placed user threat on its target. */
export function userThreatFinding(t: UserThreat, kind: TargetKind, label: string): Finding {
  return {
    key: userThreatKey(t.id, t.targetId),
    ruleId: null,
    threatId: userThreatId(t.id),
    title: t.title,
    description: t.description ?? '',
    targetId: t.targetId!,
    targetKind: kind,
    targetLabel: label,
    severity: t.severity,
    likelihood: 'medium',
    impact: 'medium',
    status: t.status,
    ...(t.owner !== undefined ? { owner: t.owner } : {}),
    ...(t.note !== undefined ? { note: t.note } : {}),
    triaged: true,
    stride: [],
    references: { guidelines: [], atlas: [], owaspLlm: [], owaspMl: [], owaspAgentic: [], saif: [] },
    mitigations: (t.mitigations ?? []).map((m, i) => ({
      id: userMitigationId(t.id, i),
      title: m.title,
      state: m.state,
      guidelines: [],
      byDesign: false,
    })),
    why: `Added by hand${t.source ? ` (imported from ${t.source})` : ''}.`,
    trace: { leaves: [], path: [], adjustments: [], byDesign: [], assumedDefaults: [] },
    origin: 'user',
  };
}
