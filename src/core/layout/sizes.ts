/**
 * The sizes that decide where elements sit and which boundary they belong to. The canvas draws
 * with the same numbers, so that what membership and placement compute is what the user sees.
 */

/** A component's box on the canvas: its centre decides the trust boundary it belongs to. */
export const COMPONENT_SIZE = { width: 184, height: 64 } as const;

/** The size of a new trust boundary, and of one that has no size of its own. */
export const DEFAULT_BOUNDARY_SIZE = { width: 440, height: 280 } as const;

/** New elements are placed on this grid (the canvas snaps drags to it and draws its dots on it). */
export const LAYOUT_GRID = 16;

export const snapToGrid = (value: number): number => Math.round(value / LAYOUT_GRID) * LAYOUT_GRID;
