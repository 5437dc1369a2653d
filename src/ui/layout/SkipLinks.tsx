import { useStoreApi } from '../store/StoreContext';
import { focusCanvas, focusPaletteSearch } from './focusTargets';

/**
 * The first stops in the tab order: past the toolbar to the canvas or the palette search, so
 * adding a component takes two keys instead of two dozen Tabs. Shown only when focused.
 */
export function SkipLinks() {
  const store = useStoreApi();
  return (
    <nav className="skip-links" aria-label="Skip links">
      <button type="button" className="skip-link" onClick={() => focusCanvas()}>
        Skip to canvas
      </button>
      <button type="button" className="skip-link" onClick={() => focusPaletteSearch(store)}>
        Skip to palette
      </button>
    </nav>
  );
}
