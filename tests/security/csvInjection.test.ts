/**
 * Formula injection through the findings CSV: whoever opens the export in a spreadsheet must not
 * run a formula that a model's author (or an imported file) put in a label, a title, an owner, a
 * note or a mitigation. Read back the way a spreadsheet reads CSV.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { evaluate, parseDocument } from '../../src/core/index';
import { CSV_COLUMNS, csvCell, exportFindingsCsv } from '../../src/core/interop/index';
import { memoryIo } from '../cli/memoryIo';
import { documentWithText } from '../fuzz/support/arbitraries';
import { allFieldsQuoted, csvViolations, parseCsv } from '../fuzz/support/csvOracle';
import { FORMULA_PAYLOADS } from '../fuzz/support/payloads';
import { fuzzLibrary } from '../fuzz/support/targets';

const library = fuzzLibrary();

function findingsWith(texts: readonly string[]) {
  const r = parseDocument(documentWithText(texts), { catalogue: library.catalogue });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return evaluate(r.value, library);
}

describe('the findings CSV neutralises spreadsheet formulas', () => {
  it.each(FORMULA_PAYLOADS)('%j in every field', (payload) => {
    const findings = findingsWith([payload]);
    const csv = exportFindingsCsv(findings);
    expect(csvViolations(csv, findings.length + 1, CSV_COLUMNS.length)).toEqual([]);
    const rows = parseCsv(csv);
    // The text survives, line breaks and tabs as spaces, behind an apostrophe where it would start a formula.
    const owners = rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf('owner')]);
    const flat = payload.replace(/[\r\n\t]+/g, ' ');
    expect(owners).toContain(/^\s*[=+\-@]/.test(flat) ? `'${flat}` : flat);
  });

  it.each([
    ['a formula after a ; separator', 'x;=1+1;', "x;'=1+1;"],
    ['a formula after a | separator', 'a|@SUM(1)', "a|'@SUM(1)"],
    ['a formula after a comma and spaces', 'a,  +1', "a,'  +1"],
    ['a tab (a separator) before a formula, turned into a space', 'a\t=1', 'a =1'],
    ['a leading NUL', '\u0000=1+1', '\\u0000=1+1'],
    ['a full-width equals sign', '\uff1d1+1', "'\uff1d1+1"],
    ['leading white space before a formula', '  \u3000=1', "'  \u3000=1"],
    ['a newline before a formula, turned into a space', 'ok\n=1+1', 'ok =1+1'],
    ['a bidi override', 'a\u202eb', 'a\\u202eb'],
  ])('%s is neutralised', (_, payload, expected) => {
    const findings = findingsWith([payload]);
    const csv = exportFindingsCsv(findings);
    expect(csvViolations(csv, findings.length + 1, CSV_COLUMNS.length)).toEqual([]);
    const owners = parseCsv(csv)
      .slice(1)
      .map((r) => r[CSV_COLUMNS.indexOf('owner')]);
    expect(owners).toContain(expected);
  });

  it('quotes every field and keeps every row on one line', () => {
    const withBom = exportFindingsCsv(findingsWith(['two\r\nlines', 'a\rb', 'c\u2028d']));
    expect(withBom.startsWith('\ufeff')).toBe(true);
    const csv = withBom.slice(1);
    for (const line of csv.split('\r\n').slice(0, -1)) expect(allFieldsQuoted(line)).toBe(true);
    expect(csv).not.toMatch(/[\n\r\u2028](?<!\r\n)(?!\n)/);
  });

  it('neutralises a 10 MB cell of separators and formula starts in linear time', () => {
    const cell = ';='.repeat(2_500_000) + ' '.repeat(5_000_000);
    const safe = csvCell(cell);
    expect(safe.length).toBe(cell.length + 2_500_000 + 2);
    expect(csvViolations(`${safe}\r\n`, 1, 1)).toEqual([]);
  });

  it('quotes, commas and line breaks add no row or column', () => {
    const findings = findingsWith(['a,b', 'say "hi"', 'line\r\nbreak', '=1+1,"=2+2"\n@x']);
    const rows = parseCsv(exportFindingsCsv(findings));
    expect(rows).toHaveLength(findings.length + 1);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('`convert --to csv` writes the same neutralised CSV', () => {
    const m = memoryIo({
      'm.json': JSON.stringify(documentWithText(['=HYPERLINK("http://evil.example","click")'])),
    });
    expect(main(['convert', 'm.json', '--to', 'csv'], m.io)).toBe(0);
    const rows = parseCsv(m.stdout());
    expect(rows.length).toBeGreaterThan(1);
    expect(csvViolations(m.stdout(), rows.length, CSV_COLUMNS.length)).toEqual([]);
  });
});
