import { findingBadges, renderDiagramSvg, type Library, type ThreatModelDocument } from '../../core';
import { findingsOf } from '../store/selectors';
import type { ImageFormat } from './canvasBridge';

/** Largest side of an exported PNG, in pixels; bigger diagrams are scaled down to fit. */
const MAX_SIDE = 8192;
/** PNGs are drawn at twice the diagram's size where that fits, so they stay sharp on a slide. */
const PNG_SCALE = 2;

/**
 * The diagram as an image, from the document (the core's renderDiagramSvg), not from the canvas:
 * the same file whatever the zoom, the culling or the theme on screen, and the same as
 * `aitm render`. Badges count the open findings of the current analysis. Loaded on demand.
 */
export async function renderDiagramImage(
  doc: ThreatModelDocument,
  library: Library,
  format: ImageFormat,
): Promise<string> {
  if (doc.components.length === 0 && doc.trustBoundaries.length === 0)
    throw new Error('the diagram is empty');
  const svg = renderDiagramSvg(doc, {
    badges: findingBadges(findingsOf(doc, library)),
    types: library.catalogue.types,
  });
  return format === 'svg' ? svg : rasterise(svg);
}

/** Size of the SVG from its root's width and height attributes (written by renderDiagramSvg). */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string) => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(root)?.[1] ?? 0);
  return { width: read('width'), height: read('height') };
}

/**
 * A PNG data URL of `svg`: the browser draws it as an image (from a blob: URL, which the page's
 * CSP allows for images) on a canvas. An SVG without foreignObject does not taint the canvas.
 */
async function rasterise(svg: string): Promise<string> {
  const size = svgSize(svg);
  if (size.width === 0 || size.height === 0) throw new Error('the diagram has no size');
  const scale = Math.min(PNG_SCALE, MAX_SIDE / size.width, MAX_SIDE / size.height);
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('the browser cannot draw on a canvas');
    context.drawImage(image, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
