// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renameDocument, serialiseDocument } from '../../src/core/index';
import { startupDocument } from '../../src/ui/documents/startupDocument';
import { restoreSnapshot } from '../../src/ui/documents/libraryActions';
import type { DocumentLibrary } from '../../src/ui/platform/documentLibrary';
import { indexedDbDocumentLibrary } from '../../src/ui/platform/indexedDbDocumentLibrary';
import { libraryDocumentSlot } from '../../src/ui/platform/libraryDocumentStorage';
import { AUTOSAVE_KEY } from '../../src/ui/platform/localDocumentStorage';
import { unavailableLibrary } from '../../src/ui/platform/unavailableLibrary';
import { decodeAutosave, encodeAutosave } from '../../src/ui/store/autosaveRecord';
import { STORAGE_FULL_WARNING } from '../../src/ui/store/persistence';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

let dbs = 0;
const freshLibrary = () =>
  indexedDbDocumentLibrary({ dbName: `persistence-test-${++dbs}`, broadcast: false });

/** The title stored in a record, read back the way the app reads it. */
async function storedTitle(library: DocumentLibrary, id: string): Promise<string | undefined> {
  const record = await library.load(id);
  const decoded = record ? decodeAutosave(record.text) : null;
  return decoded?.ok ? (decoded.document as { meta: { title: string } }).meta.title : undefined;
}

function appWithLibrary(library = freshLibrary()) {
  const slot = libraryDocumentSlot(library);
  return { library, ...renderApp({ storage: slot, documents: library }) };
}

describe('every model in its own library document', () => {
  it('a blank model after an edited one is a new document; the first keeps its edits and opens again', async () => {
    const { library, store, user } = appWithLibrary();
    await user.click(screen.getByRole('button', { name: 'Blank model' }));
    store.getState().change((d) => renameDocument(d, 'First model'));
    await store.getState().whenSaved();
    const first = store.getState().documentId!;
    expect(await storedTitle(library, first)).toBe('First model');

    store.getState().replaceDocument(apiModel());
    await store.getState().whenSaved();
    const second = store.getState().documentId!;
    expect(second).not.toBe(first);
    expect(await storedTitle(library, first)).toBe('First model');
    expect(await storedTitle(library, second)).toBe('Chat service');

    await user.click(screen.getByRole('button', { name: 'Documents…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Documents' });
    await within(dialog).findByRole('button', { name: 'Open First model' });
    await user.click(within(dialog).getByRole('button', { name: 'Open First model' }));
    await waitFor(() => expect(store.getState().document.meta.title).toBe('First model'));
    expect(store.getState().documentId).toBe(first);
  });

  it('opening a file creates a new document and snapshots the shown one first', async () => {
    const { library, store, user, platform } = appWithLibrary();
    store.getState().replaceDocument(apiModel());
    store.getState().change((d) => renameDocument(d, 'Mine, edited'));
    await store.getState().whenSaved();
    const mine = store.getState().documentId!;
    const other = { ...JSON.parse(serialiseDocument(apiModel())), meta: { title: 'From a file' } };
    platform.nextFile = new File([JSON.stringify(other)], 'other.aitm.json');
    await user.click(screen.getByRole('button', { name: 'Open file…' }));
    await waitFor(() => expect(store.getState().document.meta.title).toBe('From a file'));
    await store.getState().whenSaved();
    expect(store.getState().documentId).not.toBe(mine);
    expect(await storedTitle(library, mine)).toBe('Mine, edited');
    const snapshots = (await library.load(mine))!.snapshots;
    expect(snapshots.map((s) => s.label)).toEqual(['before import of other.aitm.json']);
    expect(JSON.parse(snapshots[0]!.text).meta.title).toBe('Mine, edited');
    expect((await library.list()).documents.map((d) => d.title).sort()).toEqual([
      'From a file',
      'Mine, edited',
    ]);
  });

  it('restoring a snapshot is one undoable change, after a snapshot of what it replaces', async () => {
    const services = appWithLibrary();
    const { library, store } = services;
    store.getState().replaceDocument(apiModel());
    await store.getState().takeSnapshot('good state');
    store.getState().change((d) => renameDocument(d, 'Ruined'));
    const id = store.getState().documentId!;
    const good = (await library.load(id))!.snapshots[0]!;
    expect(await restoreSnapshot({ store, documents: library }, id, good.id)).toBe(true);
    expect(store.getState().document.meta.title).toBe('Chat service');
    expect((await library.load(id))!.snapshots.map((s) => s.label)).toEqual([
      'good state',
      'before restore of “good state”',
    ]);
    store.getState().undo();
    expect(store.getState().document.meta.title).toBe('Ruined');
  });

  it('delete asks first, and Undo in the notice brings the document back', async () => {
    const library = freshLibrary();
    await library.save('doc-keep', { title: 'Keep me', text: serialiseDocument(apiModel()) }, null);
    const { user } = appWithLibrary(library);
    await user.click(await screen.findByRole('button', { name: 'Delete Keep me' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete “Keep me”?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(await library.load('doc-keep')).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Delete Keep me' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete “Keep me”?' })).getByRole('button', {
        name: 'Delete',
      }),
    );
    const notice = await screen.findByRole('status', { name: 'Document deleted' });
    expect(await library.load('doc-keep')).toBeNull();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete Keep me' })).toBeNull());
    await user.click(within(notice).getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('button', { name: 'Open Keep me' })).toBeTruthy();
    expect((await library.load('doc-keep'))?.title).toBe('Keep me');
  });

  it('two tabs on the same document: the stale one is warned, not written; different documents do not conflict', async () => {
    const library = freshLibrary();
    const a = libraryDocumentSlot(library);
    const tabA = renderApp({ storage: a, tabId: 'tab-a', document: apiModel() });
    tabA.store.getState().replaceDocument(apiModel());
    await tabA.store.getState().whenSaved();
    const id = tabA.store.getState().documentId!;

    const b = libraryDocumentSlot(library, await library.load(id));
    const tabB = renderApp({ storage: b, tabId: 'tab-b' });
    tabA.store.getState().change((d) => renameDocument(d, 'A2'));
    await tabA.store.getState().whenSaved();
    tabB.store.getState().change((d) => renameDocument(d, 'B2'));
    await tabB.store.getState().whenSaved();
    await waitFor(() => expect(tabB.store.getState().autosaveConflict).not.toBeNull());
    expect(await storedTitle(library, id)).toBe('A2');

    // A third tab on another document writes freely.
    const c = libraryDocumentSlot(library);
    const tabC = renderApp({ storage: c, tabId: 'tab-c', document: apiModel() });
    tabC.store.getState().replaceDocument(apiModel());
    tabC.store.getState().change((d) => renameDocument(d, 'C'));
    await tabC.store.getState().whenSaved();
    expect(tabC.store.getState().autosaveConflict).toBeNull();
    expect(await storedTitle(library, tabC.store.getState().documentId!)).toBe('C');
    expect(await storedTitle(library, id)).toBe('A2');
  });

  it('without a working library the editor works in memory and warns', async () => {
    const { store } = renderApp({ storage: libraryDocumentSlot(unavailableLibrary()) });
    store.getState().replaceDocument(apiModel());
    store.getState().change((d) => renameDocument(d, 'Only here'));
    await store.getState().whenSaved();
    await waitFor(() => expect(store.getState().storageWarning).toBe(STORAGE_FULL_WARNING));
    expect(store.getState().document.meta.title).toBe('Only here');
  });
});

describe('migrating the autosave of earlier builds', () => {
  const legacy = () => encodeAutosave(apiModel(), { owner: 'old', revision: 7, savedAt: 1234 });

  it('becomes a library document, opens, and the old key goes only after the write', async () => {
    const library = freshLibrary();
    localStorage.setItem(AUTOSAVE_KEY, legacy());
    const start = await startupDocument(library, localStorage, sessionStorage);
    expect(start.libraryWorks).toBe(true);
    expect(start.record).toMatchObject({ title: 'Chat service', updatedAt: 1234 });
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    expect((await library.list()).documents.map((d) => d.title)).toEqual(['Chat service']);
    const { store } = renderApp({ storage: libraryDocumentSlot(library, start.record) });
    expect(store.getState().view).toBe('editor');
    expect(store.getState().document.meta.title).toBe('Chat service');
  });

  it('takes its title and date from the record, of a bare document too; other text is kept as a recovered autosave', async () => {
    const titleOf = async (text: string, now = 99) => {
      localStorage.setItem(AUTOSAVE_KEY, text);
      const start = await startupDocument(unavailableLibrary(), localStorage, sessionStorage, {
        now: () => now,
      });
      localStorage.removeItem(AUTOSAVE_KEY);
      expect(start.record?.text).toBe(text);
      return [start.record?.title, start.record?.updatedAt];
    };
    expect(await titleOf(legacy())).toEqual(['Chat service', 1234]);
    expect(await titleOf(serialiseDocument(apiModel()))).toEqual(['Chat service', 99]);
    expect(await titleOf(encodeAutosave(apiModel(), { owner: '', revision: 1, savedAt: 0 }))).toEqual([
      'Chat service',
      99,
    ]);
    expect(await titleOf('{"format":"aitm-autosave","document":{"meta":{"title":5}}}')).toEqual([
      'Recovered autosave',
      99,
    ]);
    expect(await titleOf('{"format":"other","meta":{"title":"No"}}')).toEqual(['Recovered autosave', 99]);
    expect(await titleOf('not json {')).toEqual(['Recovered autosave', 99]);
    expect(await titleOf('[1]')).toEqual(['Recovered autosave', 99]);
  });

  it('is kept in localStorage when the library cannot be written, and still opens', async () => {
    localStorage.setItem(AUTOSAVE_KEY, legacy());
    const start = await startupDocument(unavailableLibrary(), localStorage, sessionStorage);
    expect(start.libraryWorks).toBe(false);
    expect(start.record?.title).toBe('Chat service');
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBe(legacy());
  });

  it('a library that never answers does not keep the editor from opening the old autosave', async () => {
    localStorage.setItem(AUTOSAVE_KEY, legacy());
    const silent = new Promise<never>(() => {});
    const start = await startupDocument(
      { ...unavailableLibrary(), put: () => silent, list: () => silent, load: () => silent },
      localStorage,
      sessionStorage,
      { timeoutMs: 20 },
    );
    expect(start).toMatchObject({ libraryWorks: false, record: { title: 'Chat service' } });
    expect(localStorage.getItem(AUTOSAVE_KEY)).toBe(legacy());
  });

  it('without an old autosave, a reload opens this tab’s document, else the newest', async () => {
    const library = freshLibrary();
    await library.save('doc-old', { title: 'Old', text: serialiseDocument(apiModel()) }, null);
    await new Promise((r) => setTimeout(r, 5));
    await library.save('doc-new', { title: 'New', text: serialiseDocument(apiModel()) }, null);
    expect((await startupDocument(library, localStorage, sessionStorage)).record?.id).toBe('doc-new');
    sessionStorage.setItem('aitm.openDocument.v1', 'doc-old');
    expect((await startupDocument(library, localStorage, sessionStorage)).record?.id).toBe('doc-old');
    sessionStorage.clear();
  });
});
