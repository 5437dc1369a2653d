import { describe, expect, it } from 'vitest';
import {
  evaluate,
  exportJsonReport,
  exportMarkdownReport,
  findOrphanedTriage,
} from '../../../src/core/index';
import { component, flow, model } from '../../support/modelBuilders';
import { ruleLibrary } from '../../support/libraryBuilders';

const apiRule = {
  id: 'rule.api',
  threat: 'threat.test',
  target: 'component',
  types: ['inference-api'],
  summary: 'The endpoint can be queried at will.',
  when: {
    all: [
      { fact: 'prop.returnsScores', op: 'eq', value: true },
      { fact: 'untrusted.reachable', op: 'eq', value: true },
    ],
  },
  adjust: [
    {
      when: { fact: 'prop.authenticated', op: 'eq', value: false },
      likelihood: 1,
      reason: 'more likely: callers are not authenticated',
    },
  ],
  byDesign: [
    {
      when: { fact: 'prop.rateLimited', op: 'eq', value: true },
      mitigations: ['mitigation.test'],
      effect: 'lower',
      reason: 'rate limiting slows bulk querying',
    },
  ],
};
const doc = (apiProps: Record<string, boolean | string>, triage = {}) =>
  model({
    components: [
      component('anon', 'user', { trust: 'anonymous' }),
      component('api', 'inference-api', { returnsScores: true, ...apiProps }),
    ],
    dataFlows: [flow('anon', 'api')],
    triage,
  });

describe('evaluate', () => {
  const library = ruleLibrary([apiRule]);

  it('fires with key, references, mitigations and a why naming the path and assumed defaults', () => {
    const [finding, ...rest] = evaluate(doc({}), library);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: 'rule.api@api',
      threatId: 'threat.test',
      targetKind: 'component',
      status: 'open',
      likelihood: 'high',
      impact: 'high',
      severity: 'critical',
      references: { guidelines: ['SD-3', 'OM-2'], atlas: ['AML.T0051'], owaspLlm: ['LLM01'], saif: ['PIJ'] },
    });
    expect(finding!.mitigations.map((m) => m.id)).toEqual(['mitigation.test']); // organisational one left for the model section
    expect(finding!.why).toBe(
      'The endpoint can be queried at will — Returns scores: yes; untrusted input reaches it. Path: anon → api. More likely: callers are not authenticated.',
    );
  });

  it('a secure property present by design lowers severity and says so', () => {
    const [finding] = evaluate(doc({ authenticated: true, rateLimited: true }), library);
    expect(finding).toMatchObject({ likelihood: 'low', severity: 'medium', status: 'open' });
    expect(finding!.mitigations[0]).toMatchObject({
      id: 'mitigation.test',
      state: 'implemented',
      byDesign: true,
    });
    expect(finding!.why).toMatch(/By design: rate limiting slows bulk querying\.$/);
  });

  it('mitigated by design marks the finding mitigated unless triage says otherwise', () => {
    const lib = ruleLibrary([{ ...apiRule, byDesign: [{ ...apiRule.byDesign[0], effect: 'mitigated' }] }]);
    expect(evaluate(doc({ rateLimited: true }), lib)[0]!.status).toBe('mitigated');
    expect(evaluate(doc({ rateLimited: true }, { 'rule.api@api': { status: 'open' } }), lib)[0]!.status).toBe(
      'open',
    );
  });

  it('does not fire when the precondition is removed', () => {
    expect(evaluate(doc({ returnsScores: false }), library)).toEqual([]);
  });

  it('says when a finding rests on a default', () => {
    const lib = ruleLibrary([
      {
        id: 'rule.d',
        threat: 'threat.test',
        target: 'component',
        types: ['inference-api'],
        when: { fact: 'prop.authenticated', op: 'eq', value: false },
      },
    ]);
    const [finding] = evaluate(doc({}), lib);
    expect(finding!.why).toMatch(/Authenticated: no \(not set in the model; assumed by default\)/);
    expect(finding!.trace.assumedDefaults).toEqual(['prop.authenticated']);
    expect(evaluate(doc({ authenticated: false }), lib)[0]!.why).not.toMatch(/assumed/);
  });

  it('merges triage and reports triage whose finding no longer fires', () => {
    const triage = {
      'rule.api@api': {
        status: 'accepted' as const,
        owner: 'Ana',
        note: 'internal pilot',
        mitigations: { 'mitigation.test': 'planned' as const },
      },
      'rule.gone@old': { status: 'mitigated' as const, note: 'kept' },
    };
    const d = doc({}, triage);
    const findings = evaluate(d, library);
    expect(findings[0]).toMatchObject({
      status: 'accepted',
      owner: 'Ana',
      note: 'internal pilot',
      triaged: true,
    });
    expect(findings[0]!.mitigations[0]!.state).toBe('planned');
    expect(findOrphanedTriage(d, findings)).toEqual([
      { key: 'rule.gone@old', triage: { status: 'mitigated', note: 'kept' } },
    ]);
  });

  it('model rules fire once with organisational mitigations', () => {
    const lib = ruleLibrary([
      {
        id: 'rule.org',
        threat: 'threat.test',
        target: 'model',
        when: { fact: 'types', op: 'includes', value: 'inference-api' },
      },
    ]);
    const findings = evaluate(doc({}), lib);
    expect(findings.map((f) => [f.key, f.targetKind])).toEqual([['rule.org@model', 'model']]);
    expect(findings[0]!.mitigations.map((m) => m.id)).toEqual(['mitigation.test', 'mitigation.org']);
    expect(findings[0]!.references.guidelines).toEqual(['SD-1', 'SD-3', 'OM-2']);
  });

  it('user-added threats behave like findings; unplaced ones wait', () => {
    const d = {
      ...doc({}),
      userThreats: [
        {
          id: 'u1',
          targetId: 'api',
          title: 'Insider exports logs',
          severity: 'high' as const,
          status: 'open' as const,
        },
        {
          id: 'u2',
          targetId: null,
          title: 'Imported, unplaced',
          severity: 'low' as const,
          status: 'open' as const,
        },
      ],
    };
    const findings = evaluate(d, library);
    expect(findings.map((f) => f.key)).toEqual(['rule.api@api', 'user.u1@api']);
    expect(findings[1]).toMatchObject({
      origin: 'user',
      targetKind: 'component',
      severity: 'high',
      title: 'Insider exports logs',
    });
  });
});

describe('determinism', () => {
  const library = ruleLibrary([
    apiRule,
    {
      id: 'rule.flow',
      threat: 'threat.test',
      target: 'dataFlow',
      when: { fact: 'encrypted', op: 'eq', value: false },
    },
  ]);
  const components = Array.from({ length: 30 }, (_, i) =>
    component(
      `c${i}`,
      i % 3 === 0 ? 'user' : 'inference-api',
      i % 3 === 0 ? { trust: 'anonymous' } : { returnsScores: i % 2 === 0 },
    ),
  );
  const dataFlows = components.slice(1).map((c, i) => flow(`c${i}`, c.id, { encrypted: i % 4 === 0 }));
  const base = model({ components, dataFlows });

  it('gives byte-identical reports twice', () => {
    expect(exportJsonReport(base, library)).toBe(exportJsonReport(base, library));
    expect(exportMarkdownReport(base, library)).toBe(exportMarkdownReport(base, library));
  });

  it('gives the same JSON report when the input order is shuffled', () => {
    const shuffle = <T>(list: T[], seed: number) =>
      list
        .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
        .sort((a, b) => a.k - b.k)
        .map((e) => e.x);
    const shuffled = model({ components: shuffle(components, 13), dataFlows: shuffle(dataFlows, 5) });
    const findings = evaluate(base, library);
    expect(findings.length).toBeGreaterThan(5);
    expect(evaluate(shuffled, library).map((f) => [f.key, f.severity, f.why])).toEqual(
      findings.map((f) => [f.key, f.severity, f.why]),
    );
    expect(JSON.parse(exportJsonReport(shuffled, library)).findings).toEqual(
      JSON.parse(exportJsonReport(base, library)).findings,
    );
  });
});

describe('determinism among equally short paths', () => {
  it('chooses the same path whatever the order of elements in the file', () => {
    const library = ruleLibrary([
      {
        id: 'rule.r',
        threat: 'threat.test',
        target: 'component',
        types: ['llm'],
        when: { fact: 'untrusted.reachable', op: 'eq', value: true },
      },
    ]);
    const components = [
      component('anon', 'user', { trust: 'anonymous' }),
      component('b', 'process'),
      component('a', 'process'),
      component('llm', 'llm'),
    ];
    const dataFlows = [flow('anon', 'b'), flow('anon', 'a'), flow('b', 'llm'), flow('a', 'llm')];
    const forward = evaluate(model({ components, dataFlows }), library);
    const reversed = evaluate(
      model({ components: [...components].reverse(), dataFlows: [...dataFlows].reverse() }),
      library,
    );
    expect(forward[0]!.trace.path).toEqual(['anon', 'a', 'llm']);
    expect(reversed[0]!.trace.path).toEqual(forward[0]!.trace.path);
    expect(
      exportMarkdownReport(
        model({ components: [...components].reverse(), dataFlows: [...dataFlows].reverse() }),
        library,
      ),
    ).toBe(exportMarkdownReport(model({ components, dataFlows }), library));
  });
});
