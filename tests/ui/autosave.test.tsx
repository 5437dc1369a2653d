// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renameDocument, serialiseDocument } from '../../src/core/index';
import { STORAGE_FULL_WARNING } from '../../src/ui/store/persistence';
import { apiModel } from './helpers/builders';
import { memoryStorage, renderApp } from './helpers/renderApp';

describe('autosave', () => {
  it('restores the autosaved document through parseDocument', async () => {
    const storage = memoryStorage(serialiseDocument(apiModel()));
    renderApp({ storage });
    expect(await screen.findByRole('textbox', { name: 'Model title' })).toHaveProperty(
      'value',
      'Chat service',
    );
  });

  it('shows the start screen when nothing was saved', () => {
    renderApp({ storage: memoryStorage() });
    expect(screen.getByRole('heading', { name: 'AI threat modeller' })).toBeTruthy();
  });

  it('saves the document only, debounced, after each change', async () => {
    const storage = memoryStorage(serialiseDocument(apiModel()));
    const { store } = renderApp({ storage });
    store.getState().change((d) => renameDocument(d, 'Renamed'));
    store.getState().select(['c-api']);
    await waitFor(() => expect(storage.saves).toBe(1));
    expect(JSON.parse(storage.text!).meta.title).toBe('Renamed');
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

  it('a full storage shows a visible warning and the editor keeps working', async () => {
    const storage = memoryStorage(serialiseDocument(apiModel()));
    storage.save = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const { store } = renderApp({ storage });
    store.getState().change((d) => renameDocument(d, 'Big'));
    expect(await screen.findByText(STORAGE_FULL_WARNING)).toBeTruthy();
    store.getState().change((d) => renameDocument(d, 'Bigger'));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Bigger'),
    );
  });
});
