// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCanvasBridge } from '../../src/ui/canvas/canvasBridge';
import { createAppStore } from '../../src/ui/store/createAppStore';
import { deferFirstAnalysis, releaseDeferredAnalysis } from '../../src/ui/store/deferredAnalysis';
import { AppProvider, type AppServices } from '../../src/ui/store/StoreContext';
import { ThreatPanel } from '../../src/ui/threats/ThreatPanel';
import { apiModel } from '../support/modelBuilders';

afterEach(cleanup);

describe('the threat panel while the first analysis waits for the canvas', () => {
  it('says the model is being analysed, never that it has no findings; then lists them', async () => {
    const store = createAppStore({ document: structuredClone(apiModel()) });
    store.getState().update({ view: 'editor' });
    deferFirstAnalysis(store);
    const services = { store, canvas: createCanvasBridge(), packStorage: null } as unknown as AppServices;
    render(
      <AppProvider services={services}>
        <ThreatPanel />
      </AppProvider>,
    );
    expect(screen.getByText('Analysing the model…')).toBeTruthy();
    expect(screen.queryByText(/No findings yet/)).toBeNull();
    await act(() => releaseDeferredAnalysis(store));
    expect(screen.queryByText('Analysing the model…')).toBeNull();
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0);
  });
});
