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
  // By root cause, then target id: no key string is built per candidate, only per group.
  const byCause = new Map<string, Map<string, Finding | Finding[]>>();
  for (const { finding, rootCauseId } of candidates) {
    let byTarget = byCause.get(rootCauseId);
    if (!byTarget) byCause.set(rootCauseId, (byTarget = new Map()));
    const members = byTarget.get(finding.targetId);
    // A lone finding (most candidates) is kept as itself: no list until a second one arrives.
    if (members === undefined) byTarget.set(finding.targetId, finding);
    else if (Array.isArray(members)) members.push(finding);
    else byTarget.set(finding.targetId, [members, finding]);
  }
  for (const [rootCauseId, byTarget] of byCause)
    for (const members of byTarget.values())
      if (Array.isArray(members)) linkGroup(members, rootCauseId, library.rootCauses.get(rootCauseId)!);
}

/** Links findings on one element (two or more) that name the same root cause. */
export function linkGroup(
  members: readonly Finding[],
  rootCauseId: string,
  cause: { title: string; description: string },
): void {
  // Groups have a handful of members: an insertion sort (stable, like Array#sort) and a loop for
  // the primary allocate nothing beyond the copy, where Array#sort set up work space per group.
  // Large groups (a hostile rule pack) keep the n log n sort.
  const sorted = members.slice();
  if (sorted.length > 16) sorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  else
    for (let n = 1; n < sorted.length; n++) {
      const f = sorted[n]!;
      let at = n;
      for (; at > 0 && sorted[at - 1]!.key > f.key; at--) sorted[at] = sorted[at - 1]!;
      sorted[at] = f;
    }
  let primary = sorted[0]!;
  for (let n = 1; n < sorted.length; n++)
    if (SEVERITIES.indexOf(sorted[n]!.severity) < SEVERITIES.indexOf(primary.severity)) primary = sorted[n]!;
  const group: FindingGroup = {
    key: `${rootCauseId}@${members[0]!.targetId}`,
    rootCauseId,
    title: cause.title,
    description: cause.description,
    members: sorted.map((f) => f.key),
    primary: primary.key,
  };
  for (const f of members) f.group = group;
}
