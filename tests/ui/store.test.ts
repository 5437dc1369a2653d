// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { addComponent, createEmptyDocument, renameDocument, updateComponent } from '../../src/core/index';
import { createAppStore } from '../../src/ui/store/createAppStore';
import { freshIds } from '../../src/ui/store/freshIds';
import { HISTORY_LIMIT } from '../../src/ui/store/middleware';
import { selectFindings } from '../../src/ui/store/selectors';
import { apiModel } from '../support/modelBuilders';
import { testLibrary } from './helpers/testLibrary';

const library = testLibrary();

describe('app store', () => {
  it('records one history entry per document change, and none for UI changes', () => {
    const store = createAppStore({ library, document: apiModel() });
    store.getState().select(['c-api']);
    store.getState().update({ sidePanel: 'dashboard' });
    expect(store.getState().history.past).toHaveLength(0);
    store.getState().change((d) => renameDocument(d, 'A'));
    store.getState().change((d) => renameDocument(d, 'A'));
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('coalesces changes with the same key inside the window', () => {
    let now = 0;
    const store = createAppStore({ library, document: apiModel(), now: () => now });
    for (const title of ['C', 'Ch', 'Cha'])
      store.getState().change((d) => renameDocument(d, title), { coalesce: 'title' });
    expect(store.getState().history.past).toHaveLength(1);
    now = 5000;
    store.getState().change((d) => renameDocument(d, 'Chat'), { coalesce: 'title' });
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().document.meta.title).toBe('Cha');
    store.getState().undo();
    expect(store.getState().document.meta.title).toBe('Chat service');
  });

  it('undo restores the very same element objects (structural sharing through patches)', () => {
    const store = createAppStore({ library, document: apiModel() });
    const before = store.getState().document;
    store.getState().change((d) => updateComponent(d, 'c-api', { label: 'x' }));
    expect(store.getState().document.components[0]).toBe(before.components[0]);
    store.getState().undo();
    expect(store.getState().document).toEqual(before);
    before.components.forEach((c, i) => expect(store.getState().document.components[i]).toBe(c));
    expect(store.getState().document.dataFlows).toBe(before.dataFlows);
  });

  it('drops selected ids that an undo removes', () => {
    const store = createAppStore({ library, document: createEmptyDocument() });
    store.getState().change((d) => addComponent(d, { id: 'c-1', type: 'llm', label: 'LLM' }));
    store.getState().select(['c-1']);
    store.getState().undo();
    expect(store.getState().selection).toEqual([]);
  });

  it('keeps a bounded history', () => {
    const store = createAppStore({ library, document: createEmptyDocument() });
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store.getState().change((d) => renameDocument(d, `t${i}`));
    expect(store.getState().history.past).toHaveLength(HISTORY_LIMIT);
  });

  it('memoises findings by document: same document, same array', () => {
    const store = createAppStore({ library, document: apiModel() });
    const first = selectFindings(store.getState());
    store.getState().select(['c-api']);
    expect(selectFindings(store.getState())).toBe(first);
    store.getState().change((d) => updateComponent(d, 'c-api', { props: { authenticated: true } }));
    expect(selectFindings(store.getState())).not.toBe(first);
    expect(selectFindings(store.getState()).map((f) => f.key)).toEqual(['rule.plaintext-flow@f-1']);
  });

  it('fresh ids are short and never reuse an id of the document', () => {
    expect(freshIds(apiModel(), ['c', 'c', 'f', 'tb'])).toEqual(['c-1', 'c-2', 'f-2', 'tb-1']);
  });
});
