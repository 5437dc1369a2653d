import * as jsonc from 'jsonc-parser';

/** A span of the source text, 1-based lines and columns (UTF-16 code units), end exclusive. */
export interface TextRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** The arrays of a model document whose objects carry an `id`, and the other places findings point at. */
export type LocatedCollection = 'components' | 'dataFlows' | 'trustBoundaries' | 'userThreats';

/**
 * Finds where things stand in the text of a model file, so a code-scanning annotation lands on
 * the element's object and not on line 1. The text is parsed once (jsonc-parser, tolerant, no
 * evaluation); elements are found by their `id`, not by their index, so a document the parser
 * reordered or migrated still points at the right object.
 */
export interface JsonLocator {
  /** The object of the element with this id in one of the document's arrays. */
  element(collection: LocatedCollection, id: string): TextRegion | undefined;
  /** The value of a top-level property (`meta`), or of `triage[key]`. */
  property(path: readonly string[]): TextRegion | undefined;
}

export function jsonLocator(text: string): JsonLocator {
  const root = jsonc.parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  const lineStarts = lineStartsOf(text);
  const region = (node: jsonc.Node): TextRegion => {
    const start = position(lineStarts, text, node.offset);
    const end = position(lineStarts, text, node.offset + node.length);
    return {
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  };
  // Each array is indexed on first use: a report on 10,000 components looks each id up in O(1).
  const indexes = new Map<LocatedCollection, Map<string, jsonc.Node>>();
  const indexOf = (collection: LocatedCollection) => {
    let index = indexes.get(collection);
    if (index) return index;
    index = new Map();
    const array = root && jsonc.findNodeAtLocation(root, [collection]);
    for (const item of array?.type === 'array' ? (array.children ?? []) : []) {
      const id = item.type === 'object' ? jsonc.findNodeAtLocation(item, ['id']) : undefined;
      if (id?.type === 'string' && typeof id.value === 'string' && !index.has(id.value))
        index.set(id.value, item);
    }
    indexes.set(collection, index);
    return index;
  };
  return {
    element: (collection, id) => {
      const node = root ? indexOf(collection).get(id) : undefined;
      return node && region(node);
    },
    property: (path) => {
      const node = root && jsonc.findNodeAtLocation(root, [...path]);
      return node && region(node);
    },
  };
}

/** Offsets at which each line starts; "\r\n", "\n" and a lone "\r" end a line (SARIF §3.30.4). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

function position(lineStarts: readonly number[], text: string, offset: number) {
  // The last line start at or before the offset: a binary search.
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  // A byte-order mark is not a column anyone sees in an editor.
  const bom = low === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return { line: low + 1, column: offset - lineStarts[low]! - bom + 1 };
}
