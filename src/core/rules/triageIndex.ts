import type { Triage, ThreatModelDocument } from '../model/document';
import { FINDING_KEY_SEPARATOR } from './findingKey';

/** A document's triage of rule findings, by rule id and then target id. */
export type TriageIndex = ReadonlyMap<string, ReadonlyMap<string, Triage>>;

/**
 * The triage entries of a document by rule id, then target id. Built afresh by each full
 * evaluation (a cost in the number of entries), never cached: a caller may change a document's
 * triage in place between two evaluations.
 *
 * Rule ids never contain the key separator (librarySchema.ts), so the first separator of a key
 * splits it exactly as `findingKey` joined it; any other key (a user threat's, a stale one) lands
 * under a rule id no rule has, or a target id no element has, and is never asked for.
 */
export function triageIndex(triage: ThreatModelDocument['triage']): TriageIndex {
  const index = new Map<string, Map<string, Triage>>();
  for (const key of Object.keys(triage)) {
    const at = key.indexOf(FINDING_KEY_SEPARATOR);
    if (at < 0) continue;
    const ruleId = key.slice(0, at);
    let byTarget = index.get(ruleId);
    if (!byTarget) index.set(ruleId, (byTarget = new Map()));
    byTarget.set(key.slice(at + 1), triage[key]!);
  }
  return index;
}
