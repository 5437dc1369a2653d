import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEvaluator,
  removeElements,
  setTriage,
  shippedLibrary,
  SEVERITIES,
  updateComponent,
  updateDataFlow,
  type Finding,
  type ThreatModelDocument,
} from '../../../src/core/index';
import {
  changedSince,
  changedTargets,
  indexFindings,
  type FindingsIndex,
} from '../../../src/ui/store/findingsIndex';
import { syntheticModel } from '../../../bench/syntheticModel';

const library = shippedLibrary();

/** What the index must say, worked out plainly from the findings (no shared code). */
function expected(findings: readonly Finding[]) {
  const byTarget: Record<string, string[]> = {};
  const summary: Record<string, { open: number; severity: string }> = {};
  for (const f of findings) {
    (byTarget[f.targetId] ??= []).push(f.key);
    if (f.status !== 'open') continue;
    const s = (summary[f.targetId] ??= { open: 0, severity: f.severity });
    s.open++;
    if (SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(s.severity as (typeof SEVERITIES)[number]))
      s.severity = f.severity;
  }
  return { byTarget, summary, keys: findings.map((f) => f.key).sort() };
}

function actual(index: FindingsIndex, findings: readonly Finding[]) {
  const byTarget: Record<string, string[]> = {};
  for (const [target, list] of index.byTarget) byTarget[target] = list.map((f) => f.key);
  const summary: Record<string, { open: number; severity: string }> = {};
  for (const [target, s] of index.summary) summary[target] = { open: s.open, severity: s.severity! };
  // Every key answers with the very finding of this array.
  for (const f of findings) expect(index.byKey.get(f.key)).toBe(f);
  return { byTarget, summary, keys: [...index.byKey.keys()].sort() };
}

const sorted = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

function expectIndexOf(findings: readonly Finding[]) {
  const got = actual(indexFindings(findings), findings);
  const want = expected(findings);
  expect(sorted(got.byTarget)).toEqual(sorted(want.byTarget));
  expect(sorted(got.summary)).toEqual(sorted(want.summary));
  expect(got.keys).toEqual(want.keys);
}

type Edit =
  | { op: 'prop'; at: number; value: boolean }
  | { op: 'flow'; at: number; value: boolean }
  | { op: 'triage'; at: number; status: number }
  | { op: 'remove'; at: number }
  | { op: 'undo' };

const n = fc.nat({ max: 10_000 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('prop' as const), at: n, value: fc.boolean() }),
  fc.record({ op: fc.constant('flow' as const), at: n, value: fc.boolean() }),
  fc.record({ op: fc.constant('triage' as const), at: n, status: n }),
  fc.record({ op: fc.constant('remove' as const), at: n }),
  fc.constant({ op: 'undo' as const }),
);

const STATUSES = ['accepted', 'mitigated', 'open', 'not-applicable'] as const;

function apply(doc: ThreatModelDocument, edit: Exclude<Edit, { op: 'undo' }>, findings: readonly Finding[]) {
  switch (edit.op) {
    case 'prop': {
      const c = doc.components[edit.at % doc.components.length]!;
      return updateComponent(doc, c.id, { props: { authenticated: edit.value, validatesData: !edit.value } });
    }
    case 'flow': {
      const f = doc.dataFlows[edit.at % doc.dataFlows.length]!;
      return updateDataFlow(doc, f.id, { props: { encrypted: edit.value } });
    }
    case 'triage': {
      if (findings.length === 0) return doc;
      const key = findings[edit.at % findings.length]!.key;
      return setTriage(doc, key, { status: STATUSES[edit.status % STATUSES.length]! });
    }
    case 'remove': {
      if (doc.components.length < 3) return doc;
      return removeElements(doc, [doc.components[edit.at % doc.components.length]!.id]);
    }
  }
}

describe('findings index, updated from the change', () => {
  it('answers as an index built from scratch, over random edits and undos', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 25 }), (edits) => {
        const evaluator = createEvaluator(library);
        const history: ThreatModelDocument[] = [syntheticModel(60)];
        expectIndexOf(evaluator.evaluate(history[0]!));
        for (const edit of edits) {
          const current = history[history.length - 1]!;
          if (edit.op === 'undo') {
            if (history.length > 1) history.pop();
          } else history.push(apply(current, edit, evaluator.evaluate(current)));
          expectIndexOf(evaluator.evaluate(history[history.length - 1]!));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('says which targets an index updated from the one before may differ in, and no others do', () => {
    let derived = 0;
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 20 }), (edits) => {
        const evaluator = createEvaluator(library);
        const history: ThreatModelDocument[] = [syntheticModel(60)];
        const first = indexFindings(evaluator.evaluate(history[0]!));
        let previous = first;
        const seen = new Set<FindingsIndex>([first]);
        for (const edit of edits) {
          const current = history[history.length - 1]!;
          if (edit.op === 'undo') {
            if (history.length > 1) history.pop();
          } else history.push(apply(current, edit, evaluator.evaluate(current)));
          const findings = evaluator.evaluate(history[history.length - 1]!);
          const before = new Map([...previous.summary].map(([id, s]) => [id, s]));
          const lists = new Map([...previous.byTarget]);
          const next = indexFindings(findings);
          const touched = changedSince(next, previous);
          if (touched) {
            derived++;
            const ids = new Set([
              ...before.keys(),
              ...next.summary.keys(),
              ...findings.map((f) => f.targetId),
            ]);
            for (const id of ids) {
              if (touched.has(id)) continue;
              // The very same entries: what the canvas keeps without looking them up.
              expect(next.summary.get(id)).toBe(before.get(id));
              expect(next.byTarget.get(id)).toBe(lists.get(id));
            }
          }
          // A new index is made from the very index before it, not from an older one.
          if (!seen.has(next) && previous !== first) expect(changedSince(next, first)).toBeNull();
          seen.add(next);
          previous = next;
        }
      }),
      { numRuns: 30 },
    );
    // Edits are small: most indexes are updates, so the checks above ran.
    expect(derived).toBeGreaterThan(30);
  });

  it('keeps an earlier array’s index right after a later one was built from it', () => {
    const evaluator = createEvaluator(library);
    const doc = syntheticModel(60);
    const before = evaluator.evaluate(doc);
    const old = indexFindings(before);
    const api = doc.components.find(
      (c) => c.type === 'inference-api' && c.props?.['authenticated'] !== true,
    )!;
    const after = evaluator.evaluate(updateComponent(doc, api.id, { props: { authenticated: true } }));
    const fresh = indexFindings(after);
    expect(fresh.summary.get(api.id)?.open).not.toBe(old.summary.get(api.id)?.open);
    // Both read after both were built, in turn: each answers for its own findings.
    for (let turn = 0; turn < 3; turn++) {
      expect(actual(old, before)).toEqual(expected(before));
      expect(actual(fresh, after)).toEqual(expected(after));
    }
    expect(indexFindings(before)).toBe(old);
  });

  it('touches only the targets whose findings changed', () => {
    const evaluator = createEvaluator(library);
    const doc = syntheticModel(200);
    const before = evaluator.evaluate(doc);
    const api = doc.components.find(
      (c) => c.type === 'inference-api' && c.props?.['authenticated'] !== true,
    )!;
    const after = evaluator.evaluate(updateComponent(doc, api.id, { props: { authenticated: true } }));
    const touched = changedTargets(before, after)!;
    expect(touched.has(api.id)).toBe(true);
    // The edited component and its flows at most.
    const flows = doc.dataFlows
      .filter((f) => f.sourceId === api.id || f.targetId === api.id)
      .map((f) => f.id);
    for (const id of touched) expect([api.id, ...flows]).toContain(id);
    expect(changedTargets(after, after)!.size).toBe(0);
    // Unrelated arrays: built afresh rather than updated.
    expect(changedTargets(before, [])).toBeNull();
  });
});
