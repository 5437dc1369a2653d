import { boundaryRect, COMPONENT_SIZE, positionOf, type ThreatModelDocument } from '../../core';
import type { Rect } from './edgeGeometry';

/** Below this zoom labels are hard to read on a laptop or a projector: a model opens at least this close. */
export const READABLE_ZOOM = 0.75;
/** The zoom a small model opens at, at most. */
export const OPENING_MAX_ZOOM = 1;
/** The fraction of the canvas kept free around a fitted model (as React Flow's fitView padding). */
const PADDING = 0.15;
/** Screen pixels between the canvas's edge and a model too large to fit, opened on its top-left. */
const MARGIN = 24;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The view a model opens in: fitted and centred when it fits at a readable zoom; otherwise at
 * READABLE_ZOOM, on its top-left corner along each axis that does not fit (centred along one
 * that does), and the user scrolls for the rest.
 */
export function readableViewport(bounds: Rect, canvas: { width: number; height: number }): Viewport {
  if (bounds.width <= 0 || bounds.height <= 0 || canvas.width <= 0 || canvas.height <= 0)
    return { x: MARGIN - bounds.x, y: MARGIN - bounds.y, zoom: OPENING_MAX_ZOOM };
  const fit = Math.min(
    canvas.width / (bounds.width * (1 + PADDING)),
    canvas.height / (bounds.height * (1 + PADDING)),
  );
  const zoom = Math.max(READABLE_ZOOM, Math.min(OPENING_MAX_ZOOM, fit));
  const axis = (start: number, length: number, size: number) =>
    length * zoom + 2 * MARGIN <= size ? size / 2 - (start + length / 2) * zoom : MARGIN - start * zoom;
  return {
    x: axis(bounds.x, bounds.width, canvas.width),
    y: axis(bounds.y, bounds.height, canvas.height),
    zoom,
  };
}

/**
 * The rectangle around a document's components and boundaries (or only the components and
 * boundaries named in `only`), from the document itself: a component is drawn at its layout size,
 * so nothing has to be measured first. Null for an empty selection.
 */
export function documentBounds(doc: ThreatModelDocument, only?: ReadonlySet<string>): Rect | null {
  // A loop, not Math.min(...all): a model may have more elements than a call has arguments.
  let x = Infinity;
  let y = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const add = (r: Rect) => {
    x = Math.min(x, r.x);
    y = Math.min(y, r.y);
    right = Math.max(right, r.x + r.width);
    bottom = Math.max(bottom, r.y + r.height);
  };
  for (const c of doc.components) if (!only || only.has(c.id)) add({ ...positionOf(c), ...COMPONENT_SIZE });
  for (const b of doc.trustBoundaries) if (!only || only.has(b.id)) add(boundaryRect(b));
  if (x === Infinity) return null;
  return { x, y, width: right - x, height: bottom - y };
}
