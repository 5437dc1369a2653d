// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyDocument, updateComponent, type ThreatModelDocument } from '../../src/core/index';
import { createCanvasBridge } from '../../src/ui/canvas/canvasBridge';
import { Outline } from '../../src/ui/outline/Outline';
import { createAppStore } from '../../src/ui/store/createAppStore';
import { AppProvider, type AppServices } from '../../src/ui/store/StoreContext';
import { testLibrary } from './helpers/testLibrary';

/** 2 boundaries (one nested), 2,000 components, 4,000 flows: 6,000 items and a few headings. */
function largeModel(): ThreatModelDocument {
  const doc = createEmptyDocument('Outline at scale');
  doc.trustBoundaries.push(
    { id: 'tb-outer', label: 'Outer', zone: 'internet' },
    { id: 'tb-inner', label: 'Inner', zone: 'internal', parentId: 'tb-outer' },
  );
  for (let i = 0; i < 2000; i++)
    doc.components.push({
      id: `c-${i}`,
      type: 'llm',
      label: `Component ${i}`,
      ...(i < 3 ? { boundaryId: 'tb-inner' } : {}),
      position: { x: i * 10, y: 0 },
      props: {},
    });
  for (let k = 0; k < 4000; k++)
    doc.dataFlows.push({
      id: `f-${k}`,
      sourceId: `c-${k % 2000}`,
      targetId: `c-${(k + 1) % 2000}`,
      label: '',
      props: {},
    } as ThreatModelDocument['dataFlows'][number]);
  return doc;
}

function renderOutline(doc: ThreatModelDocument) {
  const store = createAppStore({ library: testLibrary(), document: doc, autosaveDelayMs: 10 });
  const services = { store, canvas: createCanvasBridge(), packStorage: null } as unknown as AppServices;
  render(
    <AppProvider services={services}>
      <Outline />
    </AppProvider>,
  );
  const outline = screen.getByRole('navigation', { name: 'Model outline' });
  return { store, outline, items: () => within(outline).queryAllByRole('button') };
}

describe('outline at scale', () => {
  // jsdom has no layout: the outline is 600 px high and each row 30 px, as in a browser.
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('outline') ? 600 : 0;
    });
    vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('outline-row') ? 30 : 0;
    });
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it('draws only the rows on screen, nested rows first, and keeps the full list height', () => {
    const { outline, items } = renderOutline(largeModel());
    const drawn = items();
    expect(drawn.length).toBeGreaterThan(10);
    expect(drawn.length).toBeLessThan(80);
    expect(drawn.slice(0, 5).map((b) => b.textContent)).toEqual([
      '⬚Outer (internet)',
      '⬚Inner (internal)',
      '▣Component 0',
      '▣Component 1',
      '▣Component 2',
    ]);
    // Every one of the 6,004 rows has its place in the scrolled height.
    const rows = outline.querySelector<HTMLElement>('.outline-rows')!;
    expect(parseInt(rows.style.height, 10)).toBeGreaterThanOrEqual(6004 * 30);
  });

  it('shows the selection from one set and selects on click', () => {
    const { store, items } = renderOutline(largeModel());
    act(() => store.getState().select(['c-1', 'f-3999']));
    const pressed = items().filter((b) => b.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((b) => b.textContent)).toEqual(['▣Component 1']);
    fireEvent.click(items()[4]!);
    expect(store.getState().selection).toEqual(['c-2']);
  });

  it('moves between items with the arrow keys and Home, skipping headings', () => {
    const { items } = renderOutline(largeModel());
    const [first, second, third] = items();
    first!.focus();
    fireEvent.keyDown(first!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(third);
    fireEvent.keyDown(third!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second!, { key: 'Home' });
    expect(document.activeElement).toBe(first);
    // Up from the first item stays there (the heading above is not an item).
    fireEvent.keyDown(first!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(first);
  });

  it('shows a label edit in its row, keeping the other rows', () => {
    const { store, items } = renderOutline(largeModel());
    const untouched = items()[5]!;
    act(() => store.getState().change((d) => updateComponent(d, 'c-1', { label: 'Gateway' })));
    expect(items()[3]!.textContent).toBe('▣Gateway');
    // Same element: the row was not drawn again from scratch.
    expect(items()[5]).toBe(untouched);
  });

  it('renames the flows named after a component when its label changes', () => {
    const doc = createEmptyDocument('Small');
    doc.components.push(
      { id: 'c-a', type: 'llm', label: 'Alpha', position: { x: 0, y: 0 }, props: {} },
      { id: 'c-b', type: 'llm', label: 'Beta', position: { x: 0, y: 0 }, props: {} },
    );
    doc.dataFlows.push({ id: 'f-1', sourceId: 'c-a', targetId: 'c-b', label: '', props: {} } as never);
    const { store, items } = renderOutline(doc);
    expect(items().map((b) => b.textContent)).toEqual(['▣Alpha', '▣Beta', '→Alpha → Beta']);
    act(() => store.getState().change((d) => updateComponent(d, 'c-a', { label: 'Gateway' })));
    expect(items().map((b) => b.textContent)).toEqual(['▣Gateway', '▣Beta', '→Gateway → Beta']);
  });
});
