/**
 * The oracles can fail: each one is shown a broken output and must name what is wrong. Without
 * this, a fuzz run that finds nothing could just be an oracle that checks nothing.
 */
import { describe, expect, it } from 'vitest';
import { csvViolations } from './support/csvOracle';
import {
  MARK_CLOSE,
  MARK_OPEN,
  markdownViolations,
  splitCodeSpans,
  tableCells,
} from './support/markdownOracle';
import { problemViolations } from './support/oracles';
import { valueAt } from './support/targets';

const kinds = (violations: { kind: string }[]) => violations.map((v) => v.kind);

const report = (body: string[], mermaid: string[] = ['flowchart LR', '  c1["a<br/>#lt;user#gt;"]']) =>
  ['# Threat model: t', '', '```mermaid', ...mermaid, '```', '', ...body, ''].join('\n');

describe('markdownOracle', () => {
  it('accepts a clean report', () => {
    expect(markdownViolations(report(['| a | b |', '| --- | --- |', '| \\| x | `http://x\\|y` |']))).toEqual(
      [],
    );
  });

  it.each<[string, string[], string]>([
    ['raw HTML', ['text <script>alert(1)</script>'], 'md-html'],
    ['a link to javascript:', ['[x](javascript:alert(1))'], 'md-link'],
    ['an image', ['![x](https://evil.example/x.png)'], 'md-link'],
    ['a bare URL', ['see http://evil.example'], 'md-autolink'],
    ['a www. link after an underscore', ['\\_www.evil.example'], 'md-autolink'],
    ['an e-mail address', ['mail evil@evil.example'], 'md-autolink'],
    ['a raw entity', ['&lt;b&gt;'], 'md-entity'],
    ['an extra table column', ['| a | b |', '| --- | --- |', '| x | y | z |'], 'md-table-column'],
    ['a fence', ['```', 'code', '```'], 'md-fence'],
    ['indented code', ['    code'], 'md-indented-code'],
    ['a heading in a quote', ['> # heading'], 'md-block-start'],
    ['a visible backslash', ['version \\1.0'], 'md-fidelity'],
  ])('flags %s', (_, body, kind) => {
    expect(kinds(markdownViolations(report(body)))).toContain(kind);
  });

  it('flags unescaped markup inside user text', () => {
    const md = report([`**Owner:** ${MARK_OPEN} a [b] \\[c\\] ${MARK_CLOSE}`]);
    expect(markdownViolations(md, { markers: true })).toEqual([
      expect.objectContaining({ kind: 'md-unescaped', detail: expect.stringContaining('"[]"') }),
    ]);
  });

  it.each<[string, string[], string]>([
    [
      'a label breaking its quotes',
      ['flowchart LR', '  c1["a"] --> evil["b<br/>#lt;user#gt;"]'],
      'mermaid-label',
    ],
    ['an unencoded quote', ['flowchart LR', '  c1 -->|"a"b"| c2'], 'mermaid-label'],
    ['a click statement', ['flowchart LR', 'click c1 "javascript:alert(1)"'], 'mermaid-line'],
    [
      'a directive',
      ['flowchart LR', "  c1[\"%%{init: {'theme':'dark'}}%%<br/>#lt;user#gt;\"]"],
      'mermaid-directive',
    ],
  ])('flags %s in the Mermaid block', (_, mermaid, kind) => {
    expect(kinds(markdownViolations(report([], mermaid)))).toContain(kind);
  });

  it('reads code spans and table cells like CommonMark and GFM', () => {
    expect(splitCodeSpans('a \\`b ``c`d`` e').map((s) => [s.text, s.code])).toEqual([
      ['a \\`b ', false],
      ['``c`d``', true],
      [' e', false],
    ]);
    expect(tableCells('| a | `b|c` | d\\|e |')).toHaveLength(4);
    expect(tableCells('| a | b\\\\|c |')).toHaveLength(3);
  });
});

describe('problemViolations', () => {
  it.each<[string, unknown, string]>([
    ['no problems', [], 'bad-result'],
    ['a path without $', [{ path: 'components', message: 'expected array, got number' }], 'bad-path'],
    ['a path that is not a JSON path', [{ path: '$.a b', message: 'unknown field' }], 'bad-path'],
    ['a bare "Invalid input"', [{ path: '$.a', message: 'Invalid input' }], 'vague-message'],
    ['a control character', [{ path: '$.a', message: 'unknown type "x\n::error::y"' }], 'control-char'],
    [
      'a syntax error without position',
      [{ path: '$', message: 'not valid JSON: Unexpected token' }],
      'json-no-location',
    ],
  ])('flags %s', (_, problems, kind) => {
    expect(kinds(problemViolations(problems))).toContain(kind);
  });

  it('accepts specific problems with JSON paths', () => {
    expect(problemViolations([{ path: '$.components[0]["odd key"]', message: 'unknown field' }])).toEqual([]);
  });

  it('finds the value a path points to', () => {
    expect(valueAt({ a: [{ 'b c': 5 }] }, '$.a[0]["b c"]')).toBe(5);
    expect(valueAt({ a: [] }, '$.a[0]')).toBeUndefined();
  });
});

describe('csvViolations', () => {
  it('flags formulas, extra columns and extra rows', () => {
    expect(kinds(csvViolations('"a","b"\r\n"=1+1","x"\r\n', 2, 2))).toEqual(['csv-formula']);
    expect(kinds(csvViolations('"a","b"\r\n"x","y","z"\r\n', 2, 2))).toEqual(['csv-shape']);
    expect(kinds(csvViolations('"a","b"\r\n"x","y"\r\n"z","w"\r\n', 2, 2))).toEqual(['csv-shape']);
    expect(csvViolations('"a","b"\r\n"\'=1,2","x"\r\n', 2, 2)).toEqual([]);
  });

  it('flags a formula after any separator, after white space, and unquoted or multi-line fields', () => {
    expect(kinds(csvViolations('"x;=1+1"\r\n', 1, 1))).toEqual(['csv-formula']);
    expect(kinds(csvViolations('"a| @x"\r\n', 1, 1))).toEqual(['csv-formula']);
    expect(kinds(csvViolations('"  \uff1d1"\r\n', 1, 1))).toEqual(['csv-formula']);
    expect(kinds(csvViolations('a\r\n', 1, 1))).toEqual(['csv-shape']);
    expect(kinds(csvViolations('"a\nb"\r\n', 1, 1))).toEqual(['csv-shape']);
    expect(csvViolations('"x;\'=1+1"\r\n', 1, 1)).toEqual([]);
  });
});
