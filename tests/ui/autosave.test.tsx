// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renameDocument, serialiseDocument } from '../../src/core/index';
import { encodeAutosave } from '../../src/ui/store/autosaveRecord';
import { STORAGE_FULL_WARNING } from '../../src/ui/store/persistence';
import { apiModel } from '../support/modelBuilders';
import { memoryStorage, renderApp, sharedSlot } from './helpers/renderApp';

const storedTitle = (text: string | null) =>
  (JSON.parse(text!) as { document: { meta: { title: string } } }).document.meta.title;

describe('autosave', () => {
  it('restores the autosaved document through parseDocument', async () => {
    const storage = memoryStorage(encodeAutosave(apiModel(), { owner: 'tab-x', revision: 4, savedAt: 1 }));
    renderApp({ storage });
    expect(await screen.findByRole('textbox', { name: 'Model title' })).toHaveProperty(
      'value',
      'Chat service',
    );
  });

  it('restores a bare document saved by earlier builds', async () => {
    renderApp({ storage: memoryStorage(serialiseDocument(apiModel())) });
    expect(await screen.findByRole('textbox', { name: 'Model title' })).toHaveProperty(
      'value',
      'Chat service',
    );
  });

  it('shows the start screen when nothing was saved', () => {
    renderApp({ storage: memoryStorage() });
    expect(screen.getByRole('heading', { name: 'AI threat modeller' })).toBeTruthy();
  });

  it('saves the document only, stamped with tab and revision, debounced, after each change', async () => {
    const storage = memoryStorage(serialiseDocument(apiModel()));
    const { store } = renderApp({ storage, tabId: 'tab-a' });
    store.getState().change((d) => renameDocument(d, 'Renamed'));
    store.getState().select(['c-api']);
    await waitFor(() => expect(storage.saves).toBe(1));
    const record = JSON.parse(storage.text!);
    expect(Object.keys(record)).toEqual(['format', 'owner', 'revision', 'savedAt', 'document']);
    expect(record).toMatchObject({ format: 'aitm-autosave', owner: 'tab-a', revision: 1 });
    expect(record.document).toEqual(JSON.parse(serialiseDocument(store.getState().document)));
    store.getState().select([]);
    await new Promise((r) => setTimeout(r, 30));
    expect(storage.saves).toBe(1);
  });

  it('an autosave that does not parse is reported, not trusted', () => {
    renderApp({
      storage: memoryStorage(
        '{"format":"ai-threat-model","schemaVersion":1,"meta":{"title":"x"},"components":[{"id":"a"}]}',
      ),
    });
    expect(screen.getByRole('status').textContent).toContain('The autosaved model could not be restored');
    expect(screen.getByRole('status').textContent).toContain('$.components[0].type');
  });

  it('an autosave that does not parse is not overwritten without asking', async () => {
    const broken =
      '{"format":"ai-threat-model","schemaVersion":1,"meta":{"title":"x"},"components":[{"id":"a"}]}';
    const storage = memoryStorage(broken);
    const { store, user } = renderApp({ storage });
    store.getState().replaceDocument(apiModel());
    store.getState().flushAutosave();
    expect(await screen.findByRole('alert', { name: 'Autosave conflict' })).toBeTruthy();
    expect(storage.text).toBe(broken);
    await user.click(screen.getByRole('button', { name: 'Keep mine' }));
    expect(storedTitle(storage.text)).toBe('Chat service');
    expect(screen.queryByRole('alert', { name: 'Autosave conflict' })).toBeNull();
  });

  it('a full storage shows a visible warning, the editor keeps working and Save still downloads', async () => {
    const storage = memoryStorage(serialiseDocument(apiModel()));
    storage.save = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const { store, user, downloads } = renderApp({ storage });
    store.getState().change((d) => renameDocument(d, 'Big'));
    expect(await screen.findByText(STORAGE_FULL_WARNING)).toBeTruthy();
    store.getState().change((d) => renameDocument(d, 'Bigger'));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Bigger'),
    );
    await user.click(screen.getByRole('button', { name: 'Download a copy' }));
    expect(downloads.map((d) => [d.fileName, JSON.parse(d.text).meta.title])).toEqual([
      ['bigger.aitm.json', 'Bigger'],
    ]);
  });
});

describe('the same model in two tabs', () => {
  const twoTabs = () => {
    const shared = sharedSlot(encodeAutosave(apiModel(), { owner: 'first', revision: 1, savedAt: 1 }));
    const a = renderApp({ storage: shared.tab(), tabId: 'tab-a' });
    const b = renderApp({ storage: shared.tab(), tabId: 'tab-b' });
    return { slot: shared.slot, a, b, inA: within(a.container), inB: within(b.container) };
  };

  it('warns the tab whose autosave would overwrite newer work, and can reload the newer version', async () => {
    const { slot, a, b, inA, inB } = twoTabs();
    a.store.getState().change((d) => renameDocument(d, 'Edited in A'));
    a.store.getState().flushAutosave();
    expect(storedTitle(slot.text)).toBe('Edited in A');

    const warning = await inB.findByRole('alert', { name: 'Autosave conflict' });
    expect(warning.textContent).toContain('This model was changed in another tab');
    expect(inA.queryByRole('alert', { name: 'Autosave conflict' })).toBeNull();

    // B keeps working, but its autosave does not overwrite A's version.
    b.store.getState().change((d) => renameDocument(d, 'Edited in B'));
    b.store.getState().flushAutosave();
    expect(storedTitle(slot.text)).toBe('Edited in A');

    await b.user.click(inB.getByRole('button', { name: 'Reload the newer version' }));
    expect(inB.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Edited in A');
    expect(inB.queryByRole('alert', { name: 'Autosave conflict' })).toBeNull();
    // B's own version is one Undo away.
    b.store.getState().undo();
    await waitFor(() =>
      expect(inB.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Edited in B'),
    );
  });

  it('"keep mine" overwrites, and then the other tab is the one warned', async () => {
    const { slot, a, b, inA, inB } = twoTabs();
    a.store.getState().change((d) => renameDocument(d, 'Edited in A'));
    a.store.getState().flushAutosave();
    b.store.getState().change((d) => renameDocument(d, 'Edited in B'));
    await b.user.click(await inB.findByRole('button', { name: 'Keep mine' }));
    expect(storedTitle(slot.text)).toBe('Edited in B');
    expect(JSON.parse(slot.text!)).toMatchObject({ owner: 'tab-b', revision: 3 });
    expect(await inA.findByRole('alert', { name: 'Autosave conflict' })).toBeTruthy();
    a.store.getState().change((d) => renameDocument(d, 'Edited in A again'));
    a.store.getState().flushAutosave();
    expect(storedTitle(slot.text)).toBe('Edited in B');
  });

  it('notices another tab’s write when saving even without a storage event', async () => {
    const storage = memoryStorage(encodeAutosave(apiModel(), { owner: 'first', revision: 1, savedAt: 1 }));
    const { store } = renderApp({ storage, tabId: 'tab-a' });
    // Another tab wrote while this one was frozen in the background.
    storage.text = encodeAutosave(renameDocument(apiModel(), 'Theirs'), {
      owner: 'tab-b',
      revision: 2,
      savedAt: Date.UTC(2026, 0, 1, 9, 30),
    });
    store.getState().change((d) => renameDocument(d, 'Mine'));
    store.getState().flushAutosave();
    expect((await screen.findByRole('alert', { name: 'Autosave conflict' })).textContent).toMatch(
      /changed in another tab at \d/,
    );
    expect(storedTitle(storage.text)).toBe('Theirs');
  });

  it('a newer version that cannot be read is not loaded, and this tab keeps its own', async () => {
    const { slot, b, inB } = twoTabs();
    b.store.getState().change((d) => renameDocument(d, 'Mine'));
    // A newer build in another tab writes something this build cannot read.
    slot.text =
      '{"format":"aitm-autosave","owner":"x","revision":9,"savedAt":1,"document":{"format":"ai-threat-model","schemaVersion":99}}';
    for (const listener of slot.listeners.values()) listener();
    await b.user.click(await inB.findByRole('button', { name: 'Reload the newer version' }));
    const alerts = inB.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toEqual([
      expect.stringContaining("The newer version could not be read; this tab's version is unchanged."),
      expect.stringContaining('This model was changed in another tab'),
    ]);
    expect(inB.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Mine');
    expect(slot.text).toContain('"revision":9');
  });

  it('consecutive saves of one tab are not conflicts', async () => {
    const { slot, a, inA } = twoTabs();
    for (const title of ['One', 'Two', 'Three']) {
      a.store.getState().change((d) => renameDocument(d, title));
      a.store.getState().flushAutosave();
    }
    expect(storedTitle(slot.text)).toBe('Three');
    expect(JSON.parse(slot.text!)).toMatchObject({ owner: 'tab-a', revision: 4 });
    expect(inA.queryByRole('alert', { name: 'Autosave conflict' })).toBeNull();
  });
});
