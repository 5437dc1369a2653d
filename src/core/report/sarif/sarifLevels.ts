import type { Severity } from '../../model/vocabulary';
import type { SarifLevel } from './sarifTypes';

/** SARIF levels by severity: what a code-scanning dashboard shows as error, warning or note. */
export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/**
 * GitHub code scanning reads a rule's `security-severity` (0.0–10.0, as CVSS) and buckets it:
 * 9.0 and over critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. Each value is the lowest of
 * its bucket, so our severity and the dashboard's always agree.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.0',
  high: '7.0',
  medium: '4.0',
  low: '1.0',
};
