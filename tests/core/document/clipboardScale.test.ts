import { describe, expect, it } from 'vitest';
import { copyElements, createEmptyDocument, duplicateElements, pasteElements } from '../../../src/core';
import type { ThreatModelDocument } from '../../../src/core';

/**
 * 30,000 elements: 100 boundaries nested in a chain, 9,900 components, 20,000 flows. Pasting
 * them once took seconds while each fresh id was searched for in the ids handed out before it.
 */
function largeModel(): ThreatModelDocument {
  const doc = createEmptyDocument('Clipboard at scale');
  for (let b = 0; b < 100; b++)
    doc.trustBoundaries.push({
      id: `b${b}`,
      label: `Boundary ${b}`,
      zone: 'internal',
      ...(b > 0 ? { parentId: `b${b - 1}` } : {}),
    });
  for (let i = 0; i < 9900; i++)
    doc.components.push({
      id: `c${i}`,
      type: 'llm',
      label: `Component ${i}`,
      boundaryId: `b${i % 100}`,
      position: { x: i, y: 2 * i },
      props: {},
    });
  for (let k = 0; k < 20_000; k++)
    doc.dataFlows.push({
      id: `f${k}`,
      sourceId: `c${k % 9900}`,
      targetId: `c${(k * 7 + 1) % 9900}`,
      label: '',
      props: {},
    } as ThreatModelDocument['dataFlows'][number]);
  return doc;
}

describe('clipboard at scale', () => {
  it('copies a whole nested boundary chain and pastes 30,000 elements with remapped references', () => {
    const doc = largeModel();
    const fragment = copyElements(doc, ['b0']);
    expect(fragment.trustBoundaries).toHaveLength(100);
    expect(fragment.components).toHaveLength(9900);
    expect(fragment.dataFlows).toHaveLength(20_000);

    const fresh = Array.from({ length: 30_000 }, (_, i) => `n${i}`);
    const { document, ids } = pasteElements(doc, fragment, fresh, { x: 5, y: 7 });
    expect(ids).toEqual(fresh);
    expect(document.trustBoundaries).toHaveLength(200);
    expect(document.components).toHaveLength(19_800);
    expect(document.dataFlows).toHaveLength(40_000);

    // Boundaries first (n0…n99), then components (n100…), then flows: references follow the map.
    expect(document.trustBoundaries[100]).toMatchObject({ id: 'n0' });
    expect(document.trustBoundaries[100]!.parentId).toBeUndefined();
    expect(document.trustBoundaries[199]).toMatchObject({ id: 'n99', parentId: 'n98' });
    const pastedComponent = document.components[9900 + 123]!;
    expect(pastedComponent).toMatchObject({
      id: 'n223',
      boundaryId: 'n23',
      position: { x: 128, y: 253 },
    });
    const pastedFlow = document.dataFlows[20_000 + 12_345]!;
    expect(pastedFlow.id).toBe(`n${100 + 9900 + 12_345}`);
    expect(pastedFlow.sourceId).toBe(`n${100 + (12_345 % 9900)}`);
    expect(pastedFlow.targetId).toBe(`n${100 + ((12_345 * 7 + 1) % 9900)}`);
    // The original is untouched.
    expect(doc.components).toHaveLength(9900);
  });

  it('refuses a repeated fresh id at the end of a long list', () => {
    const doc = largeModel();
    const fragment = copyElements(doc, ['b0']);
    const fresh = Array.from({ length: 30_000 }, (_, i) => `n${i}`);
    fresh[29_999] = 'n5';
    expect(() => pasteElements(doc, fragment, fresh)).toThrow(/"n5" is already used/);
  });

  it('duplicates every component of a large model', () => {
    const doc = largeModel();
    const all = doc.components.map((c) => c.id);
    const fresh = Array.from({ length: 9900 + 20_000 }, (_, i) => `d${i}`);
    const { document, ids } = duplicateElements(doc, all, fresh);
    expect(ids).toHaveLength(29_900);
    expect(document.components).toHaveLength(19_800);
    // Components keep their boundary (not copied): it still exists.
    expect(document.components[9900]).toMatchObject({
      id: 'd0',
      boundaryId: 'b0',
      position: { x: 32, y: 32 },
    });
  });
});
