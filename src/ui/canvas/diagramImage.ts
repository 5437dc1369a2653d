import { getViewportForBounds, type Node, type Rect } from '@xyflow/react';
import type { ImageFormat } from './canvasBridge';

/** Largest side of an exported image, in pixels; bigger diagrams are scaled down to fit. */
const MAX_SIDE = 4096;
const PADDING = 40;

/**
 * Renders the diagram the way React Flow's documentation recommends: html-to-image on the
 * viewport element (so the minimap, controls and background stay out), transformed so that the
 * bounds of all nodes (absolute, from React Flow) fill the image. Fonts are not embedded: that would fetch, and this page
 * never talks to the network.
 */
export async function renderDiagram(
  viewport: HTMLElement,
  bounds: Rect,
  format: ImageFormat,
  backgroundColor: string,
): Promise<string> {
  const scale = Math.min(
    1,
    MAX_SIDE / (bounds.width + 2 * PADDING),
    MAX_SIDE / (bounds.height + 2 * PADDING),
  );
  const width = Math.max(1, Math.round((bounds.width + 2 * PADDING) * scale));
  const height = Math.max(1, Math.round((bounds.height + 2 * PADDING) * scale));
  const view = getViewportForBounds(bounds, width, height, 0.01, 1, `${PADDING * scale}px`);
  const { toPng, toSvg } = await import('html-to-image');
  const options = {
    backgroundColor,
    width,
    height,
    skipFonts: true,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})`,
    },
    filter: (node: HTMLElement) =>
      !(
        node instanceof Element &&
        /react-flow__(minimap|controls|panel)/.test(node.getAttribute('class') ?? '')
      ),
  };
  if (format === 'png') return toPng(viewport, options);
  const url = await toSvg(viewport, options);
  return decodeURIComponent(url.slice(url.indexOf(',') + 1));
}

/** Resolves once React has rendered and React Flow has measured every node (or after ~1 s). */
export async function whenMeasured(nodes: () => Node[]): Promise<void> {
  for (let frame = 0; frame < 60; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (frame >= 1 && nodes().every((n) => n.measured?.width && n.measured.height)) return;
  }
}
