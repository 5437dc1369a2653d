import { describe, expect, it } from 'vitest';
import { addComponent, updateComponent, updateDataFlow, type Component } from '../../../src/core/index';
import { freezeDocument } from '../../../src/ui/store/freezeDocument';
import { syntheticModel } from '../../../bench/syntheticModel';

/** Every object reachable from `value`, the value itself included, is frozen. */
function expectDeepFrozen(value: unknown, path = '$'): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value), path).toBe(true);
  for (const [key, child] of Object.entries(value)) expectDeepFrozen(child, `${path}.${key}`);
}

describe('freezing the documents that enter the store', () => {
  it('freezes what each edit makes new, the objects it shares with the document before being frozen already', () => {
    const doc = freezeDocument(syntheticModel(30));
    expectDeepFrozen(doc);
    const c = doc.components[3]!;
    const f = doc.dataFlows[2]!;
    const edits = [
      updateComponent(doc, c.id, { props: { authenticated: true }, label: 'edited' }),
      updateDataFlow(doc, f.id, { props: { data: ['personal-data', 'credentials'] } }),
      addComponent(doc, {
        id: 'c-new',
        type: 'vector-store',
        label: 'new',
        position: { x: 1, y: 2 },
        props: { tags: ['a'] },
      } as unknown as Component),
    ];
    let previous = doc;
    for (const edit of edits) {
      // Each applied on the one before, as the store does, and each a fresh tree of new objects.
      const next = freezeDocument(
        edit === edits[0] ? edit : { ...edit, components: [...edit.components], meta: { ...edit.meta } },
      );
      expectDeepFrozen(next);
      expectDeepFrozen(previous);
      previous = next;
    }
  });

  it('freezes a document unrelated to the one frozen before', () => {
    freezeDocument(syntheticModel(10));
    const other = syntheticModel(12);
    freezeDocument(other);
    expectDeepFrozen(other);
  });
});
