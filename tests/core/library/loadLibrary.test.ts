import { describe, expect, it } from 'vitest';
import { loadLibrary, shippedLibrary, type Problem } from '../../../src/core/index';
import { bareSources } from '../../support/libraryBuilders';

const threat = (id: string, extra: object = {}) => ({
  id,
  title: 'T',
  description: 'D',
  likelihood: 'low',
  impact: 'low',
  references: { guidelines: ['SD-3'] },
  mitigations: ['mitigation.m'],
  ...extra,
});
const mitigation = { id: 'mitigation.m', title: 'M', guidance: 'G', guidelines: ['SD-3'] };
const rule = (id: string, when: unknown, extra: object = {}) => ({
  id,
  threat: 'threat.t',
  target: 'component',
  when,
  ...extra,
});

function problems(pack: object): Problem[] {
  const result = loadLibrary([...bareSources(), { path: 'pack.json', content: pack }]);
  if (result.ok) throw new Error('expected the library to be refused');
  return result.problems;
}

describe('loadLibrary', () => {
  it('loads a small valid pack', () => {
    const result = loadLibrary([
      ...bareSources(),
      {
        path: 'pack.json',
        content: {
          threats: [threat('threat.t')],
          mitigations: [mitigation],
          rules: [rule('rule.r', { fact: 'type', op: 'eq', value: 'llm' })],
        },
      },
    ]);
    expect(result.ok).toBe(true);
  });

  it('reports schema problems with their file and path, naming the allowed operators', () => {
    const found = problems({
      threats: [threat('threat.t')],
      mitigations: [mitigation],
      rules: [
        rule('rule.a', { fact: 'type', op: 'eq', value: 'llm' }),
        rule('rule.e', { fact: 'type', op: 'matches', value: 'x' }),
      ],
    });
    expect(found).toEqual([
      {
        file: 'pack.json',
        path: '$.rules[1].when.op',
        message: expect.stringMatching(/^must be one of "eq", "ne", "in"/),
      },
    ]);
  });

  it('reports duplicates, dangling references, unknown facts, operators and values together', () => {
    const found = problems({
      threats: [
        threat('threat.t'),
        threat('threat.t'),
        threat('threat.u', { mitigations: ['mitigation.ghost'], references: { guidelines: ['SD-9'] } }),
      ],
      mitigations: [mitigation],
      rules: [
        rule('rule.a', { fact: 'prop.exposur', op: 'eq', value: 'internet' }),
        rule('rule.b', { fact: 'prop.exposure', op: 'eq', value: 'public' }),
        rule('rule.c', { fact: 'upstream.types', op: 'gt', value: 1 }),
        rule('rule.d', { fact: 'prop.authenticated', op: 'eq', value: 'no' }),
        rule('rule.f', { fact: 'type', op: 'eq', value: 'llm' }, { threat: 'threat.ghost', types: ['llmm'] }),
        rule('rule.g', { fact: 'encrypted', op: 'eq', value: true }),
        rule('rule.g', { all: [{ fact: 'type', op: 'in', value: ['llm', 'agentt'] }] }),
      ],
    });
    const lines = found.map((p) => `${p.path}: ${p.message}`);
    for (const pattern of [
      /^\$\.threats\[1\]\.id: duplicate threat id "threat\.t"/,
      /^\$\.threats\[2\]\.mitigations\[0\]: no mitigation has the id "mitigation\.ghost"/,
      /^\$\.threats\[2\]\.references\.guidelines\[0\]: no guideline has the id "SD-9"/,
      /^\$\.rules\[0\]\.when\.fact: unknown fact "prop\.exposur" for a component rule/,
      /^\$\.rules\[1\]\.when: "public" is not a value of "prop\.exposure"/,
      /^\$\.rules\[2\]\.when: operator "gt" does not apply to the list fact "upstream\.types"/,
      /^\$\.rules\[3\]\.when: "prop\.authenticated" is a boolean/,
      /^\$\.rules\[4\]\.threat: no threat has the id "threat\.ghost"/,
      /^\$\.rules\[4\]\.types\[0\]: unknown component type "llmm"/,
      /^\$\.rules\[5\]\.when\.fact: unknown fact "encrypted" for a component rule/,
      /^\$\.rules\[6\]\.id: duplicate rule id "rule\.g"/,
      /^\$\.rules\[6\]\.when\.all\[0\]: "agentt" is not a value of "type"/,
    ]) {
      expect(
        lines.some((l) => pattern.test(l)),
        `${pattern}\n${lines.join('\n')}`,
      ).toBe(true);
    }
  });

  it('refuses hostile structures: prototype keys, deep conditions', () => {
    const proto = problems(JSON.parse('{"threats":[],"__proto__":{"polluted":true}}'));
    expect(proto[0]).toMatchObject({ file: 'pack.json', path: '$.__proto__' });
    let deep: unknown = { fact: 'type', op: 'eq', value: 'llm' };
    for (let i = 0; i < 20; i++) deep = { not: deep };
    const nested = problems({
      threats: [threat('threat.t')],
      mitigations: [mitigation],
      rules: [rule('rule.r', deep)],
    });
    expect(nested[0]!.message).toMatch(/nest at most 12 levels/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('extends a base library and refuses clashing ids', () => {
    const base = shippedLibrary();
    const ok = loadLibrary(
      [
        {
          path: 'pack.json',
          content: {
            threats: [threat('threat.pack-only')],
            mitigations: [{ ...mitigation, id: 'mitigation.pack-only' }],
          },
        },
      ],
      { base },
    );
    expect(ok.ok).toBe(false); // threat refers to mitigation.m, absent from the base
    const clash = loadLibrary(
      [{ path: 'pack.json', content: { componentTypes: [base.componentTypes[0]] } }],
      { base },
    );
    expect(clash.ok).toBe(false);
    if (!clash.ok)
      expect(clash.problems[0]!.message).toMatch(
        /duplicate component type id "user" \(first defined in the base library\)/,
      );
  });
});
