import { describe, expect, it } from 'vitest';
import { evaluate, type Finding } from '../../../src/core/index';
import { ruleLibrary } from '../../support/libraryBuilders';
import { component, flow, model } from '../../support/modelBuilders';

/**
 * The `why` and `trace` of findings whose rule says `not`: the trace must record which leaves
 * made the condition hold and that they held negated, and the sentence must say what is true of
 * the model — never the opposite.
 */

/** An anonymous user reaching an internet-exposed scoring API; nothing else set. */
const doc = model({
  components: [
    component('anon', 'user', { trust: 'anonymous' }),
    component('api', 'inference-api', { returnsScores: true, exposure: 'internet' }),
  ],
  dataFlows: [flow('anon', 'api')],
});

const findingFor = (when: unknown): Finding => {
  const rule = {
    id: 'rule.negated',
    threat: 'threat.test',
    target: 'component',
    types: ['inference-api'],
    summary: 'The endpoint is open.',
    when,
  };
  const findings = evaluate(doc, ruleLibrary([rule]));
  expect(findings.map((f) => f.key)).toEqual(['rule.negated@api']);
  return findings[0]!;
};

const leaf = (fact: string, op: string, value: unknown) => ({ fact, op, value });

describe('a `not` condition explains itself', () => {
  it('a negated property leaf: the trace marks it negated and the why states the real value', () => {
    const finding = findingFor({ not: leaf('prop.authenticated', 'eq', true) });
    expect(finding.trace).toEqual({
      leaves: [
        {
          fact: 'prop.authenticated',
          op: 'eq',
          value: true,
          actual: false,
          negated: true,
          defaulted: true,
          phrase: 'Authenticated',
          opPhrase: 'is',
        },
      ],
      path: [],
      adjustments: [],
      byDesign: [],
      assumedDefaults: ['prop.authenticated'],
    });
    expect(finding.why).toBe(
      'The endpoint is open — Authenticated: no (not set in the model; assumed by default).',
    );
  });

  it('the same rule does not fire once the negated leaf holds', () => {
    const authenticated = model({
      ...doc,
      components: doc.components.map((c) =>
        c.id === 'api' ? { ...c, props: { ...c.props, authenticated: true } } : c,
      ),
    });
    const rule = {
      id: 'rule.negated',
      threat: 'threat.test',
      target: 'component',
      types: ['inference-api'],
      when: { not: leaf('prop.authenticated', 'eq', true) },
    };
    expect(evaluate(authenticated, ruleLibrary([rule]))).toEqual([]);
  });

  it('not(all): only the item that failed is traced, negated', () => {
    const finding = findingFor({
      not: { all: [leaf('prop.returnsScores', 'eq', true), leaf('prop.authenticated', 'eq', true)] },
    });
    expect(finding.trace.leaves).toEqual([
      expect.objectContaining({ fact: 'prop.authenticated', actual: false, negated: true }),
    ]);
    // Returns scores held, so it is no reason for the finding and stays out of the sentence.
    expect(finding.why).toBe(
      'The endpoint is open — Authenticated: no (not set in the model; assumed by default).',
    );
  });

  it('not(any): every item is traced, negated, and named in the why', () => {
    const finding = findingFor({
      not: { any: [leaf('prop.authenticated', 'eq', true), leaf('prop.rateLimited', 'eq', true)] },
    });
    expect(finding.trace.leaves.map((l) => [l.fact, l.actual, l.negated])).toEqual([
      ['prop.authenticated', false, true],
      ['prop.rateLimited', false, true],
    ]);
    expect(finding.trace.assumedDefaults).toEqual(['prop.authenticated', 'prop.rateLimited']);
    expect(finding.why).toBe(
      'The endpoint is open — Authenticated: no (not set in the model; assumed by default); Rate limited: no (not set in the model; assumed by default).',
    );
  });

  it('not(not): cancels out, so the leaf is traced as held and its path is kept', () => {
    const finding = findingFor({ not: { not: leaf('untrusted.reachable', 'eq', true) } });
    expect(finding.trace.leaves).toEqual([
      expect.objectContaining({ fact: 'untrusted.reachable', actual: true, negated: false, path: [0, 1] }),
    ]);
    expect(finding.trace.path).toEqual(['anon', 'api']);
    expect(finding.why).toBe('The endpoint is open — untrusted input reaches it. Path: anon → api.');
  });

  it('a negated graph fact: the why says what holds, without a path (none is traced under `not`)', () => {
    const finding = findingFor({ not: leaf('untrusted.reachable', 'eq', false) });
    expect(finding.trace.leaves).toEqual([
      expect.objectContaining({ fact: 'untrusted.reachable', value: false, actual: true, negated: true }),
    ]);
    expect(finding.trace.leaves[0]).not.toHaveProperty('path');
    expect(finding.trace.path).toEqual([]);
    expect(finding.why).toBe('The endpoint is open — untrusted input reaches it.');
  });

  it('a negated list leaf says the list includes none of the values', () => {
    const finding = findingFor({ not: leaf('in.types', 'includes', 'llm') });
    expect(finding.trace.leaves).toEqual([
      expect.objectContaining({ fact: 'in.types', value: 'llm', actual: ['user'], negated: true }),
    ]);
    expect(finding.why).toBe('The endpoint is open — direct sources include none of llm.');
  });

  it('a negated `exists` says the property is not set', () => {
    const finding = findingFor({ not: leaf('prop.hosting', 'exists', true) });
    expect(finding.trace.leaves).toEqual([
      expect.objectContaining({ fact: 'prop.hosting', op: 'exists', actual: null, negated: true }),
    ]);
    expect(finding.why).toBe('The endpoint is open — Hosting is not set.');
  });

  it('the lazy explanation is stable, cached, and serialised with the finding', () => {
    const finding = findingFor({ not: leaf('prop.authenticated', 'eq', true) });
    expect(finding.trace).toBe(finding.trace);
    expect(finding.why).toBe(finding.why);
    const json = JSON.parse(JSON.stringify(finding)) as Finding;
    expect(json.why).toBe(finding.why);
    expect(json.trace).toEqual(finding.trace);
    expect(json.trace.leaves[0]!.negated).toBe(true);
    // A spread copies own properties only: the explanation is not among them (see lazyExplanation.ts).
    expect(Object.keys({ ...finding })).not.toContain('why');
  });
});

/**
 * A negated leaf on a string or number fact was once worded "<fact> is not <actual value>", the
 * opposite of the truth (src/core/rules/explainFinding.ts, describeLeaf); it states the value now.
 */
describe('negated string and number leaves state the value the model has', () => {
  it('not(exposure = internal) on an internet API must not say "Exposure is not internet"', () => {
    const finding = findingFor({ not: leaf('prop.exposure', 'eq', 'internal') });
    expect(finding.trace.leaves).toEqual([
      expect.objectContaining({
        fact: 'prop.exposure',
        value: 'internal',
        actual: 'internet',
        negated: true,
      }),
    ]);
    expect(finding.why).not.toContain('Exposure is not internet');
    expect(finding.why).toMatch(/Exposure is (not internal|internet)\b/);
  });

  it('not(incoming flows > 3) with one flow must not say "incoming flows is not 1"', () => {
    const finding = findingFor({ not: leaf('in.count', 'gt', 3) });
    expect(finding.trace.leaves).toEqual([
      expect.objectContaining({ fact: 'in.count', value: 3, actual: 1, negated: true }),
    ]);
    expect(finding.why).not.toContain('incoming flows is not 1');
    expect(finding.why).toMatch(/incoming flows (is not greater than 3|is 1)\b/);
  });
});
