// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { serialiseDocument } from '../../src/core/index';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

describe('opening files', () => {
  it('a bad file shows an error naming the file and the JSON path, and keeps the document', async () => {
    const { user, store, platform } = renderApp({ document: apiModel() });
    const before = store.getState().document;
    const bad = { ...JSON.parse(serialiseDocument(apiModel())) };
    bad.components[1].type = 'warp-drive';
    platform.nextFile = new File([JSON.stringify(bad)], 'broken.aitm.json', { type: 'application/json' });
    await user.click(screen.getByRole('button', { name: 'Open file…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not open broken.aitm.json');
    expect(alert.textContent).toContain(
      'broken.aitm.json: $.components[1].type: unknown component type "warp-drive"',
    );
    expect(store.getState().document).toBe(before);
    expect(screen.getByRole('textbox', { name: 'Model title' })).toHaveProperty('value', 'Chat service');
  });

  it('invalid JSON is reported with its position', async () => {
    const { user, platform } = renderApp({ document: apiModel() });
    platform.nextFile = new File(['{"format": "ai-threat-model",'], 'cut.json');
    await user.click(screen.getByRole('button', { name: 'Open file…' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/cut\.json: \$: not valid JSON/);
  });

  it('a valid file replaces the document, laid out when it has no positions', async () => {
    const { user, store, platform } = renderApp();
    const doc = apiModel();
    const raw = JSON.parse(serialiseDocument(doc));
    for (const c of raw.components) delete c.position;
    for (const b of raw.trustBoundaries) delete b.position;
    platform.nextFile = new File([JSON.stringify(raw)], 'chat.aitm.json');
    await user.click(screen.getByRole('button', { name: 'Open file…' }));
    await waitFor(() => expect(store.getState().document.meta.title).toBe('Chat service'));
    expect(store.getState().document.components.every((c) => c.position)).toBe(true);
    expect(store.getState().fileName).toBe('chat.aitm.json');
    expect(store.getState().history.past).toEqual([]);
  });

  it('save downloads the document as .aitm.json', async () => {
    const { user, downloads } = renderApp({ document: apiModel() });
    await user.click(screen.getByRole('button', { name: 'Save (download)' }));
    expect(downloads).toEqual([
      {
        fileName: 'chat-service.aitm.json',
        text: serialiseDocument(apiModel()),
        mimeType: 'application/json',
      },
    ]);
  });
});
