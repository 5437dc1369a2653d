// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/index';
import { selectFindings, selectOutOfScopeFindings } from '../../src/ui/store/selectors';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';

/** Marking an element out of scope in the inspector: its findings leave the counts and are listed apart. */
describe('out of scope in the editor', () => {
  it('the inspector checkbox and reason move the element’s findings out of the counts, undoably', async () => {
    const { store, user } = renderApp({ document: apiModel() });
    const onApi = () => selectFindings(store.getState()).filter((f) => f.targetId === 'c-api').length;
    const before = onApi();
    expect(before).toBeGreaterThan(0);
    act(() => store.getState().select(['c-api']));
    const inspector = screen.getByRole('region', { name: 'Inspector' });
    await user.click(within(inspector).getByRole('checkbox', { name: 'Out of scope' }));
    await user.type(within(inspector).getByRole('textbox', { name: 'Reason out of scope' }), 'vendor API');

    const api = store.getState().document.components.find((c) => c.id === 'c-api')!;
    expect(api.outOfScope).toEqual({ reason: 'vendor API' });
    expect(onApi()).toBe(0);
    expect(selectOutOfScopeFindings(store.getState()).filter((f) => f.targetId === 'c-api')).toHaveLength(
      before,
    );
    // Every finding is still computed (reports list them apart).
    expect(evaluate(store.getState().document, store.getState().library).length).toBe(
      selectFindings(store.getState()).length + selectOutOfScopeFindings(store.getState()).length,
    );
    const panel = screen.getByRole('region', { name: 'Out of scope' });
    expect(panel.textContent).toContain('out of scope: vendor API');
    expect(panel.textContent).toContain(`Out of scope (${before} finding`);

    // Unchecking brings the element back in scope; undo steps back through the reason and the marking.
    await user.click(within(inspector).getByRole('checkbox', { name: 'Out of scope' }));
    expect(onApi()).toBe(before);
    act(() => store.getState().undo());
    expect(store.getState().document.components.find((c) => c.id === 'c-api')!.outOfScope).toBeDefined();
  });
});
