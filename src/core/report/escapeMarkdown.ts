/**
 * Escaping of user text (labels, notes, descriptions) for the Markdown report. Labels come from
 * files other people wrote: none of them may inject HTML, links, images, headings or table
 * columns, or break out of the Mermaid block.
 */

// No \b: GFM autolinks "http://" and "www." even when glued to a letter, digit or underscore, and
// turns e-mail addresses into mailto: links; all of them are shown as code instead.
const URL_PATTERN = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s]*|[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[^\s@]+/gi;
const PUNCTUATION = /[\\`*_{}[\]<>()#!|~]/g;
const NEEDS_ESCAPE = /[\\`*_{}[\]<>()#!|~&@\r\n\t\u2028\u2029]|:\/\/|www\.|mailto:|^\s*(?:[-+=]|\d+\.)/i;
const MERMAID_SPECIAL = /[#"<>|`;%\r\n\t\u2028\u2029]/;

/** Inline Markdown text on one line: markup escaped, URLs shown as code so they never become links. */
export function mdInline(text: string): string {
  // Most labels need no escaping; the single test keeps 10,000-component reports linear and fast.
  if (!NEEDS_ESCAPE.test(text)) return text.trim();
  const oneLine = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
  let out = '';
  let last = 0;
  for (const match of oneLine.matchAll(URL_PATTERN)) {
    out += escapePlain(oneLine.slice(last, match.index));
    out += codeSpan(match[0]);
    last = match.index + match[0].length;
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

function escapePlain(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(PUNCTUATION, (c) => `\\${c}`)
      .replace(/^[-+=]/, (m) => `\\${m}`)
      // CommonMark only honours a backslash before punctuation: "3\." stops an ordered list, "\3." would show.
      .replace(/^(\d+)\./, '$1\\.')
  );
}

function codeSpan(raw: string): string {
  // Pipes and backslashes are percent-encoded: inside a table a pipe would end the cell whatever
  // precedes it, and inside a URL the encoded form means the same thing.
  const text = raw.replace(/\|/g, '%7C').replace(/\\/g, '%5C');
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
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
      .trim()
  );
}
