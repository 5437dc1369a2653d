import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../src/ui/commands/commandRegistry';
import {
  defaultPanels,
  loadPanelPreference,
  savePanelPreference,
} from '../../src/ui/platform/panelPreference';
import { createAppStore } from '../../src/ui/store/createAppStore';
import type { AppServices } from '../../src/ui/store/StoreContext';
import { apiModel } from '../support/modelBuilders';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the panel layout preference', () => {
  it('opens both panels and the minimap by default, and starts closed below 800 CSS px', () => {
    expect(defaultPanels(1024)).toEqual({ leftPanelOpen: true, rightPanelOpen: true, minimapShown: true });
    expect(defaultPanels(720)).toEqual({ leftPanelOpen: false, rightPanelOpen: false, minimapShown: true });
  });

  it('round-trips through localStorage, and a damaged value falls back field by field', () => {
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    vi.stubGlobal('innerWidth', 1280);
    savePanelPreference({ leftPanelOpen: false, rightPanelOpen: true, minimapShown: false });
    expect(loadPanelPreference()).toEqual({
      leftPanelOpen: false,
      rightPanelOpen: true,
      minimapShown: false,
    });
    storage.items.set('aitm.panels', '{"leftPanelOpen":"no","minimapShown":false}');
    expect(loadPanelPreference()).toEqual({ leftPanelOpen: true, rightPanelOpen: true, minimapShown: false });
    storage.items.set('aitm.panels', 'not json');
    expect(loadPanelPreference()).toEqual(defaultPanels(1280));
  });

  it('the store starts from the preference, and the commands toggle each part', () => {
    const store = createAppStore({
      document: apiModel(),
      panels: { leftPanelOpen: false, rightPanelOpen: true, minimapShown: true },
    });
    const services = { store } as unknown as AppServices;
    expect(store.getState().leftPanelOpen).toBe(false);
    runCommand(services, 'toggleLeftPanel');
    runCommand(services, 'toggleRightPanel');
    runCommand(services, 'toggleMinimap');
    const { leftPanelOpen, rightPanelOpen, minimapShown } = store.getState();
    expect({ leftPanelOpen, rightPanelOpen, minimapShown }).toEqual({
      leftPanelOpen: true,
      rightPanelOpen: false,
      minimapShown: false,
    });
  });
});
