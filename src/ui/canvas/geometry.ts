import { LAYOUT_GRID } from '../../core';

/**
 * The view's grid: drags snap to it and the background draws its dots on it. It is the core's
 * layout grid, so that dragged elements line up with the ones placement puts down. Everything
 * that decides membership or placement (sizes, boundaryAt, freeSpot, …) is in src/core/layout.
 */
export const GRID = LAYOUT_GRID;

/** Whether two places are the same point. */
export const samePosition = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  a.x === b.x && a.y === b.y;
