import type { Component, TrustBoundary } from '../../../src/core/index';
import { boundary, component } from '../../support/modelBuilders';

/** A boundary drawn at (x, y) with the given size (none: the default size). */
export const drawnBoundary = (
  id: string,
  x: number,
  y: number,
  size?: { width: number; height: number },
  parentId?: string,
): TrustBoundary => ({
  ...boundary(id, 'internal', parentId),
  position: { x, y },
  ...(size ? { size } : {}),
});

/** A component with its top-left corner at (x, y). */
export const placedComponent = (id: string, x: number, y: number, boundaryId?: string): Component => ({
  ...component(id, 'llm', {}, boundaryId),
  position: { x, y },
});
