import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeJsonInPieces } from '../../src/cli/jsonPieces';
import { buildReport, parseDocumentText, renderJsonReport, shippedLibrary } from '../../src/core/index';
import { EXAMPLE } from './runBinary';

const pieces = (value: unknown, depth?: number) => {
  const out: string[] = [];
  writeJsonInPieces(value, (chunk) => void out.push(chunk), depth);
  return out;
};

describe('writeJsonInPieces writes what JSON.stringify(value, null, 2) writes', () => {
  const library = shippedLibrary();
  const examples = readdirSync(EXAMPLE('')).filter((f) => f.endsWith('.aitm.json'));

  it.each(examples)('the JSON report of %s, byte for byte, one finding per piece', (name) => {
    const parsed = parseDocumentText(readFileSync(EXAMPLE(name), 'utf8'), { catalogue: library.catalogue });
    if (!parsed.ok) throw new Error(`${name} does not load`);
    const report = buildReport(parsed.value, library);
    const out = pieces(report);
    expect(out.join('')).toBe(renderJsonReport(report));
    for (const finding of report.findings)
      expect(out).toContain(JSON.stringify(finding, null, 2).replace(/\n/g, '\n    '));
  });

  it.each<[string, unknown]>([
    ['empty containers', { a: {}, b: [], c: [[], {}], d: { e: [] } }],
    [
      'undefined, functions and symbols',
      { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s')], d: 1 },
    ],
    ['only undefined entries', { a: undefined }],
    ['toJSON', { when: new Date(0), nested: { toJSON: () => ({ x: [1, 2] }) } }],
    ['text that needs escaping', { 'k"\n': 'line\nbreak\u2028"quoted"\\', emoji: '🙂' }],
    ['scalars', [null, true, 0, -1.5, 'x']],
    ['deep nesting', { a: { b: { c: { d: [{ e: [1, { f: 2 }] }] } } } }],
    ['a top-level scalar', 'just text'],
    ['a top-level array', [{ a: 1 }, [2, [3]]]],
  ])('%s', (_, value) => {
    for (const depth of [0, 1, 2, 5])
      expect(pieces(value, depth).join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
