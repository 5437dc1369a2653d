import { describe, expect, it, vi } from 'vitest';
import { serialiseDocument, updateComponent } from '../../../src/core/index';
import { decodeAutosave } from '../../../src/ui/store/autosaveRecord';
import { createAppStore } from '../../../src/ui/store/createAppStore';
// Loaded here already, so autosave's own import of it resolves at once (the app loads it with the first change).
import '../../../src/ui/store/documentText';
import type { DocumentStorage } from '../../../src/ui/store/persistence';
import { syntheticModel } from '../../../bench/syntheticModel';
import { testLibrary } from '../helpers/testLibrary';

function memory() {
  const saves: string[] = [];
  const storage: DocumentStorage = {
    load: () => saves.at(-1) ?? null,
    save: (text) => void saves.push(text),
  };
  return { storage, saves };
}

/** Whether a JSON.stringify call wrote the whole document, or how many elements a call wrote at most. */
const wholeDocument = (calls: unknown[][]) =>
  calls.some(([value]) => value !== null && typeof value === 'object' && 'dataFlows' in value);
const largestList = (calls: unknown[][]) =>
  Math.max(
    0,
    ...calls.map(([value]) => {
      // writeItems nests a batch one array down, as the document holds it.
      const list = Array.isArray(value) && Array.isArray(value[0]) ? value[0] : value;
      return Array.isArray(list) ? list.length : 0;
    }),
  );

/** The document part of a saved record, as text: exactly what serialiseDocument writes. */
const documentText = (record: string) => {
  const start = record.indexOf(',"document":') + ',"document":'.length;
  expect(decodeAutosave(record).ok).toBe(true);
  return record.slice(start, -1);
};

describe('autosave of a big document', () => {
  it('writes serialiseDocument’s bytes, the first save prepared in short tasks, later ones from kept parts', async () => {
    const { storage, saves } = memory();
    const store = createAppStore({
      library: testLibrary(),
      document: syntheticModel(2000),
      storage,
      autosaveDelayMs: 5,
    });
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const c = store.getState().document.components[10]!;
      store.getState().change((d) => updateComponent(d, c.id, { props: { authenticated: true } }));
      const first = store.getState().document;
      await vi.waitFor(() => expect(saves.length).toBe(1), { timeout: 5000 });
      // 6,000 elements in batches of at most 3,000, not the document in one task nor element by element.
      const calls = [...stringify.mock.calls];
      stringify.mockRestore();
      expect(wholeDocument(calls)).toBe(false);
      expect(largestList(calls)).toBeLessThanOrEqual(3000);
      expect(calls.length).toBeLessThan(40);
      expect(documentText(saves[0]!)).toBe(serialiseDocument(first));
      vi.spyOn(JSON, 'stringify');
      store.getState().change((d) => updateComponent(d, c.id, { label: 'Renamed "gateway"' }));
      await vi.waitFor(() => expect(saves.length).toBe(2), { timeout: 5000 });
      const again = vi.mocked(JSON.stringify).mock.calls;
      expect(wholeDocument(again)).toBe(false);
      expect(largestList(again)).toBeLessThanOrEqual(1);
      expect(again.length).toBeLessThan(20);
    } finally {
      vi.restoreAllMocks();
    }
    expect(documentText(saves[0]!)).not.toBe(documentText(saves[1]!));
    expect(documentText(saves[1]!)).toBe(serialiseDocument(store.getState().document));
  });
});
