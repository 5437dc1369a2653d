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
  // Added after the first release: new columns go last, so readers that pick columns by position keep working.
  'target id',
  'description',
  'note',
] as const;

/**
 * UTF-8 byte-order mark. Excel reads a CSV without it in the machine's legacy code page, which
 * turns every "—" and "é" of a finding into mojibake; every other reader skips it.
 */
export const CSV_BOM = '\ufeff';

/**
 * Findings as CSV (RFC 4180): a byte-order mark, a header row, then one row per finding in the
 * order given (evaluate sorts by key), CRLF line ends, every field quoted. User text is neutralised by csvCell so that a
 * label like `=HYPERLINK(…)` in a model cannot run in whoever opens the export.
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
      f.targetId,
      f.description,
      f.note ?? '',
    ]);
  }
  return CSV_BOM + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Line breaks and tabs: each run becomes one space. Quoted line breaks are legal CSV, but not every
 * reader honours the quotes (line-based tools, some spreadsheet imports), and a break that starts a
 * line of its own is how text would reach a row or a formula position.
 */
const BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;
/** Other control characters and the bidi controls, shown as `\u202e` (as the tool's messages do). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/**
 * A formula start: the OWASP list (= + - @, tab, CR, LF) and their full-width forms (＝ ＋ － ＠,
 * which some spreadsheets fold to ASCII), after any white space, at the start of the cell or after
 * any separator a reader might split on (, ; | and tab): an importer set to `;` reads `x;=1+1` as
 * two cells, the second a formula. The apostrophe goes before the white space, as at the start.
 */
const FORMULA_AFTER_SEPARATOR = /(^|[,;|\t])(?=[\s\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20])/g;

/** One CSV field: breaks and controls neutralised, formula starts defused, always quoted. */
export function csvCell(value: string): string {
  const safe = value
    .replace(BREAKS, ' ')
    .replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return `"${safe.replace(/"/g, '""')}"`;
}
