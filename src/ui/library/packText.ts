/**
 * Each rule pack's content as JSON text, kept apart from the record format (packRecord.ts) so the
 * editor's first JavaScript needs only this.
 */

const texts = new WeakMap<object, string>();

/**
 * A pack's content as JSON text, made once per content: what is stored and what is sent to the
 * worker with every job. A 900 KB pack costs 2–10 ms to stringify on the page, and a structured
 * clone of it several times that; the text of content nothing changes is the same every time.
 */
export function packText(content: unknown): string {
  if (content === null || typeof content !== 'object') return JSON.stringify(content) ?? 'null';
  let text = texts.get(content);
  if (text === undefined) {
    text = JSON.stringify(content);
    texts.set(content, text);
  }
  return text;
}

/** Tells packText the text of content the page parsed from it (the worker's canonical text). */
export function rememberPackText(content: unknown, text: string): void {
  if (content !== null && typeof content === 'object') texts.set(content, text);
}
