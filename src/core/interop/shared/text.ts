/** Small text helpers shared by the importers and exporters. */

/** Cuts `text` to at most `max` characters (code points kept whole), ending with "…" when cut. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Do not leave half a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Characters that must not reach a terminal or a CI log as they are: C0 and C1 controls, DEL, the
 * Unicode line and paragraph separators, and the bidirectional formatting characters (which can
 * make a line read differently from what it contains). A line break in a quoted value could start
 * a forged line (`::error::` is a GitHub Actions workflow command) and ESC starts terminal escapes.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible escape of a control character: `\n`, `\r`, `\t`, otherwise `\u001b` and the like. */
function escapeControl(c: string): string {
  return SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character (see CONTROL) replaced by a visible escape. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, escapeControl);
}

/** Default length of a piece of file text quoted in a note or a message. */
export const QUOTE_MAX = 80;

/**
 * A piece of untrusted file text made safe to quote in a note or message: control characters
 * escaped (so it stays on one line and starts no terminal escape) and cut to at most `max`
 * characters, escapes included, ending with "…" when cut. Escapes and surrogate pairs are never
 * cut in half. Reads only the part of `text` that is kept.
 */
export function sanitiseQuoted(text: string, max = QUOTE_MAX): string {
  const pieces: string[] = [];
  let length = 0;
  for (const char of text) {
    const piece = CONTROL.test(char) ? escapeControl(char) : char;
    if (length + piece.length > max) {
      while (pieces.length > 0 && length + 1 > max) length -= pieces.pop()!.length;
      return `${pieces.join('')}…`;
    }
    pieces.push(piece);
    length += piece.length;
  }
  return pieces.join('');
}

/** A piece of file text in double quotes, sanitised (see sanitiseQuoted), for notes. */
export function quoted(text: string, max = QUOTE_MAX): string {
  return `"${sanitiseQuoted(text, max)}"`;
}

/** Trims and collapses a free-text value; `undefined` when nothing is left. */
export function nonEmpty(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const MAX_ID = 200;

/** True when `id` is a valid id of our document format. */
export function isValidId(id: string): boolean {
  return id.length <= MAX_ID && ID_PATTERN.test(id);
}

/**
 * Hands out ids that are valid in our format and unique across a document: keeps a foreign id when
 * it is both, otherwise repairs it (`fallback` when nothing usable is left) and adds a numeric
 * suffix until it is unique.
 */
export class IdAllocator {
  private readonly used = new Set<string>();
  /** The next suffix to try for each base, so that many clashing ids cost linear time. */
  private readonly nextSuffix = new Map<string, number>();

  constructor(taken: Iterable<string> = []) {
    for (const id of taken) this.used.add(id);
  }

  has(id: string): boolean {
    return this.used.has(id);
  }

  /** Reserves `wanted` (repaired if needed) and returns the id actually reserved. */
  take(wanted: string | undefined, fallback: string): string {
    let base = wanted !== undefined && isValidId(wanted) ? wanted : repair(wanted ?? '', fallback);
    if (!this.used.has(base)) {
      this.used.add(base);
      return base;
    }
    base = base.slice(0, MAX_ID - 8);
    for (let n = this.nextSuffix.get(base) ?? 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        this.nextSuffix.set(base, n + 1);
        return candidate;
      }
    }
  }
}

function repair(id: string, fallback: string): string {
  const cleaned = id
    .replace(/[^A-Za-z0-9_.:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, MAX_ID);
  return cleaned === '' ? fallback : cleaned;
}

/** "1 thing" / "2 things". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** Compares strings by code unit, the deterministic order used for every sorted output. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** JSON text the way every exporter writes it: two-space indentation and a final newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
