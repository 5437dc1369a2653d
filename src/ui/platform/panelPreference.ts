import type { AppState, PanelPreference } from '../store/appState';

const KEY = 'aitm.panels';
/** Below this many CSS pixels (a small laptop at 200 % zoom) panels start closed and overlay the canvas. */
export const NARROW_WIDTH = 800;

/** Open panels and the minimap, except on a narrow screen where the canvas needs the room. */
export function defaultPanels(width: number | undefined = globalThis.innerWidth): PanelPreference {
  const open = width === undefined || width >= NARROW_WIDTH;
  return { leftPanelOpen: open, rightPanelOpen: open, minimapShown: true };
}

/** The panel layout is a preference of this browser, like the theme; a bad value falls back to the default. */
export function loadPanelPreference(): PanelPreference {
  const fallback = defaultPanels();
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return fallback;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return fallback;
    const record = value as Record<string, unknown>;
    const flag = (name: keyof PanelPreference) =>
      typeof record[name] === 'boolean' ? (record[name] as boolean) : fallback[name];
    return {
      leftPanelOpen: flag('leftPanelOpen'),
      rightPanelOpen: flag('rightPanelOpen'),
      minimapShown: flag('minimapShown'),
    };
  } catch {
    return fallback;
  }
}

export function savePanelPreference(panels: PanelPreference): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(panels));
  } catch {
    // A preference that cannot be stored is not worth a warning.
  }
}

export const panelPreferenceOf = (s: AppState): PanelPreference => ({
  leftPanelOpen: s.leftPanelOpen,
  rightPanelOpen: s.rightPanelOpen,
  minimapShown: s.minimapShown,
});
