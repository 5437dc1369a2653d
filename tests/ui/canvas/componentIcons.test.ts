import { describe, expect, it } from 'vitest';
import { shippedLibrary } from '../../../src/core/index';
import { componentIcon, FALLBACK_ICON, ICON_TYPE_IDS } from '../../../src/ui/canvas/componentIcons';

describe('component type icons', () => {
  it('gives every shipped component type a line icon of its own', () => {
    const types = [...shippedLibrary().catalogue.types.keys()];
    expect(types.length).toBeGreaterThan(20);
    for (const id of types) expect(componentIcon(id), id).not.toBe(FALLBACK_ICON);
    expect([...ICON_TYPE_IDS].sort()).toEqual([...types].sort());
  });

  it('falls back to a neutral icon for a type from a rule pack, and for inherited names', () => {
    expect(componentIcon('quantum-oracle')).toBe(FALLBACK_ICON);
    expect(componentIcon('constructor')).toBe(FALLBACK_ICON);
    expect(componentIcon('__proto__')).toBe(FALLBACK_ICON);
  });
});
