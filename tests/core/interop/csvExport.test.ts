import { describe, expect, it } from 'vitest';
import { evaluate, type Finding } from '../../../src/core/index';
import { CSV_COLUMNS, csvCell, exportFindingsCsv } from '../../../src/core/interop/index';
import { interopLibrary, richModel } from './support';

/** A minimal RFC 4180 reader, to check that what we write reads back cell for cell. */
function readCsv(withBom: string): string[][] {
  expect(withBom.startsWith('\ufeff'), 'a UTF-8 byte-order mark, so Excel reads UTF-8').toBe(true);
  const text = withBom.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) throw new Error('missing final CRLF');
  return rows;
}

/** What a cell holds once read back: csvCell's output without its quotes. */
const csvText = (value: string) => csvCell(value).slice(1, -1).replace(/""/g, '"');

const library = interopLibrary();
const doc = richModel(library);
const findings = evaluate(doc, library);

describe('CSV export of findings', () => {
  it('writes a header and one row per finding, every row with every column', () => {
    const rows = readCsv(exportFindingsCsv(findings));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(findings.length + 1);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(rows.slice(1).map((r) => r[8])).toEqual(findings.map((f) => f.key));
  });

  it('ends each row with the target id, the description and the triage note', () => {
    const rows = readCsv(exportFindingsCsv(findings));
    expect(rows[0]!.slice(10)).toEqual(['target id', 'description', 'note']);
    for (const [i, f] of findings.entries())
      expect(rows[i + 1]!.slice(10)).toEqual([f.targetId, csvText(f.description), csvText(f.note ?? '')]);
    expect(
      findings.some((f) => (f.note ?? '') !== ''),
      'the model has a triage note',
    ).toBe(true);
  });

  it('defuses a leading NUL and BOM before a formula as it does white space', () => {
    for (const lead of ['\u0000', '\ufeff', ' \u0000']) {
      // The NUL shows as the text `\u0000`, so the cell starts with a backslash, not a formula.
      expect(csvCell(`${lead}=1+1`)).not.toMatch(/^"[\s\ufeff]*[=+\-@]/);
    }
  });

  it('fills the columns from the finding', () => {
    const rows = readCsv(exportFindingsCsv(findings));
    const llm = rows.find((r) => r[8] === 'rule.on-models@c-llm')!;
    expect(llm.slice(0, 8)).toEqual([
      'Model',
      'component',
      'Test threat',
      'high',
      'accepted',
      'Ana',
      'Test mitigation (planned)',
      'NCSC SD-3, OM-2; ATLAS AML.T0051; OWASP LLM LLM01; OWASP Agentic ASI01; SAIF PIJ',
    ]);
    expect(llm[9]).toBe(findings.find((f) => f.key === 'rule.on-models@c-llm')!.why);
  });

  it('quotes every field (RFC 4180) and turns line breaks into spaces', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two lines"');
    expect(csvCell('cr\r')).toBe('"cr "');
    expect(csvCell('')).toBe('""');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tx')).toBe(`" x"`);
    expect(csvCell('\t=x')).toBe(`"' =x"`);
    expect(csvCell('\r=x')).toBe(`"' =x"`);
    expect(csvCell('a=b')).toBe('"a=b"');
  });

  it('neutralises labels and notes from the model, and they read back intact apart from the apostrophe', () => {
    const hostile = {
      ...doc,
      components: doc.components.map((c) => (c.id === 'c-llm' ? { ...c, label: '=cmd|" /C calc"!A0' } : c)),
      triage: { 'rule.on-models@c-llm': { status: 'open' as const, owner: '@owner, "boss"' } },
    };
    const rows = readCsv(exportFindingsCsv(evaluate(hostile, library)));
    const row = rows.find((r) => r[8] === 'rule.on-models@c-llm')!;
    expect(row[0]).toBe(`'=cmd|" /C calc"!A0`);
    expect(row[5]).toBe(`'@owner, "boss"`);
    for (const r of rows.slice(1)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes only the header for no findings, and is deterministic', () => {
    expect(exportFindingsCsv([] as Finding[])).toBe(
      `\ufeff${CSV_COLUMNS.map((c) => `"${c}"`).join(',')}\r\n`,
    );
    expect(exportFindingsCsv(findings)).toBe(exportFindingsCsv(evaluate(richModel(library), library)));
  });
});
