import type { Write } from './output';

/**
 * Writes `JSON.stringify(value, null, 2)` plus a newline — byte for byte — in pieces: the first
 * `depth` levels of objects and arrays are written entry by entry, deeper values as one piece
 * each. For the JSON report (depth 2) a piece is one finding, so a report far over the output
 * limit is stopped early instead of being built as one string (which fails past ~512 MB with
 * "Invalid string length").
 *
 * Belongs in the core next to renderJsonReport once the core writes reports in pieces.
 */
export function writeJsonInPieces(value: unknown, write: Write, depth = 2): void {
  writeValue(value, '', '', depth, write);
  write('\n');
}

/** What JSON.stringify does with a value before writing it: toJSON, then dropping the unwritable. */
function jsonValue(value: unknown, key: string): unknown {
  const v =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
      ? (value as { toJSON: (key: string) => unknown }).toJSON(key)
      : value;
  return typeof v === 'function' || typeof v === 'symbol' ? undefined : v;
}

function writeValue(value: unknown, key: string, indent: string, depth: number, write: Write): void {
  const v = jsonValue(value, key);
  if (depth === 0 || v === null || typeof v !== 'object') {
    // Strings in JSON never hold a raw line break, so every "\n" here is between lines.
    write((JSON.stringify(v, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return write('[]');
    write('[\n');
    v.forEach((item, i) => {
      write(inner);
      writeValue(item, String(i), inner, depth - 1, write);
      write(i < v.length - 1 ? ',\n' : '\n');
    });
    return write(`${indent}]`);
  }
  const entries = Object.keys(v).filter((k) => jsonValue((v as Record<string, unknown>)[k], k) !== undefined);
  if (entries.length === 0) return write('{}');
  write('{\n');
  entries.forEach((k, i) => {
    write(`${inner}${JSON.stringify(k)}: `);
    writeValue((v as Record<string, unknown>)[k], k, inner, depth - 1, write);
    write(i < entries.length - 1 ? ',\n' : '\n');
  });
  write(`${indent}}`);
}
