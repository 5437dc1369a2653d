import { describe, expect, it } from 'vitest';
import { moveElements, updateComponent } from '../../src/core/index';
import { createAppStore } from '../../src/ui/store/createAppStore';
import { findingsOf } from '../../src/ui/store/selectors';
import { apiModel } from '../support/modelBuilders';

describe('findings across a change of geometry only', () => {
  it('a move keeps the very same findings (no evaluation); a property edit evaluates again', () => {
    const store = createAppStore({ document: apiModel() });
    const { library } = store.getState();
    const before = findingsOf(store.getState().document, library);
    store.getState().change((d) => moveElements(d, [{ id: 'c-api', position: { x: 360, y: 120 } }]));
    expect(findingsOf(store.getState().document, library)).toBe(before);
    store.getState().change((d) => updateComponent(d, 'c-api', { props: { authenticated: true } }));
    const after = findingsOf(store.getState().document, library);
    expect(after).not.toBe(before);
    expect(after.length).toBeLessThan(before.length);
  });
});
