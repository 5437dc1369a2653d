import { describe, expect, it } from 'vitest';
import { dotsShift } from '../../../src/ui/canvas/CanvasDots';

/** Where React Flow's Background puts a dot's centre along one axis, modulo the gap. */
const reactFlowDot = (t: number, gap: number, radius: number) =>
  ((((t % gap) - gap / 2 + radius) % gap) + gap) % gap;
/** Where CanvasDots puts it: the layer's shift, then the pattern moved back half a gap. */
const ourDot = (shift: number, gap: number, radius: number) =>
  (((shift - gap / 2 + radius) % gap) + gap) % gap;

describe('dotsShift', () => {
  it('puts the dots where React Flow’s Background puts them, for any pan and zoom', () => {
    for (const gap of [16, 20.96, 4.8, 40])
      for (const t of [0, 7.5, -7.5, 16, -16, 123.4, -987.6, 1e5 + 0.3]) {
        const { x, y } = dotsShift(t, -t, gap);
        expect(ourDot(x, gap, 0.6)).toBeCloseTo(reactFlowDot(t, gap, 0.6), 6);
        expect(ourDot(y, gap, 0.6)).toBeCloseTo(reactFlowDot(-t, gap, 0.6), 6);
      }
  });

  it('keeps the layer, a gap larger than the pane on each side, covering the pane', () => {
    for (const t of [0, 3, -3, 15.99, -15.99, 1000, -1000]) {
      const { x } = dotsShift(t, 0, 16);
      expect(x).toBeGreaterThanOrEqual(-16);
      expect(x).toBeLessThan(0);
    }
  });
});
