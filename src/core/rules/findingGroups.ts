import type { Library } from '../library/loadLibrary';
import { SEVERITIES } from '../model/vocabulary';
import type { Finding, FindingGroup } from './finding';

/** A finding whose rule named a root cause that held for it (before linking). */
export interface RootCauseCandidate {
  finding: Finding;
  rootCauseId: string;
}

/**
 * Links findings that share a root cause on the same element: each member gets the same
 * `group`. A root cause that only one finding on an element names links nothing, so a lone
 * finding reads exactly as before. Findings on different elements are never linked — the root
 * cause is a property of one element's design, and triage stays per element.
 */
export function linkRootCauses(candidates: readonly RootCauseCandidate[], library: Library): void {
  const byGroup = new Map<string, Finding[]>();
  for (const { finding, rootCauseId } of candidates) {
    const key = `${rootCauseId}@${finding.targetId}`;
    const members = byGroup.get(key);
    if (members) members.push(finding);
    else byGroup.set(key, [finding]);
  }
  for (const [key, members] of byGroup) {
    if (members.length < 2) continue;
    const rootCauseId = key.slice(0, key.indexOf('@'));
    const cause = library.rootCauses.get(rootCauseId)!;
    const sorted = [...members].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const primary = sorted.reduce((best, f) =>
      SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(best.severity) ? f : best,
    );
    const group: FindingGroup = {
      key,
      rootCauseId,
      title: cause.title,
      description: cause.description,
      members: sorted.map((f) => f.key),
      primary: primary.key,
    };
    for (const f of members) f.group = group;
  }
}
