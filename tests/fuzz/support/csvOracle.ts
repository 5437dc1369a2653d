/**
 * Reads CSV the way a spreadsheet does (RFC 4180: quoted fields, doubled quotes, CRLF rows) and
 * checks that no cell can run as a formula and that user text added no row or column.
 */
import type { Violation } from './violations';

/** Cells a spreadsheet evaluates: = + - @ and, after trimming by some importers, tab and CR (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function csvViolations(csv: string, expectedRows: number, columns: number): Violation[] {
  const out: Violation[] = [];
  if (!csv.endsWith('\r\n')) out.push({ kind: 'csv-shape', detail: 'the CSV does not end with CRLF' });
  const rows = parseCsv(csv);
  if (rows.length !== expectedRows)
    out.push({ kind: 'csv-shape', detail: `${rows.length} rows instead of ${expectedRows}` });
  rows.forEach((row, r) => {
    if (row.length !== columns)
      out.push({ kind: 'csv-shape', detail: `row ${r + 1} has ${row.length} cells instead of ${columns}` });
    row.forEach((cell, c) => {
      if (FORMULA_START.test(cell))
        out.push({
          kind: 'csv-formula',
          detail: `row ${r + 1}, column ${c + 1} starts a formula: ${JSON.stringify(cell.slice(0, 100))}`,
        });
    });
  });
  return out;
}
