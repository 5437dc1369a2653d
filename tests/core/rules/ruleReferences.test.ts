import { describe, expect, it } from 'vitest';
import { evaluate, loadLibrary } from '../../../src/core/index';
import { bareSources, ruleLibrary } from '../../support/libraryBuilders';
import { component, flow, model } from '../../support/modelBuilders';

/**
 * A rule can add references of its own, unconditionally or only when one of its adjustments
 * holds (LLM08 where retrieval is on the path); findings carry the threat's and the rule's.
 */
const doc = model({
  components: [
    component('index', 'vector-store'),
    component('with-index', 'llm'),
    component('without-index', 'llm'),
  ],
  dataFlows: [flow('index', 'with-index')],
});

const rule = {
  id: 'rule.t',
  threat: 'threat.test',
  target: 'component',
  types: ['llm'],
  references: { owaspMl: ['ML01'], atlas: ['AML.T0051'] },
  adjust: [
    {
      when: { fact: 'upstream.types', op: 'includes', value: 'vector-store' },
      reason: 'also: the content comes from a retrieval index',
      references: { owaspLlm: ['LLM08'], guidelines: ['DEP-1'] },
    },
  ],
};

describe('per-rule references', () => {
  const findings = evaluate(doc, ruleLibrary([rule]));
  const of = (id: string) => findings.find((f) => f.targetId === id)!;

  it('adds the rule’s references to the threat’s, without duplicates', () => {
    const refs = of('without-index').references;
    expect(refs.owaspMl).toEqual(['ML01']);
    expect(refs.atlas).toEqual(['AML.T0051']);
    expect(refs.owaspLlm).toEqual(['LLM01']);
    expect(refs.saif).toEqual(['PIJ']);
  });

  it('adds an adjustment’s references only where it holds, with its guidelines', () => {
    expect(of('with-index').references.owaspLlm).toEqual(['LLM01', 'LLM08']);
    expect(of('with-index').references.guidelines).toContain('DEP-1');
    expect(of('without-index').references.guidelines).not.toContain('DEP-1');
    expect(of('with-index').why).toContain('Also: the content comes from a retrieval index.');
  });

  it('refuses an empty references object, unknown guidelines and malformed ids', () => {
    const load = (rules: unknown[]) =>
      loadLibrary([
        ...bareSources(),
        {
          path: 'pack.json',
          content: {
            threats: [
              {
                id: 'threat.t',
                title: 'T',
                description: 'D. E.',
                likelihood: 'low',
                impact: 'low',
                references: { guidelines: ['SD-3'] },
                mitigations: ['mitigation.m'],
              },
            ],
            mitigations: [{ id: 'mitigation.m', title: 'M', guidance: 'G', guidelines: ['SD-3'] }],
            rules,
          },
        },
      ]);
    const problemsOf = (rules: unknown[]) => {
      const result = load(rules);
      if (result.ok) throw new Error('expected the pack to be refused');
      return Object.fromEntries(result.problems.map((p) => [p.path, p.message]));
    };
    const semantic = problemsOf([
      { id: 'rule.a', threat: 'threat.t', target: 'component', references: {} },
      { id: 'rule.b', threat: 'threat.t', target: 'component', references: { guidelines: ['SD-99'] } },
    ]);
    expect(semantic['$.rules[0].references']).toMatch(/lists no reference.*"owaspLlm": \["LLM08"\]/);
    expect(semantic['$.rules[1].references.guidelines[0]']).toBe('no guideline has the id "SD-99"');
    const malformed = problemsOf([
      { id: 'rule.c', threat: 'threat.t', target: 'component', references: { owaspLlm: ['LLM11'] } },
    ]);
    expect(malformed['$.rules[0].references.owaspLlm[0]']).toBe('must be LLM01…LLM10');
  });
});
