import type { ThreatModelDocument, Triage } from '../model/document';
import type { Finding } from './finding';

/**
 * Triage whose finding no longer fires — the component was removed, or a property changed so the
 * rule no longer applies. It is kept in the document and reported, never silently dropped: an
 * accepted risk that vanished unnoticed is a governance failure.
 */
export function findOrphanedTriage(
  doc: ThreatModelDocument,
  findings: readonly Finding[],
): { key: string; triage: Triage }[] {
  const live = new Set(findings.map((f) => f.key));
  return Object.keys(doc.triage)
    .filter((key) => !live.has(key))
    .sort()
    .map((key) => ({ key, triage: doc.triage[key]! }));
}
