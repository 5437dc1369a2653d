/**
 * Finds the text a GFM renderer would turn into a link: `scheme://…`, `www.…`, `mailto:…` and
 * e-mail addresses, each running to the next white space. The Markdown report shows them as code.
 *
 * It finds exactly what this regular expression (flags `gi`) finds, left to right:
 *
 *     (?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s]*|[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[^\s@]+
 *
 * but in linear time. The expression itself backtracks: from every letter of a long run it scans
 * the run again looking for `://`, and from every character of a long run it scans again looking
 * for `@`, so a 2 MB label took minutes. Here each run is measured once and reused by every start
 * position inside it. No \b: GFM autolinks "http://" and "www." even when glued to a letter.
 */
export function* findUrls(text: string): Generator<[start: number, end: number]> {
  const n = text.length;
  // The end of the [a-z0-9+.-] run starting at `schemeFrom`, and of the e-mail-local run
  // ([^\s@<>()[\]]) starting at `localFrom`: every start inside a run shares the run's end.
  let schemeFrom = -1;
  let schemeEnd = -1;
  let localFrom = -1;
  let localEnd = -1;
  // The result of the domain check after the `@` at `domainAt` (end of the match, or -1).
  let domainAt = -1;
  let domainEnd = -1;
  let p = 0;
  while (p < n) {
    const c = text.charCodeAt(p);
    let end = -1;
    if (isLetter(c)) {
      if (!(p + 1 > schemeFrom && p + 1 <= schemeEnd)) {
        schemeFrom = p + 1;
        schemeEnd = runEnd(text, p + 1, isSchemeChar);
      }
      if (text.startsWith('://', schemeEnd)) end = nextSpace(text, schemeEnd + 3);
    }
    if (end < 0 && (c === 0x77 || c === 0x57) && startsWithIgnoringCase(text, p, 'www.'))
      end = nextSpace(text, p + 4);
    if (end < 0 && (c === 0x6d || c === 0x4d) && startsWithIgnoringCase(text, p, 'mailto:'))
      end = nextSpace(text, p + 7);
    if (end < 0 && isLocalChar(c)) {
      if (!(p > localFrom && p < localEnd) && p !== localFrom) {
        localFrom = p;
        localEnd = runEnd(text, p, isLocalChar);
      }
      const at = localEnd;
      if (text.charCodeAt(at) === 0x40 /* @ */) {
        if (domainAt !== at) {
          domainAt = at;
          domainEnd = emailDomainEnd(text, at);
        }
        end = domainEnd;
      }
    }
    if (end > p) {
      yield [p, end];
      p = end;
    } else p++;
  }
}

/**
 * After the `@` at `at`: `[^\s@<>()[\]]+\.[^\s@]+`, greedy. The local run after the `@` must
 * contain a dot with at least one character of the run before it and, after it, either more of
 * the run or a character that is not white space or `@`. The match ends at the next white space
 * or `@` after the dot (-1: no match).
 */
function emailDomainEnd(text: string, at: number): number {
  const from = at + 1;
  const end = runEnd(text, from, isLocalChar);
  // The last dot the greedy run can give back to `\.`; if nothing may follow it, the one before.
  for (let d = end - 1; d >= from + 1; d--) {
    if (text.charCodeAt(d) !== 0x2e /* . */) continue;
    if (
      d + 1 < end ||
      (d + 1 < text.length && !isSpace(text.charCodeAt(d + 1)) && text.charCodeAt(d + 1) !== 0x40)
    )
      return nextSpaceOrAt(text, d + 1);
  }
  return -1;
}

function runEnd(text: string, from: number, inRun: (c: number) => boolean): number {
  let i = from;
  while (i < text.length && inRun(text.charCodeAt(i))) i++;
  return i;
}

function nextSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isSpace(text.charCodeAt(i))) i++;
  return i;
}

function nextSpaceOrAt(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x40) i++;
  return i;
}

function startsWithIgnoringCase(text: string, at: number, lower: string): boolean {
  if (at + lower.length > text.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const c = text.charCodeAt(at + i);
    // ASCII only, as /i does without the u flag: A-Z fold to a-z, nothing else folds to ASCII.
    if ((c >= 0x41 && c <= 0x5a ? c + 0x20 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** [a-z0-9+.-] with the i flag. */
function isSchemeChar(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2e || c === 0x2d;
}

/** [^\s@<>()[\]] */
function isLocalChar(c: number): boolean {
  return (
    !isSpace(c) &&
    c !== 0x40 &&
    c !== 0x3c &&
    c !== 0x3e &&
    c !== 0x28 &&
    c !== 0x29 &&
    c !== 0x5b &&
    c !== 0x5d
  );
}

/** \s of JavaScript regular expressions: ECMAScript WhiteSpace and LineTerminator. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
