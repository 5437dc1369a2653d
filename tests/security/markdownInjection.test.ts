/**
 * Injection through the Markdown report: every free-text field of a model (a colleague's file, an
 * imported Threat Dragon model) carries HTML, script, links, images, bare URLs, headings, table
 * pipes, backticks and fences, and Mermaid breakouts. The assertions read the real report text.
 */
import { describe, expect, it } from 'vitest';
import { exportMarkdownReport, parseDocument, type ThreatModelDocument } from '../../src/core/index';
import { documentWithText } from '../fuzz/support/arbitraries';
import {
  markdownViolations,
  mermaidViolations,
  splitCodeSpans,
  tableCells,
} from '../fuzz/support/markdownOracle';
import { HTML_PAYLOADS, MARKDOWN_PAYLOADS, MERMAID_PAYLOADS } from '../fuzz/support/payloads';
import { fuzzLibrary } from '../fuzz/support/targets';
import { enforce } from '../fuzz/support/violations';

const library = fuzzLibrary();

function docWith(texts: readonly string[]): ThreatModelDocument {
  const r = parseDocument(documentWithText(texts), { catalogue: library.catalogue });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const report = (texts: readonly string[]) => exportMarkdownReport(docWith(texts), library);

/** The report outside the Mermaid block with code spans blanked out: what a renderer reads as markup. */
const outsideCode = (md: string) =>
  md
    .split('\n')
    .filter(
      (_, n, lines) =>
        n < lines.indexOf('```mermaid') || n > lines.indexOf('```', lines.indexOf('```mermaid') + 1),
    )
    .map((line) =>
      splitCodeSpans(line)
        .map((s) => (s.code ? ' '.repeat(s.text.length) : s.text))
        .join(''),
    )
    .join('\n');

/** Removes backslash escapes, so what remains is what a renderer treats as syntax. */
const unescaped = (text: string) => text.replace(/\\[!-/:-@[-`{-~]/g, '');

const mermaidBlock = (md: string) => {
  const lines = md.split('\n');
  const open = lines.indexOf('```mermaid');
  const close = lines.indexOf('```', open + 1);
  return lines.slice(open + 1, close);
};

describe('user text in the Markdown report stays inert', () => {
  it.each([...HTML_PAYLOADS, ...MARKDOWN_PAYLOADS, ...MERMAID_PAYLOADS])('%j in every field', (payload) => {
    enforce(markdownViolations(report([payload])));
  });

  it('HTML and script tags are escaped, never raw', () => {
    const md = report(['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg/onload=alert(1)>']);
    expect(md).toContain('\\<script\\>alert\\(1\\)\\</script\\>');
    expect(md).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(unescaped(outsideCode(md))).not.toContain('<');
  });

  it('HTML entities are written as text, not decoded', () => {
    const md = report(['&lt;script&gt;', '&#60;img&#62;']);
    expect(md).toContain('&amp;lt;script&amp;gt;');
    expect(unescaped(outsideCode(md))).not.toMatch(/&(?!amp;)/);
  });

  it('Markdown links and images from user text are escaped; the only links are the references', () => {
    const md = report([
      '[click](javascript:alert(1))',
      '![x](http://evil.example/pixel.png)',
      '[ref]: http://evil.example',
    ]);
    expect(md).toContain('\\[click\\]\\(javascript:alert\\(1\\)\\)');
    expect(md).toContain('\\!\\[x\\]\\(` http://evil.example/pixel.png) `');
    const links = [...unescaped(outsideCode(md)).matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    for (const target of links)
      expect(target).toMatch(
        /^https:\/\/(www\.ncsc\.gov\.uk|atlas\.mitre\.org|genai\.owasp\.org|owasp\.org|saif\.google)\//,
      );
    expect(unescaped(outsideCode(md))).not.toContain('![');
  });

  it('bare URLs are shown in code spans, so no renderer links them', () => {
    const md = report(['see http://evil.example/path?q=1 now', 'www.evil.example', 'HTTPS://EVIL.EXAMPLE']);
    expect(md).toContain('` http://evil.example/path?q=1 `');
    expect(md).toContain('` www.evil.example `');
    const text = outsideCode(md).replace(/\]\(https:\/\/[^)]*\)/g, '');
    expect(text).not.toMatch(/https?:\/\/|www\./i);
  });

  it('headings, lists, quotes and setext underlines cannot start a line', () => {
    const md = report(['# Heading\n- item\n+ item\n1. ordered\n> quote\n---\n===\n```']);
    const bodyLines = md.split('\n').filter((l) => l.startsWith('> '));
    expect(bodyLines).toEqual(
      expect.arrayContaining([
        '> \\# Heading',
        '> \\- item',
        '> \\+ item',
        '> 1\\. ordered',
        '> \\> quote',
        '> \\---',
        '> \\===',
        '> \\`\\`\\`',
      ]),
    );
    const headings = md.split('\n').filter((l) => /^#{1,6} /.test(l));
    for (const h of headings) expect(h).not.toMatch(/^#{1,6} (Heading|Injected)/);
  });

  it('table pipes never add a column', () => {
    const md = report(['a | b | c', 'x\\|y', '| a | b |\n| --- | --- |']);
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    const byTable: string[][] = [];
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        if (byTable.at(-1)?.length) byTable.push([]);
        continue;
      }
      if (byTable.length === 0) byTable.push([]);
      byTable.at(-1)!.push(line);
    }
    expect(rows.length).toBeGreaterThan(10);
    for (const table of byTable.filter((t) => t.length > 0)) {
      const width = tableCells(table[0]!).length;
      for (const row of table) expect(tableCells(row)).toHaveLength(width);
    }
  });

  it('backticks and fences cannot open code or close the Mermaid block early', () => {
    const md = report(['`code` and ``double``', '```\nfenced\n```', '~~~\nfenced\n~~~']);
    const fences = md.split('\n').filter((l) => /^ {0,3}(```|~~~)/.test(l));
    expect(fences).toEqual(['```mermaid', '```']);
    expect(md).toContain('\\`code\\` and \\`\\`double\\`\\`');
  });
});

describe('labels in the Mermaid diagram stay inside their quotes', () => {
  it.each(MERMAID_PAYLOADS)('%j', (payload) => {
    const block = mermaidBlock(report([payload]));
    enforce(mermaidViolations(block));
    expect(block[0]).toBe('flowchart LR');
    for (const line of block.slice(1))
      expect(line).toMatch(/^ *(subgraph b\d+\[".*"\]|c\d+\[".*"\]|end|c\d+ -->(\|".*"\|)? c\d+)$/);
  });

  it('a quote, a newline, "end" and "click" cannot start new Mermaid statements', () => {
    const block = mermaidBlock(report(['"]\n  click c1 "javascript:alert(1)"', 'x\nend\nsubgraph evil']));
    expect(block.filter((l) => /^\s*click\b/.test(l))).toEqual([]);
    expect(block.filter((l) => /^\s*subgraph evil/.test(l))).toEqual([]);
    expect(block.join('\n')).toContain('#quot;]   click c1 #quot;javascript:alert(1)#quot;');
    expect(block.filter((l) => l.trim() === 'end')).toHaveLength(2);
  });

  it('Mermaid entities in user text are themselves encoded', () => {
    const block = mermaidBlock(report(['#quot;#lt;script#gt;']));
    expect(block.join('\n')).toContain('#35;quot#59;#35;lt#59;script#35;gt#59;');
  });
});
