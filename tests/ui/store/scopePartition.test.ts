// @vitest-environment jsdom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, shippedLibrary, updateComponent, updateDataFlow } from '../../../src/core/index';
import { createAppStore } from '../../../src/ui/store/createAppStore';
import { selectFindings, selectOutOfScopeFindings } from '../../../src/ui/store/selectors';
import { syntheticModel } from '../../../bench/syntheticModel';

const library = shippedLibrary();

type Edit =
  | { op: 'scope'; at: number; out: boolean }
  | { op: 'flowScope'; at: number; out: boolean }
  | { op: 'prop'; at: number; value: boolean }
  | { op: 'undo' };

const n = fc.nat({ max: 1000 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('scope' as const), at: n, out: fc.boolean() }),
  fc.record({ op: fc.constant('flowScope' as const), at: n, out: fc.boolean() }),
  fc.record({ op: fc.constant('prop' as const), at: n, value: fc.boolean() }),
  fc.constant({ op: 'undo' as const }),
);

describe('findings in and out of scope, after each edit', () => {
  it('are those a full evaluation marks, over random scope markings, property edits and undos', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 20 }), (edits) => {
        const store = createAppStore({ library, document: syntheticModel(40) });
        for (const edit of edits) {
          const { change, document: doc } = store.getState();
          const c = doc.components[(edit.op === 'undo' ? 0 : edit.at) % doc.components.length]!;
          const f = doc.dataFlows[(edit.op === 'undo' ? 0 : edit.at) % doc.dataFlows.length]!;
          if (edit.op === 'undo') store.getState().undo();
          else if (edit.op === 'scope')
            change((d) => updateComponent(d, c.id, { outOfScope: edit.out ? { reason: 'vendor' } : null }));
          else if (edit.op === 'flowScope')
            change((d) => updateDataFlow(d, f.id, { outOfScope: edit.out ? { reason: 'vendor' } : null }));
          else change((d) => updateComponent(d, c.id, { props: { authenticated: edit.value } }));
          const all = evaluate(store.getState().document, library);
          const keys = (list: readonly { key: string }[]) => list.map((x) => x.key);
          expect(keys(selectFindings(store.getState()))).toEqual(keys(all.filter((x) => !x.outOfScope)));
          expect(keys(selectOutOfScopeFindings(store.getState()))).toEqual(
            keys(all.filter((x) => x.outOfScope)),
          );
        }
      }),
      { numRuns: 25 },
    );
  });
});
