/**
 * Escaping of user text (labels, notes, descriptions) for the Markdown report. Labels come from
 * files other people wrote: none of them may inject HTML, links, images, headings or table
 * columns, or break out of the Mermaid block.
 */

import { findUrls } from './findUrls';

const PUNCTUATION = /[\\`*_{}[\]<>()#!|~]/g;
/**
 * Control characters (C0, DEL, C1) and the invisible bidi controls that reorder text on screen
 * (embeddings, overrides, isolates, marks), so a label cannot look like something else in a
 * rendered report ("Trojan Source"). Line breaks and tabs are turned into spaces before this.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\\`*_{}[\]<>()#!|~&@\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|:\/\/|www\.|mailto:|^\s*(?:[-+=]|\d+\.)/i;
const MERMAID_SPECIAL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[#"<>|`;%\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Inline Markdown text on one line: markup escaped, URLs shown as code so they never become links. */
export function mdInline(text: string): string {
  // Most labels need no escaping; the single test keeps 10,000-component reports linear and fast.
  if (!NEEDS_ESCAPE.test(text)) return text.trim();
  const oneLine = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
  let out = '';
  let last = 0;
  // URLs are found by a linear scanner, not a regular expression: the one used before backtracked
  // quadratically on long runs of letters, and a 2 MB label took minutes to export.
  for (const [start, end] of findUrls(oneLine)) {
    out += escapePlain(oneLine.slice(last, start));
    out += codeSpan(oneLine.slice(start, end));
    last = end;
  }
  return out + escapePlain(oneLine.slice(last));
}

/** Text for a GFM table cell: inline-escaped, and pipes escaped even inside code spans. */
export function mdCell(text: string): string {
  const inline = mdInline(text);
  return (inline.includes('|') ? inline.replace(/(?<!\\)\|/g, '\\|') : inline) || ' ';
}

/** A multi-line note as a block quote, each line escaped (no list or heading can start a line). */
export function mdQuote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${mdInline(line)}`)
    .join('\n');
}

/** `\u202e`: a control character made visible, as the tool's messages show them (neutraliseControls). */
const visibleEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

function escapePlain(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      // Before the backslash escapes: `\u202e` is then written `\\u202e` and shows as `\u202e`.
      .replace(CONTROLS, visibleEscape)
      .replace(PUNCTUATION, (c) => `\\${c}`)
      .replace(/^[-+=]/, (m) => `\\${m}`)
      // CommonMark only honours a backslash before punctuation: "3\." stops an ordered list, "\3." would show.
      .replace(/^(\d+)\./, '$1\\.')
  );
}

function codeSpan(raw: string): string {
  // Pipes and backslashes are percent-encoded: inside a table a pipe would end the cell whatever
  // precedes it, and inside a URL the encoded form means the same thing.
  // Control characters are percent-encoded too: in a URL that is what they mean.
  const text = raw
    .replace(/\|/g, '%7C')
    .replace(/\\/g, '%5C')
    .replace(CONTROLS, (c) => encodeURIComponent(c));
  let longestRun = 0;
  for (const m of text.matchAll(/`+/g)) longestRun = Math.max(longestRun, m[0].length);
  const fence = '`'.repeat(longestRun + 1);
  return `${fence} ${text} ${fence}`;
}

/**
 * Text inside a quoted Mermaid label. Mermaid decodes `#name;` / `#code;` entities, so every
 * character that could end the quote, open markup or close the fenced block is encoded.
 */
export function mermaidText(text: string): string {
  if (!MERMAID_SPECIAL.test(text)) return text.trim();
  return (
    text
      .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
      .replace(/#/g, '#35;')
      // Mermaid reads %%{init}%% directives anywhere in the text, quoted labels included.
      .replace(/%/g, '#37;')
      .replace(/"/g, '#quot;')
      .replace(/</g, '#lt;')
      .replace(/>/g, '#gt;')
      .replace(/\|/g, '#124;')
      .replace(/`/g, '#96;')
      .replace(/;(?<!#\d+;|#quot;|#lt;|#gt;)/g, '#59;')
      // Invisible and reordering characters as numeric entities: seen, and never reordering the diagram.
      .replace(CONTROLS, (c) => `#${c.charCodeAt(0)};`)
      .trim()
  );
}
