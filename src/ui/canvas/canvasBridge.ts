import type { Position } from '../../core';

export type ImageFormat = 'png' | 'svg';

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
  /**
   * The whole diagram as an image, drawn from the document by the core's renderDiagramSvg
   * (loaded on demand): a PNG data URL, or the text of an SVG file.
   */
  toImage(format: ImageFormat): Promise<string>;
}

export interface CanvasBridge {
  current: CanvasApi | null;
}

export const createCanvasBridge = (): CanvasBridge => ({ current: null });
