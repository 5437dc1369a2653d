// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { updateComponent } from '../../src/core/index';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

describe('the inspector’s connect control', () => {
  it('names the other components as they are renamed, and never lists the selected one', async () => {
    const { store } = renderApp({ document: apiModel() });
    act(() => store.getState().select(['c-api']));
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    const options = () =>
      within(within(inspector).getByRole('combobox', { name: 'Add a data flow to' }))
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(options()).toEqual(['Choose a component…', 'Customer']);

    // A keystroke in the selected component's own label leaves the options as they are…
    act(() => store.getState().change((d) => updateComponent(d, 'c-api', { label: 'Chat API v2' })));
    expect(options()).toEqual(['Choose a component…', 'Customer']);
    // …and another component's new name shows at once.
    act(() => store.getState().change((d) => updateComponent(d, 'c-user', { label: 'Client' })));
    expect(options()).toEqual(['Choose a component…', 'Client']);
  });
});
