import type { Position } from '../../core';

/**
 * What commands outside the canvas may ask of it. The canvas registers itself when mounted;
 * without a canvas (tests of panels) callers fall back to sensible defaults.
 */
export interface CanvasApi {
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  /** The centre of the visible area, in document coordinates. */
  viewportCenter(): Position;
  /** The visible diagram as a PNG data URL (html-to-image, loaded on demand). */
  toPng(): Promise<string>;
}

export interface CanvasBridge {
  current: CanvasApi | null;
}

export const createCanvasBridge = (): CanvasBridge => ({ current: null });
