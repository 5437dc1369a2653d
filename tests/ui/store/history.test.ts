// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  addComponent,
  removeElements,
  renameDocument,
  serialiseDocument,
  updateComponent,
} from '../../../src/core/index';
import { syntheticModel } from '../../../bench/syntheticModel';
import { createAppStore } from '../../../src/ui/store/createAppStore';
import { patchBytes } from '../../../src/ui/store/documentPatches';
import { HISTORY_LIMIT, pastDocuments } from '../../../src/ui/store/middleware';
import { testLibrary } from '../helpers/testLibrary';

const library = testLibrary();

describe('undo history of patches', () => {
  it('undo and redo through patches give back exactly the same serialised documents', () => {
    const store = createAppStore({ library, document: syntheticModel(300) });
    const { components } = store.getState().document;
    const versions = [serialiseDocument(store.getState().document)];
    const edits = [
      (d: Parameters<typeof renameDocument>[0]) => renameDocument(d, 'Renamed'),
      (d: Parameters<typeof renameDocument>[0]) => updateComponent(d, components[7]!.id, { label: 'Seven' }),
      (d: Parameters<typeof renameDocument>[0]) => addComponent(d, { id: 'c-x', type: 'llm', label: 'X' }),
      (d: Parameters<typeof renameDocument>[0]) => removeElements(d, [components[0]!.id, components[99]!.id]),
    ];
    for (const edit of edits) {
      store.getState().change(edit);
      versions.push(serialiseDocument(store.getState().document));
    }
    for (let i = versions.length - 2; i >= 0; i--) {
      store.getState().undo();
      expect(serialiseDocument(store.getState().document)).toBe(versions[i]);
    }
    store.getState().undo();
    expect(serialiseDocument(store.getState().document)).toBe(versions[0]);
    for (let i = 1; i < versions.length; i++) {
      store.getState().redo();
      expect(serialiseDocument(store.getState().document)).toBe(versions[i]);
    }
    expect(store.getState().history.future).toHaveLength(0);
  });

  it('a new change after undo clears the redo steps', () => {
    const store = createAppStore({ library, document: syntheticModel(20) });
    store.getState().change((d) => renameDocument(d, 'A'));
    store.getState().change((d) => renameDocument(d, 'B'));
    store.getState().undo();
    expect(store.getState().history.future).toHaveLength(1);
    store.getState().change((d) => renameDocument(d, 'C'));
    expect(store.getState().history.future).toHaveLength(0);
    store.getState().redo();
    expect(store.getState().document.meta.title).toBe('C');
  });

  it('typing in one field coalesces into one step that keeps only the first and last values', () => {
    let now = 0;
    const store = createAppStore({ library, document: syntheticModel(50), now: () => now });
    const id = store.getState().document.components[3]!.id;
    const original = serialiseDocument(store.getState().document);
    const word = 'A label typed one key at a time';
    for (let i = 1; i <= word.length; i++) {
      now += 100;
      store
        .getState()
        .change((d) => updateComponent(d, id, { label: word.slice(0, i) }), { coalesce: `label:${id}` });
    }
    const { past } = store.getState().history;
    expect(past).toHaveLength(1);
    expect(past[0]!.patches).toHaveLength(1);
    expect(past[0]!.inverse).toHaveLength(1);
    store.getState().undo();
    expect(serialiseDocument(store.getState().document)).toBe(original);
    store.getState().redo();
    expect(store.getState().document.components[3]!.label).toBe(word);
  });

  it('coalesced changes of different paths undo together', () => {
    let now = 0;
    const store = createAppStore({ library, document: syntheticModel(50), now: () => now });
    const [a, b] = store.getState().document.components;
    const original = serialiseDocument(store.getState().document);
    store.getState().change((d) => updateComponent(d, a!.id, { label: 'one' }), { coalesce: 'k' });
    now += 10;
    store
      .getState()
      .change((d) => addComponent(d, { id: 'c-z', type: 'llm', label: 'Z' }), { coalesce: 'k' });
    now += 10;
    store.getState().change((d) => updateComponent(d, b!.id, { label: 'two' }), { coalesce: 'k' });
    expect(store.getState().history.past).toHaveLength(1);
    const edited = serialiseDocument(store.getState().document);
    store.getState().undo();
    expect(serialiseDocument(store.getState().document)).toBe(original);
    store.getState().redo();
    expect(serialiseDocument(store.getState().document)).toBe(edited);
  });

  it('keeps at most HISTORY_LIMIT steps, and the oldest reachable version is the right one', () => {
    const store = createAppStore({ library, document: syntheticModel(20) });
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store.getState().change((d) => renameDocument(d, `t${i}`));
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
    while (store.getState().history.past.length > 0) store.getState().undo();
    expect(store.getState().document.meta.title).toBe('t4');
  });

  it('opening a document starts a new history', () => {
    const store = createAppStore({ library, document: syntheticModel(20) });
    store.getState().change((d) => renameDocument(d, 'A'));
    store.getState().replaceDocument(syntheticModel(10));
    expect(store.getState().history).toMatchObject({ past: [], future: [] });
  });

  it('pastDocuments rebuilds every version of the history, newest first', () => {
    const store = createAppStore({ library, document: syntheticModel(20) });
    for (const t of ['A', 'B', 'C']) store.getState().change((d) => renameDocument(d, t));
    const titles = [...pastDocuments(store.getState().history, store.getState().document)].map(
      (d) => d.meta.title,
    );
    expect(titles).toEqual(['B', 'A', 'Synthetic 20']);
  });

  it('200 edits of a 10,000-component model keep patches, not 200 documents', () => {
    const store = createAppStore({ library, document: syntheticModel(10_000) });
    const size = serialiseDocument(store.getState().document).length;
    const ids = store.getState().document.components.map((c) => c.id);
    for (let i = 0; i < HISTORY_LIMIT; i++)
      store.getState().change((d) => updateComponent(d, ids[(i * 37) % ids.length]!, { label: `edit ${i}` }));
    const { past } = store.getState().history;
    expect(past).toHaveLength(HISTORY_LIMIT);
    const bytes = past.reduce((sum, s) => sum + patchBytes(s.patches) + patchBytes(s.inverse), 0);
    // One component edit: a replaced component each way, a few hundred bytes, whatever the model's size.
    expect(bytes / HISTORY_LIMIT).toBeLessThan(1000);
    expect(bytes).toBeLessThan(size / 10);
    for (const step of past)
      for (const p of [...step.patches, ...step.inverse]) expect(p.path).toHaveLength(2);
  });
});
