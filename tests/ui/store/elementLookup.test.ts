import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addComponent,
  removeElements,
  updateComponent,
  type Component,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { componentsById } from '../../../src/ui/store/elementLookup';
import { syntheticModel } from '../../../bench/syntheticModel';

/** What a lookup must answer, as a Map built from the list (no shared code). */
function expectLookupOf(doc: ThreatModelDocument) {
  const want = new Map(doc.components.map((c) => [c.id, c]));
  const got = componentsById(doc);
  expect(got.size).toBe(want.size);
  expect([...got.keys()]).toEqual([...want.keys()]);
  expect([...got.values()]).toEqual([...want.values()]);
  for (const [id, c] of want) {
    expect(got.get(id)).toBe(c);
    expect(got.has(id)).toBe(true);
  }
  expect(got.get('no-such-id')).toBeUndefined();
}

type Edit =
  | { op: 'label'; at: number }
  | { op: 'add' }
  | { op: 'remove'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'back' };

const n = fc.nat({ max: 1000 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('label' as const), at: n }),
  fc.constant({ op: 'add' as const }),
  fc.record({ op: fc.constant('remove' as const), at: n }),
  fc.record({ op: fc.constant('swap' as const), at: n, with: n }),
  fc.constant({ op: 'back' as const }),
);

describe('element lookup', () => {
  it('answers as a Map of the list, over edits in place, adds, removals, reorders and going back', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 30 }), (edits) => {
        const history: ThreatModelDocument[] = [syntheticModel(20)];
        let added = 0;
        expectLookupOf(history[0]!);
        for (const edit of edits) {
          const doc = history[history.length - 1]!;
          const at = (i: number) => doc.components[i % doc.components.length]!;
          let next = doc;
          if (edit.op === 'back') {
            if (history.length > 1) history.pop();
          } else if (edit.op === 'label')
            next = updateComponent(doc, at(edit.at).id, { label: `x${added++}` });
          else if (edit.op === 'add')
            next = addComponent(doc, {
              id: `new-${added++}`,
              type: 'inference-api',
              label: 'new',
              position: { x: 0, y: 0 },
            } as Component);
          else if (edit.op === 'remove' && doc.components.length > 2)
            next = removeElements(doc, [at(edit.at).id]);
          else if (edit.op === 'swap') {
            // The same objects in another order: same length, ids no longer in place.
            const components = [...doc.components];
            const i = edit.at % components.length;
            const j = edit.with % components.length;
            [components[i], components[j]] = [components[j]!, components[i]!];
            next = { ...doc, components };
          }
          if (next !== doc) history.push(next);
          // Each version still answers for itself, the earlier ones included.
          expectLookupOf(history[history.length - 1]!);
          expectLookupOf(history[0]!);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the last position of a repeated id, as a Map built from the list does', () => {
    const doc = syntheticModel(5);
    const twin = { ...doc.components[3]!, id: doc.components[1]!.id, label: 'twin' };
    const components = [...doc.components];
    components[3] = twin;
    expectLookupOf({ ...doc, components });
    expect(componentsById({ ...doc, components }).get(twin.id)).toBe(twin);
  });
});
