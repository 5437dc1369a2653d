import { describe, expect, it } from 'vitest';
import {
  addDataFlow,
  moveElements,
  removeElements,
  updateComponent,
  updateTrustBoundary,
  type ThreatModelDocument,
} from '../../src/core/index';
import { outlineRows } from '../../src/ui/outline/outlineRows';
import { outlineRowsOf, sameOutlineStructure } from '../../src/ui/outline/outlineStructure';
import { syntheticModel } from '../../bench/syntheticModel';

describe('outline rows kept while the structure stands', () => {
  const doc = syntheticModel(200);
  const c = doc.components[4]!;

  it('keeps the same rows through property, label and position edits', () => {
    const rows = outlineRowsOf(doc);
    const edited = updateComponent(doc, c.id, { label: 'Renamed', props: { authenticated: true } });
    expect(sameOutlineStructure(doc, edited)).toBe(true);
    expect(outlineRowsOf(edited)).toBe(rows);
    const moved = {
      ...edited,
      components: edited.components.map((x) => ({ ...x, position: { x: 1, y: 2 } })),
    };
    expect(outlineRowsOf(moved)).toBe(rows);
    expect(rows).toEqual(outlineRows(moved));
  });

  it('builds them again when ids, order or nesting change', () => {
    const other = doc.trustBoundaries.find((b) => b.id !== c.boundaryId)!;
    const f = doc.dataFlows[0]!;
    const changes: [string, ThreatModelDocument][] = [
      ['boundary of a component', updateComponent(doc, c.id, { boundaryId: other.id })],
      ['removed', removeElements(doc, [c.id])],
      ['reordered', { ...doc, components: [...doc.components].reverse() }],
      [
        'parent of a boundary',
        updateTrustBoundary(doc, doc.trustBoundaries.find((b) => b.parentId)!.id, { parentId: null }),
      ],
      ['new flow', addDataFlow(doc, { ...f, id: 'f-new' })],
      ['moved', moveElements(doc, [{ id: c.id, position: { x: 5, y: 5 } }])],
    ];
    for (const [what, changed] of changes) {
      const before = outlineRowsOf(doc);
      const after = outlineRowsOf(changed);
      // Moving (geometry) keeps the structure; every other change here alters it.
      if (what === 'moved') expect(after, what).toBe(before);
      else {
        expect(sameOutlineStructure(doc, changed), what).toBe(false);
        expect(after, what).toEqual(outlineRows(changed));
        expect(after, what).not.toEqual(before);
      }
    }
  });
});
