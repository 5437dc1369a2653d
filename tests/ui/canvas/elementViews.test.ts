// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { shippedLibrary, updateComponent, updateDataFlow } from '../../../src/core/index';
import { componentView, flowView } from '../../../src/ui/canvas/elementViews';
import { createAppStore } from '../../../src/ui/store/createAppStore';
import { selectFindingsIndex } from '../../../src/ui/store/selectors';
import { syntheticModel } from '../../../bench/syntheticModel';

const library = shippedLibrary();

function setUp() {
  const doc = syntheticModel(60);
  const store = createAppStore({ library, document: doc });
  const api = doc.components.find((c) => c.type === 'inference-api' && c.props?.['authenticated'] !== true)!;
  const other = doc.components.find((c) => c.id !== api.id && c.type === 'inference-api')!;
  const flow = doc.dataFlows.find((f) => f.sourceId !== api.id && f.targetId !== api.id)!;
  return { store, api, other, flow };
}

/** The open count of an element worked out from the findings themselves. */
const openOn = (store: ReturnType<typeof setUp>['store'], id: string) =>
  [...selectFindingsIndex(store.getState()).byKey.values()].filter(
    (f) => f.targetId === id && f.status === 'open',
  ).length;

describe('canvas element views', () => {
  it('hand back the same object while their element and its findings are unchanged', () => {
    const { store, api, other, flow } = setUp();
    const apiView = componentView(api.id);
    const flowSelector = flowView(flow.id);
    const firstApi = apiView(store.getState());
    const firstFlow = flowSelector(store.getState());
    expect(firstApi.open).toBe(openOn(store, api.id));

    // Another component changes: neither view is built again.
    store.getState().change((d) => updateComponent(d, other.id, { label: 'renamed elsewhere' }));
    expect(apiView(store.getState())).toBe(firstApi);
    expect(flowSelector(store.getState())).toBe(firstFlow);

    // A change of selection (a new state, the same document).
    store.getState().select([api.id]);
    expect(apiView(store.getState())).toBe(firstApi);
  });

  it('show a new label and a new badge as soon as they change, and the old ones after undo', () => {
    const { store, api, flow } = setUp();
    const apiView = componentView(api.id);
    const flowSelector = flowView(flow.id);
    const before = apiView(store.getState());

    store.getState().change((d) => updateComponent(d, api.id, { label: 'Renamed API' }));
    const renamed = apiView(store.getState());
    expect(renamed).not.toBe(before);
    expect(renamed).toMatchObject({ label: 'Renamed API', open: before.open, severity: before.severity });

    store.getState().change((d) => updateComponent(d, api.id, { props: { authenticated: true } }));
    const authenticated = apiView(store.getState());
    expect(authenticated.open).toBe(openOn(store, api.id));
    expect(authenticated.open).not.toBe(before.open);

    store.getState().change((d) => updateDataFlow(d, flow.id, { label: 'Named flow' }));
    expect(flowSelector(store.getState()).label).toBe('Named flow');

    store.getState().undo();
    store.getState().undo();
    expect(apiView(store.getState())).toMatchObject({ label: 'Renamed API', open: before.open });
    store.getState().undo();
    expect(apiView(store.getState())).toEqual(before);
    store.getState().redo();
    expect(apiView(store.getState())).toMatchObject({ label: 'Renamed API', open: before.open });
  });

  it('keep a badge summary the same object when a label edit replaces its findings', () => {
    const { store, api } = setUp();
    const summary = selectFindingsIndex(store.getState()).summary.get(api.id);
    expect(summary).toBeDefined();
    const findings = selectFindingsIndex(store.getState()).byTarget.get(api.id);
    store.getState().change((d) => updateComponent(d, api.id, { label: 'Renamed API' }));
    const index = selectFindingsIndex(store.getState());
    // The findings are new (their targetLabel), the badge is not.
    expect(index.byTarget.get(api.id)).not.toBe(findings);
    expect(index.byTarget.get(api.id)![0]!.targetLabel).toBe('Renamed API');
    expect(index.summary.get(api.id)).toBe(summary);
  });
});
