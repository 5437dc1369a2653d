/** Where new elements go: on the grid, clear of other components, inside what they land on. */
import { describe, expect, it } from 'vitest';
import {
  centredAt,
  COMPONENT_SIZE,
  DEFAULT_BOUNDARY_SIZE,
  freeBoundarySpot,
  freeSpot,
  LAYOUT_GRID,
  memberSpot,
  placeComponent,
  snapToGrid,
} from '../../../src/core/index';
import { model } from '../../support/modelBuilders';
import { drawnBoundary, placedComponent } from './support';

const step = { x: COMPONENT_SIZE.width + 2 * LAYOUT_GRID, y: COMPONENT_SIZE.height + 2 * LAYOUT_GRID };

describe('freeSpot', () => {
  it('takes the desired spot, snapped, when nothing is there', () => {
    expect(freeSpot(model({}), { x: 37, y: 9 })).toEqual({ x: 32, y: 16 });
  });

  it('goes right first, then below, then left, then above', () => {
    let doc = model({ components: [placedComponent('a', 0, 0)] });
    const right = freeSpot(doc, { x: 0, y: 0 });
    expect(right).toEqual({ x: snapToGrid(step.x), y: 0 });
    doc = model({ components: [...doc.components, placedComponent('b', right.x, right.y)] });
    expect(freeSpot(doc, { x: 0, y: 0 })).toEqual({ x: 0, y: snapToGrid(step.y) });
    doc = model({
      components: [
        ...doc.components,
        placedComponent('c', 0, snapToGrid(step.y)),
        placedComponent('d', right.x, snapToGrid(step.y)),
      ],
    });
    expect(freeSpot(doc, { x: 0, y: 0 })).toEqual({ x: snapToGrid(-step.x), y: 0 });
  });

  it('treats touching boxes as free (only overlaps are taken)', () => {
    // The component's right edge is at 8 + 184 = 192, a grid line.
    const doc = model({ components: [placedComponent('a', 8, 0)] });
    expect(freeSpot(doc, { x: 192, y: 0 })).toEqual({ x: 192, y: 0 });
    expect(freeSpot(doc, { x: 176, y: 0 })).toEqual({ x: snapToGrid(176 + step.x), y: 0 });
  });

  it('gives up after twelve rings and returns the desired spot, snapped', () => {
    // A solid 25×25 block of components around the origin leaves no free cell in rings 0–11.
    const components = [];
    for (let i = -12; i <= 12; i++)
      for (let j = -12; j <= 12; j++)
        components.push(placedComponent(`c${i}_${j}`, snapToGrid(i * step.x), snapToGrid(j * step.y)));
    expect(freeSpot(model({ components }), { x: 3, y: 5 })).toEqual({ x: 0, y: 0 });
  });
});

describe('placeComponent', () => {
  it('snaps the corner to the grid and puts the component where its centre lands', () => {
    const doc = model({ trustBoundaries: [drawnBoundary('tb', 0, 0, { width: 400, height: 300 })] });
    expect(placeComponent(doc, { x: 21, y: 30 })).toEqual({ position: { x: 16, y: 32 }, boundaryId: 'tb' });
    // Centre at x = 304 + 92 = 396: inside. One grid step further: outside.
    expect(placeComponent(doc, { x: 300, y: 0 }).boundaryId).toBe('tb');
    expect(placeComponent(doc, { x: 320, y: 0 }).boundaryId).toBeNull();
  });
});

describe('memberSpot and centredAt', () => {
  it('cascades members from the boundary corner, and centres sizes on a point', () => {
    const b = drawnBoundary('tb', 100, 200);
    expect(memberSpot(b, 1)).toEqual({ x: 124, y: 248 });
    expect(memberSpot(b, 3)).toEqual({ x: 156, y: 280 });
    expect(memberSpot({ id: 'x', label: '', zone: 'internal' }, 1)).toEqual({ x: 24, y: 48 });
    expect(centredAt({ x: 100, y: 100 }, COMPONENT_SIZE)).toEqual({ x: 8, y: 68 });
  });
});

describe('freeBoundarySpot', () => {
  const size = DEFAULT_BOUNDARY_SIZE;
  const clear = (doc: ReturnType<typeof model>, at: { x: number; y: number }) =>
    [
      ...doc.components.map((c) => ({ ...c.position!, ...COMPONENT_SIZE })),
      ...doc.trustBoundaries.map((b) => ({ ...b.position!, ...(b.size ?? size) })),
    ].every(
      (r) =>
        r.x + r.width <= at.x ||
        at.x + size.width <= r.x ||
        r.y + r.height <= at.y ||
        at.y + size.height <= r.y,
    );

  it('takes the wished-for spot, snapped, when nothing is there', () => {
    expect(freeBoundarySpot(model({}), { x: 37, y: 9 })).toEqual({ x: 32, y: 16 });
  });

  it('moves clear of components and boundaries to the nearest spot, below or right before left or above', () => {
    const doc = model({
      components: [placedComponent('a', 100, 100)],
      trustBoundaries: [drawnBoundary('b', -400, 0, { width: 300, height: 300 })],
    });
    const at = freeBoundarySpot(doc, { x: 0, y: 0 });
    expect(clear(doc, at)).toBe(true);
    expect(at).toEqual({ x: 0, y: snapToGrid(210) }); // three quarter-steps down: clear of a, with margin
    expect(Math.hypot(at.x, at.y)).toBeLessThan(size.width * 2);
  });

  it('goes beside everything when the neighbourhood is full', () => {
    const components = Array.from({ length: 400 }, (_, i) =>
      placedComponent(`c${i}`, -2000 + (i % 20) * 200, -2000 + Math.floor(i / 20) * 200),
    );
    const doc = model({ components });
    const at = freeBoundarySpot(doc, { x: 0, y: 0 });
    expect(clear(doc, at)).toBe(true);
    expect(at.x).toBeGreaterThan(1800);
  });
});
