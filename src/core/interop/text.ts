/** Small text helpers shared by the importers and exporters. */

/** Cuts `text` to at most `max` characters (code points kept whole), ending with "…" when cut. */
export function clamp(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Do not leave half a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
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
    for (let n = 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
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
