// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

const outlineLabels = () =>
  within(screen.getByRole('navigation', { name: 'Model outline' }))
    .queryAllByRole('button')
    .map((b) => b.textContent);

describe('undo and redo', () => {
  it('undo and redo every document change from the toolbar', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('tab', { name: 'Outline' }));
    await user.click(screen.getByRole('tab', { name: 'Components' }));
    await user.click(screen.getByRole('button', { name: 'Add LLM' }));
    await user.click(screen.getByRole('button', { name: 'Add Agent' }));
    await user.click(screen.getByRole('tab', { name: 'Outline' }));
    expect(outlineLabels()).toEqual(['▣LLM', '▣Agent']);

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(outlineLabels()).toEqual(['▣LLM']);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(outlineLabels()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Undo' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(outlineLabels()).toEqual(['▣LLM', '▣Agent']);
    expect(screen.getByRole('button', { name: 'Redo' })).toHaveProperty('disabled', true);
  });

  it('keyboard shortcuts undo, redo, delete and duplicate', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    await user.click(screen.getByRole('tab', { name: 'Outline' }));
    await user.click(screen.getByRole('button', { name: /^Chat API/ }));
    fireEvent.keyDown(window, { key: 'Delete' });
    expect(store.getState().document.components.map((c) => c.id)).toEqual(['c-user']);
    expect(store.getState().document.dataFlows).toEqual([]);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(store.getState().document.components.map((c) => c.id)).toEqual(['c-user', 'c-api']);
    fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(store.getState().document.components.map((c) => c.id)).toEqual(['c-user']);
    fireEvent.keyDown(window, { key: 'y', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });

    store.getState().select(['c-api']);
    fireEvent.keyDown(window, { key: 'd', ctrlKey: true });
    expect(store.getState().document.components.map((c) => c.id)).toEqual(['c-user', 'c-api', 'c-1']);
    expect(store.getState().selection).toEqual(['c-1']);
    store.getState().select(['c-user', 'c-api']);
    fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    fireEvent.keyDown(window, { key: 'v', ctrlKey: true });
    const doc = store.getState().document;
    expect(doc.components.map((c) => c.id)).toEqual(['c-user', 'c-api', 'c-1', 'c-2', 'c-3']);
    expect(doc.dataFlows.map((f) => `${f.sourceId}->${f.targetId}`)).toEqual(['c-user->c-api', 'c-2->c-3']);
  });

  it('typing in a field is one undo step', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['c-api']);
    const label = within(await screen.findByRole('region', { name: 'Inspector' })).getByRole('textbox', {
      name: 'Label',
    });
    await user.clear(label);
    await user.type(label, 'Gateway');
    expect(store.getState().document.components[1]!.label).toBe('Gateway');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(store.getState().document.components[1]!.label).toBe('Chat API');
  });

  it('shortcuts do not fire while typing in a field', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    store.getState().select(['c-api']);
    const label = within(await screen.findByRole('region', { name: 'Inspector' })).getByRole('textbox', {
      name: 'Label',
    });
    await user.type(label, '{Backspace}');
    expect(store.getState().document.components).toHaveLength(2);
  });
});
