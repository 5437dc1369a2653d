import { describe, expect, it } from 'vitest';
import { adoptGeometry, onlyGeometryDiffers } from '../../../src/core/index';
import { apiModel } from '../../support/modelBuilders';

/** A layout computed in the worker comes back as a fresh copy; only its geometry is taken. */
describe('adoptGeometry', () => {
  const current = apiModel();
  // What the worker sends back: a structured clone with new positions and sizes.
  const laidOut = structuredClone(current);
  laidOut.components[0]!.position = { x: 10, y: 20 };
  laidOut.trustBoundaries[0]!.size = { width: 500, height: 320 };
  laidOut.components[1]!.label = 'changed in the copy';

  it('takes positions and sizes, keeps every other object of the current document', () => {
    const next = adoptGeometry(current, laidOut);
    expect(next.components[0]!.position).toEqual({ x: 10, y: 20 });
    expect(next.trustBoundaries[0]!.size).toEqual({ width: 500, height: 320 });
    expect(next.components[1]).toBe(current.components[1]);
    expect(next.dataFlows).toBe(current.dataFlows);
    expect(next.components[1]!.label).toBe('Chat API');
    expect(onlyGeometryDiffers(current, next)).toBe(true);
  });

  it('returns the current document itself when the geometry is the same', () => {
    expect(adoptGeometry(current, structuredClone(current))).toBe(current);
  });
});
