import { FINDING_STATUSES, SEVERITIES, type FindingStatus, type Severity } from './vocabulary';

/**
 * How findings are counted and ordered by severity, in one place: the JSON and Markdown reports,
 * the diff between two versions and its gate must agree on what "more severe" and "open" mean.
 */

interface Rated {
  severity: Severity;
  status: FindingStatus;
}

/** Every severity and every status with its number of findings (zero when none), in their order. */
export function countFindings(findings: readonly Rated[]): {
  bySeverity: Record<Severity, number>;
  byStatus: Record<FindingStatus, number>;
} {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<FindingStatus, number>;
  for (const f of findings) {
    bySeverity[f.severity]++;
    byStatus[f.status]++;
  }
  return { bySeverity, byStatus };
}

/** Whether `severity` is `threshold` or more severe: what a `--fail-on` style gate blocks on. */
export const atOrAbove = (severity: Severity, threshold: Severity): boolean =>
  SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);

/** Most severe first, then by key: the order a reviewer reads findings in. */
export const mostSevereFirst = (
  a: { severity: Severity; key: string },
  b: { severity: Severity; key: string },
) =>
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
