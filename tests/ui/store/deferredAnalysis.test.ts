import { describe, expect, it } from 'vitest';
import { updateComponent } from '../../../src/core/index';
import { createAppStore } from '../../../src/ui/store/createAppStore';
import { deferFirstAnalysis, releaseDeferredAnalysis } from '../../../src/ui/store/deferredAnalysis';
import { analyses } from '../../../src/ui/store/analysisCache';
import {
  findingsOf,
  selectAnalysisFailure,
  selectFindings,
  selectFindingsIndex,
} from '../../../src/ui/store/selectors';
import { apiModel } from '../../support/modelBuilders';

/** A store as a page load leaves it: the editor, showing a fresh copy of the model. */
const openedStore = () => {
  const store = createAppStore({ document: structuredClone(apiModel()) });
  store.getState().update({ view: 'editor' });
  return store;
};

describe('the first analysis of the document a page load opens', () => {
  it('shows no findings until released, without evaluating; then the document’s own', async () => {
    const store = openedStore();
    deferFirstAnalysis(store);
    expect(store.getState().analysisDeferredFor).toBe(store.getState().document);
    expect(selectFindings(store.getState())).toEqual([]);
    expect(selectFindingsIndex(store.getState()).summary.size).toBe(0);
    expect(selectAnalysisFailure(store.getState())).toBeNull();
    // Not analysed meanwhile: nothing in the cache for it.
    expect(analyses.get(store.getState().document)).toBeUndefined();

    const seen: number[] = [];
    store.subscribe((s) => seen.push(selectFindings(s).length));
    await releaseDeferredAnalysis(store);
    const { document, library } = store.getState();
    expect(store.getState().analysisDeferredFor).toBeNull();
    expect(selectFindings(store.getState())).toBe(findingsOf(document, library));
    expect(selectFindings(store.getState()).length).toBeGreaterThan(0);
    // Subscribers were told, and read the findings at once.
    expect(seen.at(-1)).toBe(selectFindings(store.getState()).length);
  });

  it('exports and reports (findingsOf) get the findings even while the panels wait', () => {
    const store = openedStore();
    deferFirstAnalysis(store);
    const { document, library } = store.getState();
    expect(findingsOf(document, library).length).toBeGreaterThan(0);
    // Once analysed, the panels show it too: never an empty list for an analysed document.
    expect(selectFindings(store.getState())).toBe(findingsOf(document, library));
  });

  it('an edit before the release is analysed at once, and the release then only clears the wait', async () => {
    const store = openedStore();
    deferFirstAnalysis(store);
    const opened = store.getState().document;
    store.getState().change((d) => updateComponent(d, 'c-api', { props: { authenticated: true } }));
    const edited = store.getState();
    expect(edited.document).not.toBe(opened);
    expect(selectFindings(edited)).toBe(findingsOf(edited.document, edited.library));
    expect(selectFindings(edited).length).toBeGreaterThan(0);
    await releaseDeferredAnalysis(store);
    expect(store.getState().analysisDeferredFor).toBeNull();
  });

  it('is not deferred on the start screen', () => {
    const store = createAppStore({ document: structuredClone(apiModel()) });
    store.getState().update({ view: 'start' });
    deferFirstAnalysis(store);
    expect(store.getState().analysisDeferredFor).toBeNull();
  });
});
