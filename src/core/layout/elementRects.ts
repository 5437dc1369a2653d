/** Where the elements of a document are: their rectangles, with the defaults for what is not set. */
import type { Position, TrustBoundary } from '../model/document';
import type { Point, Rect, Size } from './geometry';
import { COMPONENT_SIZE, DEFAULT_BOUNDARY_SIZE } from './sizes';

/** An element without a position sits at the origin (until it is laid out). */
export const positionOf = (item: { position?: Position }): Position => item.position ?? { x: 0, y: 0 };

export const boundarySize = (b: TrustBoundary): Size => b.size ?? DEFAULT_BOUNDARY_SIZE;

export const boundaryRect = (b: TrustBoundary): Rect => ({ ...positionOf(b), ...boundarySize(b) });

/** The centre of a component whose top-left corner is at `position` (what decides its boundary). */
export function componentCentre(position: Point, size: Size = COMPONENT_SIZE): Point {
  return { x: position.x + size.width / 2, y: position.y + size.height / 2 };
}
