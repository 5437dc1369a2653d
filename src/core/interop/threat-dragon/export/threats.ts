/** Our findings and user threats as Threat Dragon threats, sorted onto the cells of their elements. */
import type { UserThreat } from '../../../model/document';
import { MODEL_TARGET_ID } from '../../../model/vocabulary';
import type { Finding } from '../../../rules/finding';
import { FINDING_KEY_SEPARATOR } from '../../../rules/findingKey';
import { referencesText } from '../../shared/referencesText';
import { compareStrings } from '../../shared/text';
import { mitigationsToText, severityToThreatDragon, statusToThreatDragon, STRIDE_LABELS } from '../mapping';
import { threatDragonThreatId, userThreatTdId } from '../ids';
import type { ExportContext, TdThreatOut, CellExtras } from './context';

/** Sorts findings, triage and user threats onto the cells of their elements (or the model block). */
export function distribute(ctx: ExportContext): void {
  const { doc } = ctx;
  const elements = new Set([...doc.components, ...doc.dataFlows, ...doc.trustBoundaries].map((e) => e.id));
  const extrasOf = (id: string): CellExtras => {
    const key = elements.has(id) ? id : MODEL_TARGET_ID;
    let e = ctx.extras.get(key);
    if (!e) {
      e = { triage: {}, findings: [], userThreats: [], threats: [] };
      ctx.extras.set(key, e);
    }
    return e;
  };
  for (const key of Object.keys(doc.triage).sort(compareStrings)) {
    extrasOf(key.slice(key.lastIndexOf(FINDING_KEY_SEPARATOR) + 1)).triage[key] = doc.triage[key]!;
  }
  const rule = ctx.findings.filter((f) => f.origin === 'rule').sort((a, b) => compareStrings(a.key, b.key));
  for (const f of rule) {
    if (!elements.has(f.targetId)) {
      if (f.targetKind === 'model') ctx.modelFindings.push(f);
      continue;
    }
    const e = extrasOf(f.targetId);
    const threat = threatDragonThreatId(f.key);
    e.findings.push({ threat, key: f.key, status: f.status, severity: f.severity });
    e.threats.push(findingThreat(ctx, f, threat));
  }
  for (const t of doc.userThreats) {
    const e = extrasOf(t.targetId ?? MODEL_TARGET_ID);
    const threat = userThreatTdId(t.id);
    e.userThreats.push({ threat, record: t });
    if (t.targetId !== null && elements.has(t.targetId)) e.threats.push(userThreat(ctx, t, threat));
  }
}

export function findingThreat(ctx: ExportContext, f: Finding, id: string): TdThreatOut {
  const refs = referencesText(f.references);
  const description = [
    f.description,
    f.why ? `Why: ${f.why}` : '',
    refs ? `References: ${refs}` : '',
    `Finding: ${f.key}`,
  ]
    .filter((line) => line !== '')
    .join('\n\n');
  return {
    id,
    title: f.title,
    status: statusToThreatDragon(f.status),
    severity: severityToThreatDragon(f.severity),
    type: f.stride[0] ? STRIDE_LABELS[f.stride[0]] : 'Generic',
    description,
    mitigation: mitigationsToText(f.mitigations.map((m) => ({ title: m.title, state: m.state }))),
    modelType: 'Generic',
    new: false,
    number: ++ctx.number,
    score: '',
    aitm: { key: f.key, ruleId: f.ruleId, threatId: f.threatId, references: f.references },
  };
}

export function userThreat(ctx: ExportContext, t: UserThreat, id: string): TdThreatOut {
  return {
    id,
    title: t.title,
    status: statusToThreatDragon(t.status),
    severity: severityToThreatDragon(t.severity),
    type: 'Generic',
    description: t.description ?? '',
    mitigation: mitigationsToText(t.mitigations ?? []),
    modelType: 'Generic',
    new: false,
    number: ++ctx.number,
    score: '',
    aitm: { userThreatId: t.id },
  };
}
