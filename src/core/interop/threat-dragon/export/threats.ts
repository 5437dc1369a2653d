/** Our findings and user threats as Threat Dragon threats, sorted onto the cells of their elements. */
import type { UserThreat } from '../../../model/document';
import { MODEL_TARGET_ID } from '../../../model/vocabulary';
import type { Finding } from '../../../rules/finding';
import { FINDING_KEY_SEPARATOR } from '../../../rules/findingKey';
import { referencesText } from '../../shared/referencesText';
import { compareStrings } from '../../shared/text';
import {
  mitigationsToText,
  severityFromThreatDragon,
  severityToThreatDragon,
  statusFromThreatDragon,
  statusToThreatDragon,
  STRIDE_LABELS,
} from '../mapping';
import { clamp } from '../../shared/text';
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
  // Findings of out-of-scope elements are not written as threats (their triage still travels in
  // data.aitm): the element is out of scope in Threat Dragon too, and a list of threats nobody
  // considers would only bury the ones they do.
  const rule = ctx.findings
    .filter((f) => f.origin === 'rule' && f.outOfScope !== true)
    .sort((a, b) => compareStrings(a.key, b.key));
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
    const kept = ctx.td?.threats?.[t.id];
    const threat = kept ? String(kept.id) : userThreatTdId(t.id);
    const placed = t.targetId !== null && elements.has(t.targetId);
    const out = placed ? userThreat(ctx, t, threat) : undefined;
    const ours = mitigationsToText(t.mitigations ?? []);
    const written = out ? String(out.mitigation) : ours;
    const described = out ? String(out['description']) : (t.description ?? '');
    e.userThreats.push({
      threat,
      record: t,
      ...(written !== ours ? { mitigation: written } : {}),
      ...(described !== (t.description ?? '') ? { description: described } : {}),
    });
    if (out) e.threats.push(out);
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

/**
 * A user threat as a Threat Dragon threat. One imported from Threat Dragon gets its own fields
 * back (id, type, model type, score, number) and its own words for status, severity, description
 * and mitigation while ours still mean the same; what was changed here is written in Threat
 * Dragon's terms, mitigations as plain paragraphs.
 */
export function userThreat(ctx: ExportContext, t: UserThreat, id: string): TdThreatOut {
  const kept = ctx.td?.threats?.[t.id];
  const status =
    kept?.status !== undefined && statusFromThreatDragon(kept.status).status === t.status
      ? kept.status
      : statusToThreatDragon(t.status);
  const severity =
    kept?.severity !== undefined && severityFromThreatDragon(kept.severity).severity === t.severity
      ? kept.severity
      : severityToThreatDragon(t.severity);
  const description =
    kept?.description !== undefined && (t.description ?? '') === (kept.importedDescription ?? '')
      ? kept.description
      : (t.description ?? '');
  const mitigations = t.mitigations ?? [];
  const mitigation = !kept
    ? mitigationsToText(mitigations)
    : mitigations.length === 0 && (kept.mitigation ?? '').trim() === ''
      ? (kept.mitigation ?? '')
      : mitigations.length === 1 &&
          kept.mitigation !== undefined &&
          mitigations[0]!.title === clamp(kept.mitigation.trim(), 500)
        ? kept.mitigation
        : mitigations.map((m) => m.title).join('\n\n');
  return {
    id,
    title: t.title,
    status,
    severity,
    type: kept?.type ?? 'Generic',
    description,
    mitigation,
    modelType: kept?.modelType ?? 'Generic',
    new: false,
    number: kept?.number ?? ++ctx.number,
    score: kept?.score ?? '',
    aitm: { userThreatId: t.id },
  };
}
