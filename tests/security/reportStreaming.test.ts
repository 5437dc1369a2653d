/**
 * The streaming reports: the chunks joined are the string report byte for byte, for every example
 * (whose Markdown is golden), and the JSON is exactly what JSON.stringify writes. Output past the
 * limit is refused instead of filling a disk.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  jsonReportChunks,
  LimitExceededError,
  markdownReportChunks,
  parseDocumentText,
  renderJsonReport,
  renderMarkdownReport,
  shippedLibrary,
} from '../../src/core/index';
import { limitOutput, normalisedLines } from '../../src/core/report/reportChunks';
import { manyUserThreatsModel } from '../fuzz/support/hostile';

const library = shippedLibrary();
const examples = readdirSync('examples').filter((f) => f.endsWith('.aitm.json'));
const load = (text: string) => {
  const r = parseDocumentText(text, { catalogue: library.catalogue });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

describe('report chunks', () => {
  it.each(examples)('%s: Markdown chunks joined are the golden report', (file) => {
    const doc = load(readFileSync(`examples/${file}`, 'utf8'));
    const report = buildReport(doc, library);
    const joined = [...markdownReportChunks(report, doc, library)].join('');
    expect(joined).toBe(renderMarkdownReport(report, doc, library));
    expect(joined).toBe(readFileSync(`tests/golden/${file.replace(/\.aitm\.json$/, '.md')}`, 'utf8'));
  });

  it.each(examples)('%s: JSON chunks joined are JSON.stringify(report, null, 2)', (file) => {
    const report = buildReport(load(readFileSync(`examples/${file}`, 'utf8')), library);
    const joined = [...jsonReportChunks(report)].join('');
    expect(joined).toBe(renderJsonReport(report));
    expect(joined).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('a large report comes in many chunks, joined equal to the string', () => {
    const doc = load(JSON.stringify(manyUserThreatsModel(5_000)));
    const report = buildReport(doc, library);
    const md = [...markdownReportChunks(report, doc, library)];
    const json = [...jsonReportChunks(report)];
    expect(md.length).toBeGreaterThan(5);
    expect(json.length).toBeGreaterThan(5);
    expect(md.join('')).toBe(renderMarkdownReport(report, doc, library));
    expect(json.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('collapses blank runs and trims the end exactly like the string form', () => {
    const cases = [
      ['a', '', '', '', 'b', '  ', '', ' c \n\n\n', '', '  '],
      ['', '', 'x'],
      [' \n ', '\n\n\nz \t'],
      [],
    ];
    for (const lines of cases)
      expect([...normalisedLines(lines)].join('')).toBe(
        `${lines
          .join('\n')
          .replace(/\n{3,}/g, '\n\n')
          .trimEnd()}\n`,
      );
  });

  it('refuses to write past the output limit, naming it', () => {
    expect(() => [...limitOutput(['abc', 'def'], 5)]).toThrow(LimitExceededError);
    expect(() => [...limitOutput(['abc', 'def'], 5)]).toThrow(/limits\.outputBytes/);
    expect([...limitOutput(['abc', 'de'], 5)]).toEqual(['abc', 'de']);
  });
});
