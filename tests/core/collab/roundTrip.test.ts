import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createEmptyDocument,
  isEmptyModelY,
  serialiseDocument,
  writeDocumentToY,
} from '../../../src/core/index';
import { exampleFiles, loadExample, readOk, sync } from './helpers';

describe('Yjs mapping round trip', () => {
  it.each(exampleFiles)('%s reads back byte for byte', (file) => {
    const doc = loadExample(file);
    const ydoc = new Y.Doc();
    expect(isEmptyModelY(ydoc)).toBe(true);
    writeDocumentToY(ydoc, doc, null);
    expect(isEmptyModelY(ydoc)).toBe(false);
    expect(serialiseDocument(readOk(ydoc))).toBe(serialiseDocument(doc));
  });

  it.each(exampleFiles)('%s reaches a second peer byte for byte', (file) => {
    const doc = loadExample(file);
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeDocumentToY(a, doc, null);
    sync(a, b);
    expect(serialiseDocument(readOk(b))).toBe(serialiseDocument(doc));
  });

  it('writes in one transaction with the given origin', () => {
    const ydoc = new Y.Doc();
    const origins: unknown[] = [];
    ydoc.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
    const origin = { me: true };
    writeDocumentToY(ydoc, loadExample(exampleFiles[0]!), null, origin);
    expect(origins).toEqual([origin]);
  });

  it('a full write over a different model replaces it', () => {
    const ydoc = new Y.Doc();
    writeDocumentToY(ydoc, loadExample(exampleFiles[0]!), null);
    const other = loadExample(exampleFiles[1]!);
    writeDocumentToY(ydoc, other, null);
    expect(serialiseDocument(readOk(ydoc))).toBe(serialiseDocument(other));
    const empty = createEmptyDocument('Blank');
    writeDocumentToY(ydoc, empty, null);
    expect(serialiseDocument(readOk(ydoc))).toBe(serialiseDocument(empty));
  });
});
