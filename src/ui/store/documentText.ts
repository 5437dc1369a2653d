import { serialisedParts, type ThreatModelDocument } from '../../core';

/**
 * serialiseDocument's text, byte for byte, with the text of every part kept between calls: the
 * autosave after each edit stringified the whole document (a 45 ms task at 10,000 components,
 * up to 140 ms). Documents are immutable with structural sharing, so a part (an element, a triage
 * entry, a whole list) that is the same object as at the last save has the same text; only the
 * parts an edit replaced are stringified again, and the rest is joined.
 *
 * The text is assembled as JSON.stringify(…, null, 2) lays it out, each part written as it is
 * indented where it sits (see `nested`).
 */

/**
 * Text of parts by the part object, already indented for where it sits in the document. Only
 * frozen parts are kept (the store freezes every document): a part that can still change is
 * written afresh each time.
 */
const partText = new WeakMap<object, string>();

/**
 * `value` as JSON.stringify(…, null, 2) writes it `depth` (1 or 2) levels down: stringified inside
 * as many arrays, which are then cut away. Re-indenting the value's own text with replaceAll
 * gave strings that were several times slower to join.
 */
function nested(value: unknown, depth: 1 | 2): string {
  return depth === 1
    ? JSON.stringify([value], null, 2).slice('[\n  '.length, -'\n]'.length)
    : JSON.stringify([[value]], null, 2).slice('[\n  [\n    '.length, -'\n  ]\n]'.length);
}

function cached<T extends object>(part: T, write: (part: T) => string): string {
  let text = partText.get(part);
  if (text === undefined) {
    text = write(part);
    if (Object.isFrozen(part)) partText.set(part, text);
  }
  return text;
}

/** A list of the document's root, each item two levels down (as `"components": [ {…} ]` nests it). */
function listText<T extends object>(
  items: readonly T[],
  order: (item: T) => Record<string, unknown>,
): string {
  return cached(items, () => {
    if (items.length === 0) return '[]';
    const texts = itemTexts(items, order);
    return `[\n${texts.map((text) => `    ${text}`).join(',\n')}\n  ]`;
  });
}

/** Between two items of a list two levels down: only there is a line just `    },` (see below). */
const ITEM_SEPARATOR = '\n    },\n    {';

/**
 * The text of each item; those not kept yet are written together first (see writeItems).
 */
function itemTexts<T extends object>(
  items: readonly T[],
  order: (item: T) => Record<string, unknown>,
): string[] {
  const fresh = writeItems(
    items.filter((item) => !partText.has(item)),
    order,
  );
  return items.map((item) => partText.get(item) ?? fresh.get(item) ?? nested(order(item), 2));
}

/**
 * Writes the text of items not kept yet (all of them, the first save after opening a file)
 * together, several times cheaper than one by one, and splits it at the item boundaries: a
 * line break in JSON text is always layout (the ones in strings are escaped), and every line
 * inside an item is indented deeper than the item's own braces. Keeps what it wrote of frozen
 * items; returns all it wrote.
 */
function writeItems<T extends object>(
  items: readonly T[],
  order: (item: T) => Record<string, unknown>,
): Map<T, string> {
  const written = new Map<T, string>();
  if (items.length === 0) return written;
  const all = nested(items.map(order), 1);
  // The list's own brackets and the indentation of its first item, cut away.
  const pieces = all.slice('[\n    '.length, -'\n  ]'.length).split(ITEM_SEPARATOR);
  // An item written on one line (`{}`) has no such boundary: then each is written alone.
  const texts =
    pieces.length === items.length
      ? pieces.map((piece, i) => `${i > 0 ? '{' : ''}${piece}${i < pieces.length - 1 ? '\n    }' : ''}`)
      : items.map((item) => nested(order(item), 2));
  items.forEach((item, i) => {
    written.set(item, texts[i]!);
    if (Object.isFrozen(item)) partText.set(item, texts[i]!);
  });
  return written;
}

/**
 * Writes the text of up to `budget` items of `doc` not kept yet, so that a save soon after costs
 * only the joining: autosave calls it in short tasks before the first save of a big document
 * (writing 30,000 items at once was a task of about 100 ms). True once every item is kept.
 */
export function prepareDocumentText(doc: ThreatModelDocument, budget: number): boolean {
  const lists: [readonly object[], (item: never) => Record<string, unknown>][] = [
    [doc.trustBoundaries, serialisedParts.boundary],
    [doc.components, serialisedParts.component],
    [doc.dataFlows, serialisedParts.flow],
    [doc.userThreats, serialisedParts.userThreat],
  ];
  let left = budget;
  for (const [items, order] of lists) {
    if (partText.has(items)) continue;
    // Only what can be kept (frozen, as the store's documents are): the rest is written at the save.
    const missing = items.filter((item) => Object.isFrozen(item) && !partText.has(item));
    if (missing.length === 0) continue;
    if (left <= 0) return false;
    writeItems(missing.slice(0, left), order as (item: object) => Record<string, unknown>);
    left -= missing.length;
    if (left < 0) return false;
  }
  return true;
}

function triageText(triage: ThreatModelDocument['triage']): string {
  return cached(triage, () => {
    // The key order an object built from the sorted keys has (integer-like keys first, as in
    // serialiseDocument's Object.fromEntries).
    const keys = Object.keys(
      Object.fromEntries(
        Object.keys(triage)
          .sort()
          .map((k) => [k, 0]),
      ),
    );
    if (keys.length === 0) return '{}';
    const parts = keys.map(
      (key) =>
        `    ${JSON.stringify(key)}: ${cached(triage[key]!, (t) => nested(serialisedParts.triage(t), 2))}`,
    );
    return `{\n${parts.join(',\n')}\n  }`;
  });
}

export function serialiseDocumentCached(doc: ThreatModelDocument): string {
  const entries: [string, string][] = [];
  if (doc.$schema !== undefined) entries.push(['$schema', JSON.stringify(doc.$schema)]);
  entries.push(
    ['format', JSON.stringify(doc.format)],
    ['schemaVersion', JSON.stringify(doc.schemaVersion)],
    ['meta', nested(serialisedParts.meta(doc.meta), 1)],
    ['trustBoundaries', listText(doc.trustBoundaries, serialisedParts.boundary)],
    ['components', listText(doc.components, serialisedParts.component)],
    ['dataFlows', listText(doc.dataFlows, serialisedParts.flow)],
    ['triage', triageText(doc.triage)],
  );
  if (doc.userThreats.length > 0)
    entries.push(['userThreats', listText(doc.userThreats, serialisedParts.userThreat)]);
  // Parsed data, so always something JSON writes (a function would have its key left out).
  if (doc.interop !== undefined && typeof doc.interop !== 'function')
    entries.push(['interop', nested(doc.interop, 1)]);
  const lines = entries.map(([key, text]) => `  ${JSON.stringify(key)}: ${text}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
