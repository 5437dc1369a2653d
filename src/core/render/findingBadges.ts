import type { Finding } from '../rules/finding';
import { SEVERITIES, type Severity } from '../model/vocabulary';

/** What an element's badge says: how many of its findings are open, and the highest severity among them. */
export interface ElementBadge {
  open: number;
  severity: Severity;
}

/**
 * The badges of a diagram from the findings of an evaluation (the same count and colour as the
 * canvas's badges): elements without an open finding get none.
 */
export function findingBadges(
  findings: readonly Pick<Finding, 'targetId' | 'status' | 'severity'>[],
): Map<string, ElementBadge> {
  const badges = new Map<string, ElementBadge>();
  for (const f of findings) {
    if (f.status !== 'open') continue;
    const badge = badges.get(f.targetId);
    if (!badge) badges.set(f.targetId, { open: 1, severity: f.severity });
    else {
      badge.open++;
      if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(badge.severity)) badge.severity = f.severity;
    }
  }
  return badges;
}
