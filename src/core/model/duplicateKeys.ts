import { LIMITS } from '../limits';
import { formatPath, quote, type Problem } from './problems';

/**
 * Duplicate keys in JSON text. `JSON.parse` keeps the last of `"status":"open","status":"accepted"`
 * while a reviewer reading the diff, an editor or another parser may see the first: the file would
 * show people one thing and the gate another. Strict JSON therefore refuses any key twice in one
 * object, with the JSON path of the second.
 *
 * The text must already be valid JSON (JSON.parse accepted it), so the scan only tracks strings,
 * brackets, commas and colons. It keeps its own stack instead of recursing, so a 100,000-deep file
 * costs memory proportional to its size and never the call stack.
 */
export function findDuplicateKeys(
  text: string,
  maxProblems: number = LIMITS.reportedProblems.value,
): Problem[] {
  const problems: Problem[] = [];
  // One frame per open object or array: the keys seen so far (objects) and the current position.
  const frames: Frame[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && problems.length < maxProblems) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = frames[frames.length - 1];
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.keys.addIfNew(key) === false)
          problems.push({
            path: formatPath([...pathOf(frames), key]),
            message: `duplicate key ${quote(key)}: strict JSON allows a key once per object, since readers disagree on which value counts`,
          });
        top.key = key;
        top.expectKey = false;
      }
      i = end + 1;
      continue;
    }
    // Past the depth limit the structural scan refuses the file anyway; keys are no longer tracked.
    if (c === 0x7b /* { */)
      frames.push({
        keys: frames.length < LIMITS.jsonDepth.value ? new KeySet() : null,
        key: '',
        expectKey: true,
      });
    else if (c === 0x5b /* [ */) frames.push({ keys: null, key: 0, expectKey: false });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) frames.pop();
    else if (c === 0x2c /* , */) {
      const top = frames[frames.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.key = (top.key as number) + 1;
    }
    i++;
  }
  return problems;
}

/** Index of the quote closing the string that opens at `start` (the text is valid JSON). */
function stringEnd(text: string, start: number): number {
  let q = text.indexOf('"', start + 1);
  for (;;) {
    // A quote preceded by an odd number of backslashes is escaped.
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
}

interface Frame {
  keys: KeySet | null;
  key: string | number;
  expectKey: boolean;
}

/**
 * The keys of one object. Most objects of a model have a handful of keys, for which a list
 * searched in order is several times cheaper than a Set (created once per object); a Set takes
 * over past SMALL keys, so an object of 100,000 keys still costs linear time.
 */
class KeySet {
  private static readonly SMALL = 12;
  private list: string[] = [];
  private set: Set<string> | null = null;
  /** Adds `key`; false when it was already there. */
  addIfNew(key: string): boolean {
    if (this.set) {
      if (this.set.has(key)) return false;
      this.set.add(key);
      return true;
    }
    if (this.list.includes(key)) return false;
    this.list.push(key);
    if (this.list.length > KeySet.SMALL) this.set = new Set(this.list);
    return true;
  }
}

/** The path of the innermost open value, for a message: only built when a duplicate is found. */
function pathOf(frames: readonly Frame[]): (string | number)[] {
  // The last frame is the object holding the duplicate; the others contribute the key they are at.
  return frames.slice(0, -1).map((f) => f.key);
}
