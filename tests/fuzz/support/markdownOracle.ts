/**
 * Checks that a Markdown report is inert, by reading it the way a GFM renderer (GitHub, GitLab,
 * VS Code) does: code spans, backslash escapes, table cell splitting, fences, autolinks and the
 * Mermaid block. No renderer is a dependency of this project, so the rules that matter are
 * written out here, each with the CommonMark / GFM behaviour it relies on.
 *
 * User text can be wrapped in MARK_OPEN … MARK_CLOSE by the generators; inside those regions every
 * Markdown punctuation character must be escaped or sit in a code span.
 */
import type { Violation } from './violations';

export const MARK_OPEN = '\u2983';
export const MARK_CLOSE = '\u2984';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Characters mdInline escapes; raw in user text they could start markup. */
const MARKUP = new Set([...'\\`*_{}[]<>()#!|~']);
/**
 * A fence opener (CommonMark 4.5): three or more backticks whose info string has no backtick, or
 * three or more tildes. A code span at the start of a line is therefore no fence: it closes on the
 * same line.
 */
const FENCE = /^ {0,3}(?:`{3,}[^`]*|~{3,}.*)$/;
/** The only link targets the report itself writes (referenceUrls.ts): https pages, maybe with an anchor. */
const OWN_LINK = /^https:\/\/[A-Za-z0-9.-]+(?:\/[A-Za-z0-9._~/-]*)?(?:#[a-z0-9-]+)?$/;

interface Segment {
  text: string;
  code: boolean;
  /** Offset of the segment in the line. */
  at: number;
}

/**
 * Splits a line into code spans and the rest (CommonMark 6.1): a backtick string opens a code
 * span closed by the next backtick string of the same length; a backslash-escaped backtick opens
 * nothing; backslashes inside code spans are literal.
 */
export function splitCodeSpans(line: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let textStart = 0;
  let i = 0;
  const flush = (next: number) => {
    if (text) segments.push({ text, code: false, at: textStart });
    text = '';
    textStart = next;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && ASCII_PUNCTUATION.test(line[i + 1]!)) {
      text += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      text += c;
      i++;
      continue;
    }
    const run = runLength(line, i);
    const close = findClosingRun(line, i + run, run);
    if (close < 0) {
      text += line.slice(i, i + run);
      i += run;
      continue;
    }
    flush(i);
    segments.push({ text: line.slice(i, close + run), code: true, at: i });
    i = close + run;
    textStart = i;
  }
  flush(i);
  return segments;
}

function runLength(line: string, i: number): number {
  let n = 0;
  while (line[i + n] === '`') n++;
  return n;
}

function findClosingRun(line: string, from: number, length: number): number {
  for (let j = from; j < line.length;) {
    if (line[j] !== '`') {
      j++;
      continue;
    }
    const n = runLength(line, j);
    if (n === length) return j;
    j += n;
  }
  return -1;
}

/** Characters of a non-code segment that are not backslash-escaped, with their offsets. */
function rawChars(segment: Segment): { c: string; at: number }[] {
  const out: { c: string; at: number }[] = [];
  for (let i = 0; i < segment.text.length; i++) {
    const c = segment.text[i]!;
    if (c === '\\' && i + 1 < segment.text.length && ASCII_PUNCTUATION.test(segment.text[i + 1]!)) {
      i++;
      continue;
    }
    out.push({ c, at: segment.at + i });
  }
  return out;
}

/** GFM table cells of a row: split at pipes not preceded by a backslash escape (code spans do not protect pipes). */
export function tableCells(row: string): string[] {
  let body = row.trim();
  if (body.startsWith('|')) body = body.slice(1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      cell += body.slice(i, i + 2);
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  if (cell.trim() !== '' || !body.endsWith('|')) cells.push(cell);
  return cells;
}

export function markdownViolations(md: string, options: { markers?: boolean } = {}): Violation[] {
  const violations: Violation[] = [];
  const lines = md.split('\n');
  const open = lines.indexOf('```mermaid');
  let close = -1;
  if (open < 0) violations.push({ kind: 'md-fence', detail: 'no ```mermaid block' });
  else {
    close = lines.findIndex((l, i) => i > open && /^ {0,3}(`{3,}|~{3,})/.test(l));
    if (close < 0) violations.push({ kind: 'md-fence', detail: 'the mermaid block is never closed' });
    else {
      if (lines[close] !== '```')
        violations.push({
          kind: 'md-fence',
          detail: `the mermaid block is closed by ${JSON.stringify(lines[close])}`,
        });
      violations.push(...mermaidViolations(lines.slice(open + 1, close)));
    }
  }
  let tableWidth = -1;
  lines.forEach((line, n) => {
    if (open >= 0 && n >= open && n <= Math.max(close, open)) return;
    const where = `line ${n + 1}: ${JSON.stringify(line.slice(0, 200))}`;
    if (FENCE.test(line))
      violations.push({ kind: 'md-fence', detail: `a fence outside the mermaid block, ${where}` });
    if (/^( {4,}|\t)/.test(line)) violations.push({ kind: 'md-indented-code', detail: where });
    const quoted = /^ {0,3}> ?(.*)$/.exec(line);
    if (quoted && (/^([-+*=#>]|\d+[.)]|<| {4})/.test(quoted[1]!) || FENCE.test(quoted[1]!)))
      violations.push({ kind: 'md-block-start', detail: where });
    if (line.startsWith('|')) {
      const width = tableCells(line).length;
      if (tableWidth < 0) tableWidth = width;
      else if (width !== tableWidth)
        violations.push({
          kind: 'md-table-column',
          detail: `${width} cells instead of ${tableWidth}, ${where}`,
        });
    } else tableWidth = -1;
    violations.push(...inlineViolations(line, where));
  });
  if (options.markers) violations.push(...regionViolations(lines, open, close));
  return violations;
}

/** HTML, images, links to anything but the report's own references, autolinks and raw entities. */
function inlineViolations(line: string, where: string): Violation[] {
  const out: Violation[] = [];
  for (const segment of splitCodeSpans(line)) {
    if (segment.code) continue;
    const raw = rawChars(segment);
    const text = raw.map((r) => r.c).join('');
    if (text.includes('<')) out.push({ kind: 'md-html', detail: `raw "<", ${where}` });
    // A backslash before anything but ASCII punctuation is shown as is: an escaping artefact.
    if (text.includes('\\')) out.push({ kind: 'md-fidelity', detail: `a visible backslash, ${where}` });
    if (text.includes('![')) out.push({ kind: 'md-link', detail: `an image, ${where}` });
    for (let k = 0; k < raw.length; k++) {
      if (raw[k]!.c === '&' && !line.startsWith('&amp;', raw[k]!.at))
        out.push({ kind: 'md-entity', detail: `a raw "&", ${where}` });
      if (raw[k]!.c === ']' && raw[k + 1]?.c === '(') {
        const end = text.indexOf(')', k + 2);
        const target = end < 0 ? text.slice(k + 2) : text.slice(k + 2, end);
        if (!OWN_LINK.test(target))
          out.push({ kind: 'md-link', detail: `a link to ${JSON.stringify(target)}, ${where}` });
      }
    }
    out.push(...autolinkViolations(line, raw, where));
  }
  return out;
}

/**
 * GFM's autolink extension (cmark-gfm autolink.c): at "://" it rewinds over letters and links
 * http, https and ftp whatever comes before them; "www." links after a line start, a space or
 * one of `*_~(`; "@" links an e-mail address. Our own reference links are removed first.
 */
function autolinkViolations(line: string, raw: { c: string; at: number }[], where: string): Violation[] {
  const out: Violation[] = [];
  const own = new Set<number>();
  for (const m of line.matchAll(/\]\((https:\/\/[^)\s]*)\)/g))
    for (let i = 0; i < m[0].length; i++) own.add(m.index + i);
  const rawAt = new Set(raw.map((r) => r.at));
  for (const m of line.matchAll(/:\/\//g)) {
    if (!rawAt.has(m.index) || own.has(m.index)) continue;
    let s = m.index;
    while (s > 0 && /[A-Za-z]/.test(line[s - 1]!)) s--;
    if (/^(https?|ftp)$/i.test(line.slice(s, m.index)))
      out.push({ kind: 'md-autolink', detail: `a URL outside a code span, ${where}` });
  }
  for (const m of line.matchAll(/www\./gi)) {
    if (!rawAt.has(m.index) || own.has(m.index)) continue;
    const before = m.index === 0 ? ' ' : line[m.index - 1]!;
    if (/[\s*_~(]/.test(before))
      out.push({ kind: 'md-autolink', detail: `a www. link outside a code span, ${where}` });
  }
  for (const r of raw) {
    if (r.c !== '@') continue;
    if (
      /[A-Za-z0-9._+-]$/.test(line.slice(0, r.at)) &&
      /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+/.test(line.slice(r.at + 1))
    ) {
      out.push({ kind: 'md-autolink', detail: `an e-mail address outside a code span, ${where}` });
    }
  }
  return out;
}

/** Inside user text every markup character is escaped or sits in a code span. */
function regionViolations(lines: string[], open: number, close: number): Violation[] {
  const out: Violation[] = [];
  const outside = lines.filter((_, n) => open < 0 || n < open || n > close).join('\n');
  for (const m of outside.matchAll(new RegExp(`${MARK_OPEN}([^${MARK_CLOSE}]*)${MARK_CLOSE}`, 'g'))) {
    for (const line of m[1]!.split('\n')) {
      const body = line.replace(/^ {0,3}> ?/, '');
      for (const segment of splitCodeSpans(body)) {
        if (segment.code) continue;
        const bad = rawChars(segment).filter((r) => MARKUP.has(r.c));
        if (bad.length > 0) {
          out.push({
            kind: 'md-unescaped',
            detail: `unescaped ${JSON.stringify(bad.map((b) => b.c).join(''))} in user text ${JSON.stringify(body.slice(0, 200))}`,
          });
        }
      }
    }
  }
  return out;
}

/** The block holds only the lines mermaidDiagram writes, and every label stays inside its quotes. */
export function mermaidViolations(block: readonly string[]): Violation[] {
  const out: Violation[] = [];
  const shapes: [RegExp, number[]][] = [
    [/^flowchart LR$/, []],
    [/^ *subgraph b\d+\["(.*)"\]$/, [1]],
    [/^ +c\d+\["(.*)<br\/>#lt;(.*)#gt;"\]$/, [1, 2]],
    [/^ *end$/, []],
    [/^ {2}c\d+ -->(?:\|"(.*)"\|)? c\d+$/, [1]],
  ];
  block.forEach((line, n) => {
    const shape = shapes.map(([re, groups]) => [re.exec(line), groups] as const).find(([m]) => m !== null);
    if (!shape || (n === 0) !== /^flowchart/.test(line)) {
      out.push({
        kind: 'mermaid-line',
        detail: `unexpected Mermaid line ${n + 1}: ${JSON.stringify(line.slice(0, 200))}`,
      });
      return;
    }
    const [match, groups] = shape;
    for (const g of groups) {
      const label = match![g] ?? '';
      const where = `${JSON.stringify(label.slice(0, 200))} on Mermaid line ${n + 1}`;
      if (label.includes('%%')) out.push({ kind: 'mermaid-directive', detail: where });
      const decoded = label.replace(/#(?:\d+|quot|lt|gt|amp);/g, '');
      if (/["<>`|#;]/.test(decoded))
        out.push({ kind: 'mermaid-label', detail: `unencoded character in label ${where}` });
    }
  });
  return out;
}
