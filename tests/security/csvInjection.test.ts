/**
 * Formula injection through the findings CSV: whoever opens the export in a spreadsheet must not
 * run a formula that a model's author (or an imported file) put in a label, a title, an owner, a
 * note or a mitigation. Read back the way a spreadsheet reads CSV.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { evaluate, parseDocument } from '../../src/core/index';
import { CSV_COLUMNS, exportFindingsCsv } from '../../src/core/interop/index';
import { memoryIo } from '../cli/memoryIo';
import { documentWithText } from '../fuzz/support/arbitraries';
import { csvViolations, parseCsv } from '../fuzz/support/csvOracle';
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
    // The text survives, behind an apostrophe where it would start a formula.
    const owners = rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf('owner')]);
    expect(owners).toContain(/^[=+\-@\t\r]/.test(payload) ? `'${payload}` : payload);
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
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
