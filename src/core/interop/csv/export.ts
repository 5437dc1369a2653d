import type { Finding } from '../../rules/finding';
import { referencesText } from '../shared/referencesText';

/** The columns of the findings CSV, in order. */
export const CSV_COLUMNS = [
  'target',
  'target kind',
  'threat',
  'severity',
  'status',
  'owner',
  'mitigations',
  'references',
  'key',
  'why',
] as const;

/**
 * Findings as CSV (RFC 4180): a header row, then one row per finding in the order given (evaluate
 * sorts by key), CRLF line ends, and fields quoted when they contain a comma, a quote, CR or LF.
 * Cells a spreadsheet would read as a formula (starting with = + - @, tab or CR) get a leading
 * apostrophe, so a label like `=HYPERLINK(…)` in a model cannot run in whoever opens the export.
 */
export function exportFindingsCsv(findings: readonly Finding[]): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const f of findings) {
    rows.push([
      f.targetLabel || f.targetId,
      f.targetKind,
      f.title,
      f.severity,
      f.status,
      f.owner ?? '',
      f.mitigations.map((m) => `${m.title} (${m.state})`).join('; '),
      referencesText(f.references),
      f.key,
      f.why,
    ]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One CSV field: neutralised against formula injection, then quoted if RFC 4180 requires it. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
