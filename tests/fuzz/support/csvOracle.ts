/**
 * Reads CSV the way a spreadsheet does (RFC 4180: quoted fields, doubled quotes, CRLF rows) and
 * checks that no cell can run as a formula and that user text added no row or column.
 */
import type { Violation } from './violations';

/**
 * Cells a spreadsheet evaluates: = + - @ and tab, CR, LF (OWASP), their full-width forms, after any
 * leading white space some importers trim — checked for the cell and for every piece an importer
 * set to another separator (; | tab) would split it into.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
const SEPARATORS = /[,;|\t]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The cell and each piece of it after a split on any separator: what some reader may see as a cell. */
export function cellPieces(cell: string): string[] {
  return [cell, ...cell.split(SEPARATORS).slice(1)];
}

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

export function csvViolations(withBom: string, expectedRows: number, columns: number): Violation[] {
  const out: Violation[] = [];
  // The byte-order mark (for Excel) may be the one character before the first quote.
  const csv = withBom.startsWith('\ufeff') ? withBom.slice(1) : withBom;
  if (!csv.endsWith('\r\n')) out.push({ kind: 'csv-shape', detail: 'the CSV does not end with CRLF' });
  const rows = parseCsv(csv);
  if (rows.length !== expectedRows)
    out.push({ kind: 'csv-shape', detail: `${rows.length} rows instead of ${expectedRows}` });
  rows.forEach((row, r) => {
    if (row.length !== columns)
      out.push({ kind: 'csv-shape', detail: `row ${r + 1} has ${row.length} cells instead of ${columns}` });
    row.forEach((cell, c) => {
      if (cellPieces(cell).some((piece) => FORMULA_START.test(piece)))
        out.push({
          kind: 'csv-formula',
          detail: `row ${r + 1}, column ${c + 1} can start a formula: ${JSON.stringify(cell.slice(0, 100))}`,
        });
      if (RAW_CONTROL.test(cell))
        out.push({
          kind: 'csv-shape',
          detail: `row ${r + 1}, column ${c + 1} holds a raw line break or control: ${JSON.stringify(cell.slice(0, 100))}`,
        });
    });
  });
  for (const line of csv.split('\r\n').slice(0, -1))
    if (!allFieldsQuoted(line))
      out.push({ kind: 'csv-shape', detail: `a field is not quoted: ${JSON.stringify(line.slice(0, 100))}` });
  return out;
}

/** Every field of the line is "quoted" (a scan, not a regular expression: lines can be megabytes). */
export function allFieldsQuoted(line: string): boolean {
  let i = 0;
  for (;;) {
    if (line[i] !== '"') return false;
    i++;
    for (;;) {
      const q = line.indexOf('"', i);
      if (q < 0) return false;
      if (line[q + 1] === '"') i = q + 2;
      else {
        i = q + 1;
        break;
      }
    }
    if (i === line.length) return true;
    if (line[i] !== ',') return false;
    i++;
  }
}
