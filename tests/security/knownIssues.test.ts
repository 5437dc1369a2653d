/**
 * Reproducers of bugs found by the fuzzing and reported to the owners of the files concerned.
 * Each is written as the test that should pass, marked `it.fails` while the bug is there: when a
 * fix lands the test starts failing, which is the signal to drop `.fails` here and the matching
 * entry in tests/fuzz/support/violations.ts (KNOWN_ISSUES), so the fuzzing enforces it from then on.
 * Fixed issues stay here as plain regression tests.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import {
  exportMarkdownReport,
  mdCell,
  mdInline,
  mermaidText,
  parseDocument,
  parseDocumentText,
  shippedLibrary,
} from '../../src/core/index';
import { importThreatDragon } from '../../src/core/interop/index';
import { memoryIo } from '../cli/memoryIo';
import { loadFixtures } from '../fuzz/support/interop';
import { markdownViolations, tableCells } from '../fuzz/support/markdownOracle';
import { JSON_PATH } from '../fuzz/support/oracles';
import { expectLinearTime } from '../support/growth';

const library = shippedLibrary();
const { catalogue } = library;
const doc = (extra: Record<string, unknown>) => ({
  format: 'ai-threat-model',
  schemaVersion: 1,
  meta: { title: 't' },
  ...extra,
});
const problemsOf = (input: unknown) => {
  const r = parseDocument(input, { catalogue });
  return r.ok ? [] : r.problems;
};

describe('KI-1 src/core/model/zodProblems.ts: union messages', () => {
  it('a value of the wrong type is reported with its type, not as missing (fixed: reportInput)', () => {
    expect(problemsOf(doc({ components: 5 }))).toEqual([
      { path: '$.components', message: 'expected array, got number' },
    ]);
  });

  it('an enum property given an object says what it must be', () => {
    // Today: "$.components[0].props.trust: expected boolean, got object" — the first branch of
    // PropValueSchema's union, although trust is an enum of the catalogue.
    const [problem] = problemsOf(
      doc({ components: [{ id: 'u', type: 'user', label: 'u', props: { trust: {} } }] }),
    );
    expect(problem?.message).toMatch(/anonymous/);
  });
});

describe('KI-2 raw input echoed into messages: forged lines in CI logs, terminal escapes', () => {
  const stderrOf = (argv: string[], files: Record<string, string>) => {
    const m = memoryIo(files);
    main(argv, m.io);
    return m.stderr();
  };
  // eslint-disable-next-line no-control-regex -- an ESC reaching stderr is what this detects
  const forged = /^::|\u001b/m;

  it('an unknown component type cannot start a new stderr line (src/core/document/checkProperties.ts)', () => {
    const model = JSON.stringify(doc({ components: [{ id: 'a', type: 'x\n::error::forged', label: 'l' }] }));
    expect(stderrOf(['validate', 'm.json'], { 'm.json': model })).not.toMatch(forged);
  });

  it('a property name cannot start a new stderr line (src/core/document/checkProperties.ts)', () => {
    const model = JSON.stringify(
      doc({ components: [{ id: 'a', type: 'user', label: 'l', props: { 'x\n::error::forged': true } }] }),
    );
    expect(stderrOf(['validate', 'm.json'], { 'm.json': model })).not.toMatch(forged);
  });

  it('a JSON syntax error does not echo raw bytes of the file (src/core/model/untrustedJson.ts)', () => {
    expect(
      stderrOf(['validate', 'm.json'], { 'm.json': '{"format": \u001b[2J\n::error::forged}' }),
    ).not.toMatch(forged);
  });

  it('a rule pack fact name cannot start a new stderr line (src/core/rules/conditions.ts)', () => {
    const pack = JSON.stringify({
      rules: [
        {
          id: 'rule.a',
          threat: 'threat.x',
          target: 'component',
          when: { fact: 'a\n::error::forged\u001b]0;title\u0007', op: 'eq', value: true },
        },
      ],
    });
    expect(stderrOf(['validate', 'p.json', '--kind', 'library'], { 'p.json': pack })).not.toMatch(forged);
  });

  it('a Threat Dragon cell shape cannot start a new stderr line in convert notes (src/core/interop/threat-dragon/import)', () => {
    const td = loadFixtures().find((f) => f.name === 'threat-dragon/v2-threat-model.json')!.content as {
      detail: { diagrams: { cells: unknown[] }[] };
    };
    td.detail.diagrams[0]!.cells.push({
      id: 'w',
      shape: 'hexagon\n::error file=x::forged',
      position: { x: 1, y: 1 },
      size: { width: 1, height: 1 },
      data: { type: 'tm.Process', name: 'n' },
    });
    expect(stderrOf(['convert', 'td.json', '--to', 'csv'], { 'td.json': JSON.stringify(td) })).not.toMatch(
      forged,
    );
  });
});

describe('KI-3 src/core/document/checkProperties.ts: property paths', () => {
  it('a property problem has a JSON path even for odd names', () => {
    const [problem] = problemsOf(
      doc({ components: [{ id: 'a', type: 'user', label: 'l', props: { 'a b': true } }] }),
    );
    // Today: "$.components[0].props.a b".
    expect(problem?.path).toMatch(JSON_PATH);
  });
});

describe('KI-4 src/core/model/untrustedJson.ts: JSON syntax errors', () => {
  it('give a line and a column', () => {
    const r = parseDocumentText('{\n  "format": "ai-threat-model",\n  "meta": }\n}', { catalogue });
    // Today on Node 20: "not valid JSON: Unexpected token '}', ...": V8 gives no position.
    expect(r.ok ? '' : r.problems[0]!.message).toMatch(/line 3, column 11/);
  });
});

describe('KI-5 to KI-7 src/core/report/escapeMarkdown.ts', () => {
  it('KI-5 a URL glued to a digit or underscore is put in a code span (GFM autolinks it)', () => {
    // cmark-gfm links "http://evil.example" in "1http://evil.example"; \b in URL_PATTERN misses it.
    expect(mdInline('1http://evil.example')).toContain('`');
    expect(mdInline('_www.evil.example')).toContain('`');
  });

  it('KI-5 an e-mail address does not become a mailto: link', () => {
    // Shown as code: GFM never autolinks inside a code span.
    expect(mdInline('write to evil@evil.example')).toBe('write to ` evil@evil.example `');
  });

  it('KI-6 a pipe after an escaped backslash in a URL does not split the table cell', () => {
    const cell = mdCell('http://a.example/\\\\|b');
    expect(tableCells(`| ${cell} | x |`)).toHaveLength(2);
  });

  it('KI-7 a Mermaid directive in a label is encoded', () => {
    // Mermaid scans the whole text for %%{…}%% directives, quoted labels included.
    expect(mermaidText("%%{init: {'theme':'dark'}}%%")).not.toContain('%%');
  });
});

describe('KI-10 src/core/report/escapeMarkdown.ts: visible backslashes (fixed)', () => {
  it('text starting with a number and a dot is escaped without a visible backslash', () => {
    // "\\0.1.0" showed the backslash: CommonMark honours it only before punctuation.
    for (const text of ['0.1.0', '3. Ingest', '12. step'])
      expect(mdInline(text)).not.toMatch(/\\(?![!-/:-@[-`{-~])/);
  });
});

describe('KI-8 nested trust boundaries: quadratic time and output (DoS by a 140 KB file)', () => {
  const chain = (n: number) =>
    doc({
      trustBoundaries: Array.from({ length: n }, (_, i) => ({
        id: `b${i}`,
        label: 'b',
        zone: 'internal',
        parentId: i ? `b${i - 1}` : null,
      })),
      components: [{ id: 'c', type: 'process', label: 'c', boundaryId: `b${n - 1}` }],
    });

  it('a boundary chain deeper than 32 levels is refused with its path; one at the limit reports proportionately', () => {
    const deep = problemsOf(chain(2000));
    expect(deep[0]).toEqual({
      path: '$.trustBoundaries[32].parentId',
      message: 'trust boundaries may nest at most 32 levels deep',
    });
    const input = chain(32);
    const r = parseDocument(input, { catalogue });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(exportMarkdownReport(r.value, library).length).toBeLessThan(
      20 * JSON.stringify(input).length + 20_000,
    );
  });

  it('parseDocument refuses or handles deep boundary nesting in linear time (src/core/document/checkReferences.ts)', () => {
    // findBoundaryCycles walks every chain from every boundary: 20,000 levels take about 60 s.
    // Timed at 500 and 4,000 levels: about 8 times as long, not 64 (tests/support/growth.ts).
    expectLinearTime(
      'boundary chain',
      (n) => {
        const input = chain(n);
        return () => parseDocument(input, { catalogue });
      },
      4000,
    );
  });
});

describe('KI-9 src/core/interop/threat-dragon/import: quadratic geometry (DoS by a 1 MB file)', () => {
  it('a flow and a curve with 8,000 vertices each import in well under a second', () => {
    // polylinesIntersect tested every segment pair: 20,000 vertices each (900 KB) took 9 s, and a
    // 20 MB file (the CLI limit) about an hour. Edges are now simplified to 1,000 vertices, with a
    // note, and the crossing tests of a whole import share a bounded budget.
    const td = loadFixtures().find((f) => f.name === 'threat-dragon/v2-threat-model.json')!.content as {
      detail: { diagrams: { cells: Record<string, unknown>[] }[] };
    };
    const withVertices = (n: number) => {
      const copy = structuredClone(td);
      const cells = copy.detail.diagrams[0]!.cells;
      cells.find((c) => c['shape'] === 'flow')!['vertices'] = Array.from({ length: n }, (_, i) => ({
        x: i,
        y: 10000 + (i % 2),
      }));
      cells.find((c) => c['shape'] === 'trust-boundary-curve')!['vertices'] = Array.from(
        { length: n },
        (_, i) => ({ x: i, y: -10000 - (i % 2) }),
      );
      return copy;
    };
    // Timed at 1,000 and 8,000 vertices: about 8 times as long, not 64 (tests/support/growth.ts).
    const r = expectLinearTime(
      'long edges',
      (n) => {
        const input = withVertices(n);
        return () => importThreatDragon(input, { catalogue });
      },
      8000,
    );
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.notes.join('\n')).toMatch(/more than 1,000 vertices were simplified/);
  });
});

describe('the oracle itself', () => {
  it('finds nothing left of the fixed autolink and directive issues in a report', () => {
    const label = "1http://evil.example %%{init: {'theme':'dark'}}%%";
    const r = parseDocument(doc({ components: [{ id: 'c', type: 'process', label }] }), { catalogue });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const kinds = markdownViolations(exportMarkdownReport(r.value, library)).map((v) => v.kind);
    expect(kinds).toEqual([]);
  });
});
