import type { AppStore } from '../store/createAppStore';

export const LEFT_PANEL_ID = 'left-panel';
export const RIGHT_PANEL_ID = 'right-panel';
export const CANVAS_ID = 'canvas';
export const PALETTE_SEARCH_ID = 'palette-search';

/** After the next paint: a panel that was just opened must exist before it can take focus. */
const afterPaint = (run: () => void) => requestAnimationFrame(() => requestAnimationFrame(run));

/** Focuses the first component on the canvas, or the canvas area itself when it is empty. */
export function focusCanvas(): void {
  const area = document.getElementById(CANVAS_ID);
  if (!area) return;
  const node = area.querySelector<HTMLElement>('.react-flow__node[tabindex]');
  (node ?? area).focus();
}

/** Opens the left panel on the palette and puts the cursor in its search field. */
export function focusPaletteSearch(store: AppStore): void {
  const s = store.getState();
  if (!s.leftPanelOpen || s.leftPanel !== 'palette') s.update({ leftPanelOpen: true, leftPanel: 'palette' });
  afterPaint(() => document.getElementById(PALETTE_SEARCH_ID)?.focus());
}

/**
 * Where focus goes when a model was opened and the control that opened it (a start-screen button)
 * is gone: the palette search for an empty model (type, Enter adds), else the canvas — never lost
 * to <body>. A page load that restores the autosave moves nothing: single-key shortcuts must work.
 */
export function focusAfterOpen(store: AppStore): void {
  if (store.getState().focusRequest?.id !== '*') return;
  afterPaint(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const s = store.getState();
    const empty = s.document.components.length === 0 && s.document.trustBoundaries.length === 0;
    const search = document.getElementById(PALETTE_SEARCH_ID);
    if (empty && search) search.focus();
    else document.getElementById(CANVAS_ID)?.focus();
  });
}
