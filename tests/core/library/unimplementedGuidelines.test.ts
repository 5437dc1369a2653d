import { describe, expect, it } from 'vitest';
import { loadLibrary, shippedLibrary, type Problem } from '../../../src/core/index';
import { bareSources } from '../../support/libraryBuilders';

const mitigations = [
  { id: 'mitigation.design', title: 'D', guidance: 'G', guidelines: ['SD-3'] },
  { id: 'mitigation.monitor', title: 'M', guidance: 'G', guidelines: ['OM-1'] },
  { id: 'mitigation.plan', title: 'P', guidance: 'G', guidelines: ['DEP-3'], organisational: true },
];
const threat = (guidelines: string[], ids: string[]) => ({
  id: 'threat.t',
  title: 'T',
  description: 'D',
  likelihood: 'low',
  impact: 'low',
  references: { guidelines },
  mitigations: ids,
});
const rule = (extra: object = {}) => ({
  id: 'rule.t.r',
  threat: 'threat.t',
  target: 'component',
  when: { fact: 'type', op: 'eq', value: 'llm' },
  ...extra,
});

function warnings(pack: object, base = false): Problem[] {
  const result = base
    ? loadLibrary([{ path: 'pack.json', content: pack }], { base: shippedLibrary() })
    : loadLibrary([...bareSources(), { path: 'pack.json', content: pack }]);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.warnings;
}

describe('guidelines a threat cites but no mitigation implements', () => {
  it('warns, with file and path, about a cited guideline none of the threat’s mitigations implements', () => {
    const found = warnings({
      threats: [threat(['SD-3', 'OM-2'], ['mitigation.design'])],
      mitigations,
      rules: [rule()],
    });
    expect(found).toEqual([
      {
        file: 'pack.json',
        path: '$.threats[0].references.guidelines[1]',
        message: `guideline "OM-2" is cited, but none of the threat's mitigations implements it`,
      },
    ]);
  });

  it('says nothing when every cited guideline is implemented', () => {
    const found = warnings({
      threats: [threat(['SD-3', 'OM-1'], ['mitigation.design', 'mitigation.monitor'])],
      mitigations,
      rules: [rule()],
    });
    expect(found).toEqual([]);
  });

  it('warns at a rule whose own mitigation list leaves a cited guideline out', () => {
    const found = warnings({
      threats: [threat(['SD-3', 'OM-1'], ['mitigation.design', 'mitigation.monitor'])],
      mitigations,
      rules: [rule({ mitigations: ['mitigation.design'] })],
    });
    expect(found).toEqual([
      {
        file: 'pack.json',
        path: '$.rules[0].mitigations',
        message: `"threat.t" cites guideline "OM-1", but none of the mitigations this rule suggests implements it`,
      },
    ]);
  });

  it('does not count organisational mitigations for a rule raised on an element', () => {
    const pack = {
      threats: [threat(['SD-3', 'DEP-3'], ['mitigation.design', 'mitigation.plan'])],
      mitigations,
      rules: [rule()],
    };
    expect(warnings(pack)).toEqual([
      {
        file: 'pack.json',
        path: '$.rules[0].threat',
        message: `"threat.t" cites guideline "DEP-3", but none of the mitigations this rule suggests implements it`,
      },
    ]);
    const modelRule = rule({ target: 'model', when: { fact: 'types', op: 'includes', value: 'llm' } });
    expect(warnings({ ...pack, rules: [modelRule] })).toEqual([]);
  });

  it('checks a pack’s rules against the base library’s threats, but not the base library itself', () => {
    expect(warnings({ rules: [] }, true)).toEqual([]);
    const found = warnings(
      {
        rules: [
          {
            id: 'rule.pack.narrow-agency',
            threat: 'threat.excessive-agency',
            target: 'component',
            types: ['agent-tool'],
            mitigations: ['mitigation.agent-execution-bounds'],
          },
        ],
      },
      true,
    );
    expect(found.map((w) => [w.path, w.message.match(/guideline "([^"]+)"/)?.[1]])).toEqual([
      ['$.rules[0].mitigations', 'DEP-3'],
      ['$.rules[0].mitigations', 'DEP-5'],
      ['$.rules[0].mitigations', 'OM-1'],
    ]);
  });
});
