import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedLibrary, type ThreatModelDocument } from '../../../src/core/index';
import type { Condition } from '../../../src/core/library/librarySchema';
import { compileCondition } from '../../../src/core/rules/compileConditions';
import { testCondition } from '../../../src/core/rules/conditions';
import { buildEvaluationContext } from '../../../src/core/rules/evaluationContext';
import { listBitsReader, maskOf } from '../../../src/core/rules/listBits';
import { OPERATORS } from '../../../src/core/rules/operators';
import { DATA_CATEGORIES } from '../../../src/core/model/vocabulary';
import { component, flow, model } from '../../support/modelBuilders';

/**
 * List facts over a closed vocabulary (a flow's data categories) are tested as bits: the compiled
 * leaf must answer exactly what the operator answers on the list, for every operator of the
 * family, empty lists, repeated values and values outside the vocabulary (a document no parser
 * checked can hold them).
 */
const library = shippedLibrary();
const OPS = ['includes', 'includesAny', 'includesNone', 'includesOnly'] as const;
const category = fc.constantFrom(...DATA_CATEGORIES);
const listValue = fc.oneof(
  { weight: 9, arbitrary: category },
  { weight: 1, arbitrary: fc.constant('not-a-category') },
);

describe('list facts read as bits', () => {
  it('answer every includes operator as the list does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(listValue, { maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...OPS),
        fc.array(category, { minLength: 1, maxLength: 4 }),
        (lists, op, wanted) => {
          const doc = model({
            components: [component('a', 'user'), component('b', 'llm')],
            dataFlows: lists.map((data, k) => flow('a', 'b', { data: data as never }, `f${k}`)),
          }) as ThreatModelDocument;
          const ctx = buildEvaluationContext(doc, library);
          const value = op === 'includes' ? wanted[0]! : wanted;
          const condition = { fact: 'data', op, value } as Condition;
          const problems: unknown[] = [];
          const leaf = compileCondition(condition, 'dataFlow', library.facts, 'when', problems as never);
          expect(problems).toEqual([]);
          expect((leaf as { bits?: unknown }).bits).toBeDefined();
          for (let k = 0; k < lists.length; k++) {
            const expected = OPERATORS[op].test(ctx.doc.dataFlows[k]!.props!.data!, value);
            expect([op, lists[k], value, testCondition(leaf, ctx, k)]).toEqual([
              op,
              lists[k],
              value,
              expected,
            ]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keep the last list read, and read a new list anew', () => {
    const read = listBitsReader(['x', 'y', 'z']);
    const list = ['x', 'z'];
    expect(read(list)).toBe(0b101);
    expect(read(list)).toBe(0b101);
    expect(read(['y'])).toBe(0b010);
    expect(read(['y', 'w'])).toBe(0b010 | (1 << 31));
    expect(read([])).toBe(0);
    expect(read(undefined)).toBe(0);
  });

  it('compare lists when a rule value is outside the vocabulary', () => {
    expect(maskOf(['x', 'y'], ['y'])).toBe(0b10);
    expect(maskOf(['x', 'y'], ['y', 'w'])).toBeUndefined();
  });
});
