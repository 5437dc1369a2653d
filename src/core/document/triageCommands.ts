import type { ThreatModelDocument, Triage, UserThreat } from '../model/document';
import { assertFreshId, applyPatch, mergeRecord, mapSame, withArray } from './commandHelpers';
import type { TriagePatch, UserThreatPatch } from './commandTypes';

/** Commands on triage and on threats users add by hand. Pure, like every document command. */

// ---------------------------------------------------------------- triage

/**
 * Records triage for a rule finding. The first triage of a finding starts from `patch.status`
 * (pass the finding's current status) or `open`.
 */
export function setTriage(doc: ThreatModelDocument, key: string, patch: TriagePatch): ThreatModelDocument {
  const current: Triage = doc.triage[key] ?? { status: patch.status ?? 'open' };
  let next: Triage = current;
  if (patch.status !== undefined && patch.status !== next.status) next = { ...next, status: patch.status };
  for (const field of ['owner', 'note'] as const) {
    const value = patch[field];
    if (value === undefined) continue;
    next = applyPatch(next, { [field]: value === '' ? null : value });
  }
  if (patch.mitigations) {
    const merged = mergeRecord(next.mitigations, patch.mitigations);
    if (merged !== next.mitigations) {
      next = { ...next };
      if (merged === undefined || Object.keys(merged).length === 0) delete next.mitigations;
      else next.mitigations = merged;
    }
  }
  if (next === doc.triage[key]) return doc;
  return { ...doc, triage: { ...doc.triage, [key]: next } };
}

/** Removes stored triage (e.g. orphaned triage the user no longer wants). */
export function clearTriage(doc: ThreatModelDocument, key: string): ThreatModelDocument {
  if (!(key in doc.triage)) return doc;
  const triage = { ...doc.triage };
  delete triage[key];
  return { ...doc, triage };
}

// ---------------------------------------------------------------- user threats

export function addUserThreat(doc: ThreatModelDocument, threat: UserThreat): ThreatModelDocument {
  assertFreshId(doc, threat.id);
  return { ...doc, userThreats: [...doc.userThreats, threat] };
}

export function updateUserThreat(
  doc: ThreatModelDocument,
  id: string,
  patch: UserThreatPatch,
): ThreatModelDocument {
  const cleaned = Object.fromEntries(
    Object.entries(patch).map(([k, v]) => [k, v === '' && k !== 'title' ? null : v]),
  );
  return withArray(
    doc,
    'userThreats',
    mapSame(doc.userThreats, (t) => (t.id === id ? applyPatch(t, cleaned) : t)),
  );
}

export function removeUserThreat(doc: ThreatModelDocument, id: string): ThreatModelDocument {
  return doc.userThreats.some((t) => t.id === id)
    ? { ...doc, userThreats: doc.userThreats.filter((t) => t.id !== id) }
    : doc;
}
