/**
 * Hostile rule packs must load (or be refused) in time linear in their size, and never overflow
 * the stack. No timed assertions: each case runs at a size where the former quadratic code took
 * minutes (the figures are in `npm run bench:hostile`), so the test timeout is the assertion, and
 * the structure of the result is checked.
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, loadLibrary, shippedLibrary } from '../../src/core/index';
import {
  deepConditionPack,
  manyProblemsPack,
  manyRulesPacks,
  repeatedTypesPack,
  typoPack,
  wideCondition,
  HOSTILE_THREAT_ID,
} from '../fuzz/support/hostile';

const base = shippedLibrary();
const load = (sources: { path: string; content: unknown }[]) => loadLibrary(sources, { base });

describe('rule indexing is linear', () => {
  it('a rule naming one type 1,000,000 times (6 MB; the 480 KB one took 104 s) is refused by the types limit', () => {
    const r = load([{ path: 'p.json', content: repeatedTypesPack(1_000_000) }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      expect.objectContaining({
        file: 'p.json',
        path: '$.rules[0].types',
        message: expect.stringContaining('limits.ruleTypes'),
      }),
    ]);
  });

  it('a rule naming one type 500 times is indexed once for that type', () => {
    const r = load([{ path: 'p.json', content: repeatedTypesPack(500) }]);
    if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
    const onLlm = r.value.index.componentByType.get('llm')!;
    expect(onLlm.filter((c) => c.rule.threat === HOSTILE_THREAT_ID)).toHaveLength(1);
  });

  it('49,000 rules on one type (100,000 took 127 s) load, each indexed exactly once', () => {
    const n = LIMITS.libraryRules.value - base.rules.length - 1_000;
    const r = load(manyRulesPacks(n));
    if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
    const onLlm = r.value.index.componentByType.get('llm')!;
    const hostile = onLlm.filter((c) => c.rule.threat === HOSTILE_THREAT_ID);
    expect(hostile).toHaveLength(n);
    expect(new Set(hostile.map((c) => c.rule.id)).size).toBe(n);
  });

  it('one rule more than the library limit is refused, naming it', () => {
    const r = load(manyRulesPacks(LIMITS.libraryRules.value - base.rules.length + 1));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      expect.objectContaining({ path: '$.rules', message: expect.stringContaining('limits.libraryRules') }),
    ]);
  });

  it('20,000 unknown facts are each reported once, with suggestions from an index', () => {
    const r = load([{ path: 'p.json', content: typoPack(20_000) }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(20_000);
    expect(r.problems[0]!.message).toMatch(
      /^unknown fact "prop\.typo\d+" for a component rule \(did you mean "prop\./,
    );
  });

  it('a condition over the size limit is refused without being compiled', () => {
    const pack = typoPack(1);
    (pack['rules'] as Record<string, unknown>[])[0]!['when'] = wideCondition(LIMITS.conditionNodes.value + 1);
    const r = load([{ path: 'p.json', content: pack }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      expect.objectContaining({
        path: '$.rules[0].when',
        message: expect.stringContaining('limits.conditionNodes'),
      }),
    ]);
  });

  it('a condition at the depth limit loads; one level more is refused', () => {
    expect(load([{ path: 'p.json', content: deepConditionPack(LIMITS.conditionDepth.value) }]).ok).toBe(true);
    const r = load([{ path: 'p.json', content: deepConditionPack(LIMITS.conditionDepth.value + 1) }]);
    expect(r.ok).toBe(false);
  });
});

describe('no stack overflow on packs full of problems', () => {
  it('a 100 KB pack with 50,000 schema problems reports each of them', () => {
    const r = load([{ path: 'p.json', content: manyProblemsPack(50_000) }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(50_000);
    expect(r.problems[0]).toMatchObject({ file: 'p.json', path: '$.rules[0].types[0]' });
  });

  it('a 300 KB pack with 600,000 schema problems (zod itself overflowed) is refused with one problem', () => {
    const r = load([{ path: 'p.json', content: manyProblemsPack(600_000) }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { file: 'p.json', path: '$', message: expect.stringMatching(/more problems than can be listed/) },
    ]);
  });
});
