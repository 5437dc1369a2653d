// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

/**
 * The editor lets a risk be accepted without a note and says nothing about it: not in the
 * threat panel, not in review mode, not on the dashboard. Pinned as it is today (only the
 * Markdown report flags it; see tests/core/report/acceptedWithoutNote.test.ts).
 */

const KEY = 'rule.unauthenticated-endpoint@c-api';
const WARNING = /no note|should say why|justif/i;

describe('accepting a risk without a note in the editor', () => {
  it('the threat panel takes the status alone, with no warning and no prompt for a note', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    const panel = screen.getByRole('region', { name: 'All findings' });
    await user.click(within(panel).getByRole('button', { name: /Unauthenticated model endpoint/ }));
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Triage status' }), 'accepted');

    expect(store.getState().document.triage[KEY]).toEqual({ status: 'accepted' });
    expect(
      within(panel).getByRole('button', { name: /Unauthenticated model endpoint.*accepted/ }),
    ).toBeTruthy();
    expect(within(panel).getByRole('textbox', { name: 'Note' })).toHaveProperty('value', '');
    expect(document.body.textContent).not.toMatch(WARNING);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('review mode accepts with A and moves on without asking for a note', async () => {
    const { user, store } = renderApp({ document: apiModel() });
    await user.click(screen.getByRole('button', { name: 'Review open findings' }));
    const review = await screen.findByRole('region', { name: 'Review findings' });
    expect(within(review).getByText('Review: finding 1 of 2')).toBeTruthy();
    act(() => void fireEvent.keyDown(window, { key: 'a' }));
    expect(store.getState().document.triage[KEY]).toEqual({ status: 'accepted' });
    expect(within(review).getByRole('button', { name: 'A accepted' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // The note field is there but stays empty and unfocused: nothing asks for a justification.
    expect(within(review).getByRole('textbox', { name: 'Note' })).toHaveProperty('value', '');
    expect(document.activeElement).not.toBe(within(review).getByRole('textbox', { name: 'Note' }));
    expect(review.textContent).not.toMatch(WARNING);
    act(() => void fireEvent.keyDown(window, { key: 'j' }));
    expect(within(review).getByText('Review: finding 2 of 2')).toBeTruthy();
  });

  it('the dashboard counts it as accepted like any other, with no mention of the missing note', async () => {
    const doc = { ...apiModel(), triage: { [KEY]: { status: 'accepted' as const } } };
    const { user } = renderApp({ document: doc });
    await user.click(screen.getByRole('tab', { name: 'Dashboard' }));
    const table = await screen.findByRole('table', { name: 'Findings by severity and status' });
    const total = within(table).getByRole('row', { name: /^Total/ });
    // Columns: open, mitigated, accepted, not applicable, total.
    expect(
      within(total)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '0', '1', '0', '2']);
    const dashboard = screen.getByRole('heading', { name: 'Dashboard' }).closest('section')!;
    expect(dashboard.textContent).not.toMatch(WARNING);
  });
});
