import { describe, expect, it } from 'vitest';
import { stableUuid } from '../../../src/core/interop/index';
import { polylinesIntersect, segmentsIntersect } from '../../../src/core/interop/shared/polyline';
import { boxParents, innermostContaining } from '../../../src/core/layout/boxIndex';
import { centre } from '../../../src/core/layout/geometry';

describe('stableUuid', () => {
  it('is an RFC 4122 version 5 UUID (matches a known vector)', () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org') in Python.
    expect(stableUuid('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });

  it('is deterministic, 36 characters, and differs between names (also non-ASCII ones)', () => {
    const a = stableUuid('c-llm');
    expect(a).toBe(stableUuid('c-llm'));
    expect(a).toHaveLength(36);
    expect(stableUuid('c-llm2')).not.toBe(a);
    expect(stableUuid('modèle 🐉')).not.toBe(stableUuid('modele 🐉'));
    const many = new Set(Array.from({ length: 2000 }, (_, i) => stableUuid(`id-${i}`)));
    expect(many.size).toBe(2000);
  });
});

describe('geometry', () => {
  it('finds the innermost box containing a point', () => {
    const boxes = [
      { x: 0, y: 0, width: 100, height: 100 },
      { x: 10, y: 10, width: 50, height: 50 },
    ];
    expect(innermostContaining(boxes, { x: 20, y: 20 })).toBe(1);
    expect(innermostContaining(boxes, { x: 80, y: 80 })).toBe(0);
    expect(innermostContaining(boxes, { x: 200, y: 0 })).toBe(-1);
    expect(centre({ x: 10, y: 20, width: 100, height: 50 })).toEqual({ x: 60, y: 45 });
  });

  it('nests boxes by containment, never two equal boxes in each other', () => {
    const same = { x: 0, y: 0, width: 10, height: 10 };
    expect(boxParents([same, { ...same }])).toEqual([-1, 0]);
    expect(
      boxParents([
        { x: 0, y: 0, width: 100, height: 100 },
        { x: 50, y: 50, width: 100, height: 100 },
      ]),
    ).toEqual([-1, -1]);
  });

  it('intersects segments and polylines, touching included', () => {
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 })).toBe(true);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 1 }, { x: 10, y: 1 })).toBe(false);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 5 })).toBe(true);
    expect(
      polylinesIntersect(
        [
          { x: 0, y: 0 },
          { x: 5, y: 5 },
          { x: 10, y: 0 },
        ],
        [
          { x: 8, y: -5 },
          { x: 8, y: 10 },
        ],
      ),
    ).toBe(true);
    expect(
      polylinesIntersect(
        [
          { x: 0, y: 0 },
          { x: 5, y: 5 },
        ],
        [
          { x: 8, y: -5 },
          { x: 8, y: 10 },
        ],
      ),
    ).toBe(false);
  });
});
