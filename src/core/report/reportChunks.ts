import { LimitExceededError, LIMITS, describeLimit } from '../limits';
import { isSpace } from './findUrls';

/**
 * Helpers of the streaming reports: the CLI writes a report chunk by chunk instead of building one
 * string, so a large model never needs the whole report in memory (V8 cannot even hold a string
 * past about 512 M characters). The string functions are these chunks joined.
 */

/** Chunks are batched to about this many characters: few enough writes, small enough buffers. */
const CHUNK = 64 * 1024;

/**
 * Characters JSON.stringify leaves raw but that must not reach a reader raw: DEL and C1 controls,
 * line and paragraph separators, and the invisible bidi controls that reorder text on screen.
 * (C0 controls are already escaped by JSON.stringify.) They can only occur inside JSON strings, so
 * writing them as \u escapes keeps the parsed report equal.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `JSON.stringify(value, null, 2) + '\n'` in chunks, byte for byte: the top-level object key by
 * key, and its arrays (the findings) element by element. Nested values are stringified whole and
 * re-indented; JSON strings hold no raw line breaks, so indenting after every "\n" is exact.
 * With `itemsOnOneLine`, each element of a top-level array is written on a line of its own
 * without inner white space (the compact report: one finding per line, still diffable).
 */
export function* jsonChunks(
  value: Record<string, unknown>,
  { itemsOnOneLine = false }: { itemsOnOneLine?: boolean } = {},
): Generator<string> {
  // The values JSON.stringify leaves out of an object.
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  );
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  const batch = new Batch();
  batch.add('{\n');
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i]!;
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(v) && v.length > 0) {
      batch.add(`  ${JSON.stringify(key)}: [\n`);
      for (let j = 0; j < v.length; j++) {
        const item = (itemsOnOneLine ? JSON.stringify(v[j]) : JSON.stringify(v[j], null, 2)) ?? 'null';
        batch.add(`    ${itemsOnOneLine ? item : indent(item, '    ')}${j < v.length - 1 ? ',' : ''}\n`);
        if (batch.full) yield escapeJsonText(batch.take());
      }
      batch.add(`  ]${comma}\n`);
    } else batch.add(`  ${JSON.stringify(key)}: ${indent(JSON.stringify(v, null, 2)!, '  ')}${comma}\n`);
    if (batch.full) yield escapeJsonText(batch.take());
  }
  batch.add('}\n');
  yield escapeJsonText(batch.take());
}

const indent = (text: string, prefix: string) => text.replace(/\n/g, `\n${prefix}`);

/**
 * Lines joined with "\n", runs of three or more line breaks collapsed to two, trailing white
 * space trimmed and one final "\n": `lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n'`,
 * in chunks. White space is held back until something follows it, so that what the end trims is
 * never written and a run of line breaks is always collapsed whole.
 */
export function* normalisedLines(lines: Iterable<string>): Generator<string> {
  const batch = new Batch();
  let pending = '';
  let first = true;
  for (const line of lines) {
    const text = first ? line : `\n${line}`;
    first = false;
    let last = text.length - 1;
    while (last >= 0 && isSpace(text.charCodeAt(last))) last--;
    if (last < 0) {
      pending += text;
      continue;
    }
    const piece = `${pending}${text.slice(0, last + 1)}`;
    // The replacement only where it can change something: most lines hold no run of line breaks.
    batch.add(piece.includes('\n\n\n') ? piece.replace(/\n{3,}/g, '\n\n') : piece);
    pending = text.slice(last + 1);
    if (batch.full) yield batch.take();
  }
  batch.add('\n');
  yield batch.take();
}

/** Passes chunks through, refusing to go past LIMITS.outputBytes characters in total. */
export function* limitOutput(
  chunks: Iterable<string>,
  max: number = LIMITS.outputBytes.value,
): Generator<string> {
  let total = 0;
  for (const chunk of chunks) {
    total += chunk.length;
    if (total > max)
      throw new LimitExceededError(
        'outputBytes',
        '$',
        `the report would be larger than the limit: ${describeLimit('outputBytes')}`,
      );
    yield chunk;
  }
}

/** Small strings gathered into chunks of about CHUNK characters. */
class Batch {
  private parts: string[] = [];
  private size = 0;
  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }
  get full(): boolean {
    return this.size >= CHUNK;
  }
  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text;
  }
}
