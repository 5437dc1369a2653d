import { useStoreApi, useAppStore } from '../store/StoreContext';
import { focusPaletteSearch } from './focusTargets';

/**
 * Shown over an empty canvas: how to start. It lets pointer events through except on its own
 * buttons, so drops and pans on the canvas work as if it were not there.
 */
export function EmptyCanvasHint() {
  const store = useStoreApi();
  const empty = useAppStore(
    (s) => s.document.components.length === 0 && s.document.trustBoundaries.length === 0,
  );
  if (!empty) return null;
  return (
    <div className="empty-canvas-hint" role="note" aria-label="Empty canvas">
      <p>
        <strong>This model is empty.</strong>
      </p>
      <p>Drag a component from the palette onto the canvas, or search the palette and press Enter.</p>
      <p className="button-row">
        <button type="button" className="secondary-button" onClick={() => focusPaletteSearch(store)}>
          Search components
        </button>
        <button
          type="button"
          className="secondary-button"
          onClick={() => store.getState().update({ view: 'start' })}
        >
          Open an example
        </button>
      </p>
    </div>
  );
}
