/** Text for the diagram SVG: untrusted labels made safe for XML and fitted to their boxes. */

/**
 * Characters that never reach the SVG: C0/C1 controls and DEL (most are not even allowed in XML),
 * line and paragraph separators, bidi embeddings, overrides, isolates and marks (which could make
 * a label read differently from what it contains), zero-width characters and the BOM, lone
 * surrogates and the non-characters U+FFFE/U+FFFF (not allowed in XML).
 */
const STRIPPED =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` without the characters of STRIPPED, runs of white space collapsed to one space. */
export function cleanText(text: string): string {
  return text
    .replace(/[\t\n\r\u2028\u2029]+/g, ' ')
    .replace(STRIPPED, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Untrusted text as XML character data or attribute value: cleaned, then `& < > " '` escaped. */
export function xmlText(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Widths in em of the ASCII characters, roughly, for a sans-serif font (see textWidth). */
const ASCII_EM = (() => {
  const em = new Float64Array(128).fill(0.58);
  const set = (chars: string, width: number) => {
    for (const c of chars) em[c.charCodeAt(0)] = width;
  };
  set('ABCDEFGHIJKLNOPQRSTUVXYZ0123456789', 0.68);
  set("il.,:;'|!", 0.3);
  set('fjrt()[]{} -', 0.4);
  set('mwMW@', 0.9);
  return em;
})();

/** Width of one character in em: ASCII from the table, wide (CJK and beyond) scripts as 1 em. */
function charEm(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 128) return ASCII_EM[code]!;
  return code > 0x2e80 ? 1 : 0.58;
}

/** Bold text is this much wider (DejaVu Sans Bold against DejaVu Sans, the widest common pair). */
export const BOLD = 1.08;

/**
 * Estimated width of `text` in a sans-serif font at `fontSize`: no font metrics exist in the
 * core, so wide and narrow letters get rough factors. It errs on the wide side, so that fitted
 * text stays inside its box in the fonts renderers pick (DejaVu Sans is among the widest).
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const char of text) em += charEm(char);
  return em * fontSize;
}

/** The longest start of `text` that fits `width` with a trailing "…" (whole code points). Linear. */
export function ellipsis(text: string, width: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= width) return text;
  const room = width / fontSize - charEm('…');
  let em = 0;
  let kept = '';
  for (const char of text) {
    em += charEm(char);
    if (em > room) break;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}

/**
 * `text` broken into at most `maxLines` lines of at most `width`: at spaces where it can, inside
 * a word that is too long by itself; the last line ends with "…" when the text does not fit.
 * Linear in the length of the text (labels are untrusted and may be long).
 */
export function wrapText(text: string, width: number, fontSize: number, maxLines: number): string[] {
  const clean = cleanText(text);
  if (clean === '') return [];
  const room = width / fontSize;
  const lines: string[] = [];
  let rest = clean;
  while (lines.length < maxLines - 1 && textWidth(rest, fontSize) > width) {
    const words = rest.split(' ');
    let line = '';
    let em = 0;
    let used = 0;
    for (const word of words) {
      const wordEm = textWidth(word, 1) + (used > 0 ? charEm(' ') : 0);
      if (em + wordEm > room) break;
      line = used > 0 ? `${line} ${word}` : word;
      em += wordEm;
      used++;
    }
    if (used === 0) {
      // A single word wider than the line: cut it where it stops fitting.
      let cut = '';
      let cutEm = 0;
      for (const char of words[0]!) {
        if (cut !== '' && cutEm + charEm(char) > room) break;
        cut += char;
        cutEm += charEm(char);
      }
      line = cut;
      rest = rest.slice(cut.length);
    } else rest = words.slice(used).join(' ');
    lines.push(line);
  }
  if (rest !== '') lines.push(ellipsis(rest, width, fontSize));
  return lines;
}
