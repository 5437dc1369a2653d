// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { addComponent } from '../../src/core/index';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

const key = (k: string) => act(() => void fireEvent.keyDown(window, { key: k }));

describe('review mode', () => {
  it('steps through open findings with the keyboard and sets status and note', async () => {
    const doc = addComponent(apiModel(), {
      id: 'c-api2',
      type: 'inference-api',
      label: 'Admin API',
      position: { x: 0, y: 400 },
    });
    const { store, user } = renderApp({ document: doc });
    await user.click(screen.getByRole('button', { name: 'Review open findings' }));
    const panel = await screen.findByRole('region', { name: 'Review findings' });
    expect(within(panel).getByText('Review: finding 1 of 3')).toBeTruthy();
    expect(within(panel).getByText('Chat API')).toBeTruthy();
    expect(store.getState().selection).toEqual(['c-api']);
    expect(store.getState().focusRequest?.id).toBe('c-api');

    key('a');
    expect(store.getState().document.triage['rule.unauthenticated-endpoint@c-api']?.status).toBe('accepted');
    key('j');
    expect(within(panel).getByText('Review: finding 2 of 3')).toBeTruthy();
    expect(store.getState().selection).toEqual(['c-api2']);
    key('m');
    key('ArrowRight');
    expect(within(panel).getByText('Review: finding 3 of 3')).toBeTruthy();
    expect(store.getState().selection).toEqual(['f-1']);
    key('k');
    expect(within(panel).getByText('Review: finding 2 of 3')).toBeTruthy();

    key('n');
    const note = within(panel).getByRole('textbox', { name: 'Note' });
    expect(document.activeElement).toBe(note);
    await user.keyboard('Only admins');
    expect(store.getState().document.triage['rule.unauthenticated-endpoint@c-api2']).toEqual({
      status: 'mitigated',
      note: 'Only admins',
    });
    fireEvent.keyDown(note, { key: 'Escape' });
    expect(document.activeElement).toBe(panel);
    key('Escape');
    expect(screen.queryByRole('region', { name: 'Review findings' })).toBeNull();
  });
});

describe('help', () => {
  it('lists the keyboard shortcuts from the command registry', async () => {
    const { user } = renderApp({ document: apiModel() });
    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByRole('table', { name: 'Edit' }).textContent).toContain('Ctrl+Z');
    expect(within(dialog).getByRole('table', { name: 'Review' }).textContent).toContain('Next finding');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
