import { describe, expect, it } from 'vitest';
import {
  documentBounds,
  OPENING_MAX_ZOOM,
  READABLE_ZOOM,
  readableViewport,
} from '../../../src/ui/canvas/openingViewport';
import { boundary, component, model } from '../../support/modelBuilders';

describe('the view a model opens in', () => {
  it('fits and centres a model that fits at a readable zoom, never above 1', () => {
    const small = readableViewport({ x: 0, y: 0, width: 200, height: 100 }, { width: 1000, height: 800 });
    expect(small.zoom).toBe(OPENING_MAX_ZOOM);
    expect(small.x).toBe(400);
    expect(small.y).toBe(350);
    const mid = readableViewport({ x: 100, y: 100, width: 1000, height: 500 }, { width: 1000, height: 800 });
    expect(mid.zoom).toBeCloseTo(1000 / 1150);
    expect(mid.zoom).toBeGreaterThan(READABLE_ZOOM);
  });

  it('opens a model too large to fit at the readable zoom, on its top-left', () => {
    const bounds = { x: 200, y: -100, width: 3000, height: 2000 };
    const view = readableViewport(bounds, { width: 800, height: 600 });
    expect(view.zoom).toBe(READABLE_ZOOM);
    // The model's top-left corner lands 24 px inside the canvas's.
    expect(view.x + bounds.x * view.zoom).toBe(24);
    expect(view.y + bounds.y * view.zoom).toBe(24);
  });

  it('centres along an axis that fits while the other starts at its top-left', () => {
    const bounds = { x: 0, y: 0, width: 3000, height: 200 };
    const view = readableViewport(bounds, { width: 800, height: 600 });
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(view.x).toBe(24);
    expect(view.y).toBe(300 - 100 * READABLE_ZOOM);
  });

  it('bounds the components at their layout size and the boundaries', () => {
    const doc = model({
      components: [
        component('a', 'user', {}, undefined, { position: { x: 100, y: 50 } }),
        component('b', 'llm', {}, undefined, { position: { x: 500, y: 300 } }),
      ],
      trustBoundaries: [
        boundary('z', 'internal', undefined, { position: { x: 0, y: 0 }, size: { width: 300, height: 200 } }),
      ],
    });
    expect(documentBounds(doc)).toEqual({ x: 0, y: 0, width: 684, height: 364 });
    expect(documentBounds(doc, new Set(['b']))).toEqual({ x: 500, y: 300, width: 184, height: 64 });
    expect(documentBounds(model())).toBeNull();
  });
});
