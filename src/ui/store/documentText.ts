import { serialisedParts, type ThreatModelDocument } from '../../core';

/**
 * serialiseDocument's text, byte for byte, with the text of every part kept between calls: the
 * autosave after each edit stringified the whole document (a 45 ms task at 10,000 components,
 * up to 140 ms). Documents are immutable with structural sharing, so a part (an element, a triage
 * entry, a whole list) that is the same object as at the last save has the same text; only the
 * parts an edit replaced are stringified again, and the rest is joined.
 *
 * The text is assembled as JSON.stringify(…, null, 2) lays it out: a value nested `depth` levels
 * down is its own two-space text with every line after the first indented by 2 × depth spaces
 * (a line break inside a value is always layout: JSON escapes the ones in strings).
 */

/**
 * Text of parts by the part object, already indented for where it sits in the document. Only
 * frozen parts are kept (the store freezes every document): a part that can still change is
 * written afresh each time.
 */
const partText = new WeakMap<object, string>();

const indented = (value: unknown, depth: number): string | undefined => {
  const text = JSON.stringify(value, null, 2) as string | undefined;
  return depth === 0 || text === undefined ? text : text.replaceAll('\n', `\n${'  '.repeat(depth)}`);
};

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
    const parts = items.map((item) => `    ${cached(item, (it) => indented(order(it), 2)!)}`);
    return `[\n${parts.join(',\n')}\n  ]`;
  });
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
        `    ${JSON.stringify(key)}: ${cached(triage[key]!, (t) => indented(serialisedParts.triage(t), 2)!)}`,
    );
    return `{\n${parts.join(',\n')}\n  }`;
  });
}

export function serialiseDocumentCached(doc: ThreatModelDocument): string {
  const entries: [string, string | undefined][] = [];
  if (doc.$schema !== undefined) entries.push(['$schema', JSON.stringify(doc.$schema)]);
  entries.push(
    ['format', JSON.stringify(doc.format)],
    ['schemaVersion', JSON.stringify(doc.schemaVersion)],
    ['meta', indented(serialisedParts.meta(doc.meta), 1)],
    ['trustBoundaries', listText(doc.trustBoundaries, serialisedParts.boundary)],
    ['components', listText(doc.components, serialisedParts.component)],
    ['dataFlows', listText(doc.dataFlows, serialisedParts.flow)],
    ['triage', triageText(doc.triage)],
  );
  if (doc.userThreats.length > 0)
    entries.push(['userThreats', listText(doc.userThreats, serialisedParts.userThreat)]);
  if (doc.interop !== undefined) entries.push(['interop', indented(doc.interop, 1)]);
  // A value JSON cannot write (undefined) leaves its key out, as JSON.stringify does.
  const lines = entries
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, text]) => `  ${JSON.stringify(key)}: ${text}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}
