import { describe, expect, it } from 'vitest';
import { evaluate, loadLibrary, type Problem } from '../../../src/core/index';
import { bareSources, ruleLibrary } from '../../support/libraryBuilders';
import { component, flow, model } from '../../support/modelBuilders';

/**
 * Path conditions test the properties of components and flows along a path: "retrieves from an
 * index without access control", "its output reaches, within one flow, a store that is not encrypted".
 */
const doc = model({
  components: [
    component('open-index', 'vector-store', { accessControlled: false }),
    component('closed-index', 'vector-store', { accessControlled: true }),
    component('app', 'llm-app'),
    component('other-app', 'llm-app'),
    component('review', 'human-review'),
    component('far-app', 'llm-app'),
    component('db', 'data-store', { encryptedAtRest: false }),
  ],
  dataFlows: [
    flow('open-index', 'app', { kind: 'response', data: ['retrieved-content'] }, 'f-open'),
    flow('closed-index', 'other-app', { kind: 'response' }, 'f-closed'),
    flow('app', 'review', {}, 'f-review'),
    flow('review', 'far-app', {}, 'f-approved'),
    flow('app', 'db', { kind: 'write' }, 'f-write'),
  ],
});

const openIndex = {
  all: [
    { fact: 'type', op: 'eq', value: 'vector-store' },
    { fact: 'prop.accessControlled', op: 'eq', value: false },
  ],
};

function firing(when: unknown, target = 'component') {
  return evaluate(doc, ruleLibrary([{ id: 'rule.t', threat: 'threat.test', target, when }]));
}
const ids = (when: unknown, target?: string) =>
  firing(when, target)
    .map((f) => f.targetId)
    .sort();

describe('path conditions', () => {
  it('upstream finds a matching component on some path into the target', () => {
    const when = {
      upstream: { where: openIndex, phrase: 'it retrieves from an index without access control' },
    };
    expect(ids(when)).toEqual(['app', 'db', 'far-app', 'review']);
  });

  it('maxHops bounds the path; avoiding blocks passing through a component', () => {
    expect(
      ids({ upstream: { where: openIndex, maxHops: 1, phrase: 'reads an open index directly' } }),
    ).toEqual(['app']);
    const avoiding = {
      upstream: {
        where: openIndex,
        avoiding: { fact: 'type', op: 'eq', value: 'human-review' },
        phrase: 'reads an open index with no review in between',
      },
    };
    expect(ids(avoiding)).toEqual(['app', 'db', 'review']);
  });

  it('via restricts the flows a path may follow', () => {
    const when = {
      upstream: {
        where: openIndex,
        via: { fact: 'kind', op: 'in', value: ['response', 'write'] },
        phrase: 'an open index feeds it through responses and writes',
      },
    };
    expect(ids(when)).toEqual(['app', 'db']);
  });

  it('downstream searches along the flows from the target', () => {
    const when = {
      downstream: {
        where: {
          all: [
            { fact: 'type', op: 'eq', value: 'data-store' },
            { fact: 'prop.encryptedAtRest', op: 'eq', value: false },
          ],
        },
        phrase: 'its output is stored unencrypted',
      },
    };
    expect(ids(when)).toEqual(['app', 'open-index']);
  });

  it('the target itself is not its own match, and a negated path condition works', () => {
    expect(
      ids({ upstream: { where: { fact: 'type', op: 'eq', value: 'llm-app' }, phrase: 'an app upstream' } }),
    ).toEqual(['db', 'far-app', 'review']);
    const when = {
      all: [
        { fact: 'type', op: 'eq', value: 'llm-app' },
        { not: { upstream: { where: openIndex, phrase: 'it reads an open index' } } },
      ],
    };
    expect(ids(when)).toEqual(['other-app']);
  });

  it('explains the finding with the phrase and the path it found', () => {
    const [finding] = firing({
      all: [
        { fact: 'type', op: 'eq', value: 'data-store' },
        { upstream: { where: openIndex, phrase: 'content from an index without access control reaches it' } },
      ],
    });
    expect(finding!.why).toContain('content from an index without access control reaches it');
    expect(finding!.trace.path).toEqual(['open-index', 'app', 'db']);
  });

  it('"some" tests any component of the model, in rules of any target', () => {
    const some = { some: { where: openIndex, phrase: 'the system has an index without access control' } };
    expect(ids(some, 'model')).toEqual(['model']);
    expect(
      ids(
        { some: { where: { fact: 'type', op: 'eq', value: 'llm' }, phrase: 'the system has an llm' } },
        'model',
      ),
    ).toEqual([]);
    expect(
      ids({ all: [{ fact: 'data', op: 'includes', value: 'retrieved-content' }, some] }, 'dataFlow'),
    ).toEqual(['f-open']);
  });
});

function problems(rules: unknown[]): Problem[] {
  const result = loadLibrary([
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
  if (result.ok) throw new Error('expected the pack to be refused');
  return result.problems;
}

describe('errors that teach', () => {
  it('refuses upstream in a data-flow rule and says what to use instead', () => {
    const [p] = problems([
      {
        id: 'rule.r',
        threat: 'threat.t',
        target: 'dataFlow',
        when: { upstream: { where: { fact: 'type', op: 'eq', value: 'llm' }, phrase: 'an llm upstream' } },
      },
    ]);
    expect(p).toMatchObject({ file: 'pack.json', path: '$.rules[0].when.upstream' });
    expect(p!.message).toMatch(/only in component rules.*"some".*source\.\* \/ target\.\*/);
  });

  it('checks facts inside where, via and avoiding against the right kind of element', () => {
    const found = problems([
      {
        id: 'rule.r',
        threat: 'threat.t',
        target: 'component',
        when: {
          upstream: {
            where: { fact: 'encrypted', op: 'eq', value: true },
            via: { fact: 'prop.accessControlled', op: 'eq', value: true },
            avoiding: { fact: 'kind', op: 'eq', value: 'query' },
            phrase: 'a confused path',
          },
        },
      },
    ]);
    expect(found.map((p) => p.path)).toEqual([
      '$.rules[0].when.upstream.where.fact',
      '$.rules[0].when.upstream.via.fact',
      '$.rules[0].when.upstream.avoiding.fact',
    ]);
    expect(found[0]!.message).toMatch(/unknown fact "encrypted" for a component rule/);
    expect(found[1]!.message).toMatch(/unknown fact "prop.accessControlled" for a dataFlow rule/);
  });

  it('rejects a path condition without a phrase, or with an unbounded hop count', () => {
    const noPhrase = problems([
      {
        id: 'rule.r',
        threat: 'threat.t',
        target: 'component',
        when: { upstream: { where: { fact: 'type', op: 'eq', value: 'llm' } } },
      },
    ]);
    expect(noPhrase[0]!.path).toMatch(/^\$\.rules\[0\]\.when/);
    const hops = problems([
      {
        id: 'rule.r',
        threat: 'threat.t',
        target: 'component',
        when: {
          downstream: { where: { fact: 'type', op: 'eq', value: 'llm' }, maxHops: 500, phrase: 'far away' },
        },
      },
    ]);
    expect(hops[0]!.path).toMatch(/^\$\.rules\[0\]\.when/);
  });

  it('checks values of the new facts against their vocabularies', () => {
    const [p] = problems([
      {
        id: 'rule.r',
        threat: 'threat.t',
        target: 'component',
        when: { fact: 'prompters', op: 'includes', value: 'public' },
      },
    ]);
    expect(p!.message).toBe(
      '"public" is not a value of "prompters" (anonymous, customer, partner, employee, operator, agent)',
    );
  });
});
