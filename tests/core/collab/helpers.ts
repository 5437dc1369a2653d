import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import * as Y from 'yjs';
import {
  parseDocument,
  parseDocumentText,
  readDocumentFromY,
  shippedLibrary,
  type ThreatModelDocument,
} from '../../../src/core/index';

export const options = { catalogue: shippedLibrary().catalogue };

const examplesDir = path.join(import.meta.dirname, '../../../examples');

export const exampleFiles = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.aitm.json'))
  .sort();

export function loadExample(file: string): ThreatModelDocument {
  const parsed = parseDocumentText(readFileSync(path.join(examplesDir, file), 'utf8'), options);
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  return parsed.value;
}

/** Reads a Y.Doc that must hold a valid model. */
export function readOk(ydoc: Y.Doc, previous: ThreatModelDocument | null = null): ThreatModelDocument {
  const result = readDocumentFromY(ydoc, previous, options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 5)));
  // Whatever the reader accepts, the file gate accepts as it is (nothing added, nothing dropped).
  const gate = parseDocument(result.document, options);
  if (!gate.ok) throw new Error(`accepted an invalid model: ${JSON.stringify(gate.problems.slice(0, 5))}`);
  expect(gate.value).toEqual(result.document);
  return result.document;
}

/** Sends each doc's missing updates to the other, as a provider would. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
