import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEvaluator,
  removeElements,
  setTriage,
  shippedLibrary,
  updateComponent,
  updateDataFlow,
  type ThreatModelDocument,
} from '../../src/core/index';
import type { FindingFilters } from '../../src/ui/store/appState';
import { filterFindings, sortFindings } from '../../src/ui/store/selectors';
import { allFindingsListed } from '../../src/ui/threats/panelFindings';
import { syntheticModel } from '../../bench/syntheticModel';

const library = shippedLibrary();

type Edit =
  | { op: 'prop'; at: number; value: boolean }
  | { op: 'flow'; at: number; value: boolean }
  | { op: 'label'; at: number }
  | { op: 'triage'; at: number; status: number }
  | { op: 'remove'; at: number }
  | { op: 'filters'; which: number }
  | { op: 'undo' };

const n = fc.nat({ max: 10_000 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('prop' as const), at: n, value: fc.boolean() }),
  fc.record({ op: fc.constant('flow' as const), at: n, value: fc.boolean() }),
  fc.record({ op: fc.constant('label' as const), at: n }),
  fc.record({ op: fc.constant('triage' as const), at: n, status: n }),
  fc.record({ op: fc.constant('remove' as const), at: n }),
  fc.record({ op: fc.constant('filters' as const), which: n }),
  fc.constant({ op: 'undo' as const }),
);

const STATUSES = ['accepted', 'mitigated', 'open', 'not-applicable'] as const;
const FILTERS: FindingFilters[] = [
  { severity: 'all', status: 'all', guideline: 'all', framework: 'all' },
  { severity: 'high', status: 'all', guideline: 'all', framework: 'all' },
  { severity: 'all', status: 'open', guideline: 'all', framework: 'atlas' },
];

describe('the threat panel’s list of all findings', () => {
  it('is the filtered, sorted findings after every edit, made from the list before', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 25 }), (edits) => {
        const evaluator = createEvaluator(library);
        const history: ThreatModelDocument[] = [syntheticModel(60)];
        let filters = FILTERS[0]!;
        const check = () => {
          const findings = evaluator.evaluate(history[history.length - 1]!);
          const got = allFindingsListed(findings, filters);
          const want = sortFindings(filterFindings(findings, filters));
          expect(got.length).toBe(want.length);
          // The very finding objects of this array, in the panel's order.
          got.forEach((f, i) => expect(f).toBe(want[i]));
        };
        check();
        for (const edit of edits) {
          const doc = history[history.length - 1]!;
          const c =
            doc.components[
              (edit.op === 'undo' || edit.op === 'filters' ? 0 : edit.at) % doc.components.length
            ]!;
          if (edit.op === 'undo') {
            if (history.length > 1) history.pop();
          } else if (edit.op === 'filters') filters = { ...FILTERS[edit.which % FILTERS.length]! };
          else if (edit.op === 'prop')
            history.push(updateComponent(doc, c.id, { props: { authenticated: edit.value } }));
          else if (edit.op === 'label') history.push(updateComponent(doc, c.id, { label: `${c.label}x` }));
          else if (edit.op === 'flow') {
            const f = doc.dataFlows[edit.at % doc.dataFlows.length]!;
            history.push(updateDataFlow(doc, f.id, { props: { encrypted: edit.value } }));
          } else if (edit.op === 'triage') {
            const findings = evaluator.evaluate(doc);
            const key = findings[edit.at % findings.length]!.key;
            history.push(setTriage(doc, key, { status: STATUSES[edit.status % STATUSES.length]! }));
          } else if (doc.components.length > 3) history.push(removeElements(doc, [c.id]));
          check();
        }
      }),
      { numRuns: 40 },
    );
  });
});
