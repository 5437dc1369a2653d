import { neutraliseControls } from '../core';

/**
 * Text for a terminal or a CI log, made safe line by line. Messages echo file names, labels and
 * paths from files a pull request controls. The core already makes control characters visible
 * in problems; this is the last line of defence for every message: line breaks only where the
 * CLI put them, no control or bidi character, and no line that a CI runner takes for a command —
 * GitHub's `::error::` / `::add-mask::` (at the start of a line, after blanks), Azure's `##[…]`
 * at the start and `##vso[` anywhere.
 */
export function terminalSafe(text: string): string {
  return text.split('\n').map(safeLine).join('\n');
}

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * An untrusted value (a file name, a label) for a message: on one line, every control and bidi
 * character made visible. The sink cannot tell a line break inside a file name from the CLI's
 * own, so values are neutralised where they are put into a message.
 */
export function oneLine(value: string): string {
  // Bidi marks and invisible characters the core leaves: they reorder or hide what is read.
  return neutraliseControls(value).replace(/[\u061c\u200b-\u200f\ufeff]/g, escape);
}

function safeLine(line: string): string {
  return oneLine(line)
    .replace(/^(\s*)([:#])(?=\2)/, (_, blanks: string, c: string) => `${blanks}${escape(c)}`)
    .replace(/##vso\[/gi, (m) => `${escape('#')}${m.slice(1)}`);
}
