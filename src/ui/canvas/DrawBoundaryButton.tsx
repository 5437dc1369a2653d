import { SquareDashedMousePointer } from 'lucide-react';
import { useAppStore, useStoreApi } from '../store/StoreContext';

/** The palette's toggle for "Draw boundary" mode (Shift+B): drag a rectangle on the canvas. */
export function DrawBoundaryButton() {
  const store = useStoreApi();
  const drawing = useAppStore((s) => s.drawingBoundary);
  return (
    <button
      type="button"
      className="palette-item palette-boundary"
      aria-pressed={drawing}
      aria-keyshortcuts="Shift+B"
      onClick={() => store.getState().update({ drawingBoundary: !drawing })}
      title="Drag a rectangle on the canvas: the boundary holds exactly what it is drawn around (Escape cancels)"
    >
      <SquareDashedMousePointer
        className="palette-icon"
        size={16}
        strokeWidth={1.75}
        aria-hidden="true"
        focusable="false"
      />
      Draw boundary
    </button>
  );
}
