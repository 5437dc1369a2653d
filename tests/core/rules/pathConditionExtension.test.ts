import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEvaluator,
  evaluate,
  type DataFlow,
  type Finding,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { syntheticModel } from '../../../bench/syntheticModel';
import { ruleLibrary } from '../../support/libraryBuilders';

/**
 * Rules whose path conditions read what added flows change: graph facts and neighbour facts in
 * `where` and `avoiding`, endpoint facts in `via`, hop bounds, nesting and `some`. Adding flows
 * extends their searches (pathConditionExtension.ts); the evaluator must still give exactly what a
 * full evaluation gives, explanations included.
 */
const untrusted = { fact: 'untrusted.reachable', op: 'eq', value: true };
const rules = [
  {
    id: 'rule.graph-where',
    threat: 'threat.test',
    target: 'component',
    when: { downstream: { where: untrusted, maxHops: 2, phrase: 'near untrusted input' } },
  },
  {
    id: 'rule.neighbour-where-avoiding',
    threat: 'threat.test',
    target: 'component',
    when: {
      upstream: {
        where: { fact: 'out.types', op: 'includes', value: 'llm' },
        avoiding: { fact: 'in.count', op: 'gte', value: 3 },
        phrase: 'behind something that feeds a model',
      },
    },
  },
  {
    id: 'rule.via-endpoint',
    threat: 'threat.test',
    target: 'component',
    when: {
      upstream: {
        where: { fact: 'type', op: 'eq', value: 'user' },
        via: { fact: 'source.untrusted.reachable', op: 'eq', value: false },
        maxHops: 3,
        phrase: 'reached by a user over trusted hops',
      },
    },
  },
  {
    id: 'rule.via-grows',
    threat: 'threat.test',
    target: 'component',
    when: {
      upstream: {
        where: { fact: 'type', op: 'eq', value: 'data-source' },
        via: { fact: 'source.prompters', op: 'includes', value: 'anonymous' },
        phrase: 'fed by a source over flows anonymous prompts reach',
      },
    },
  },
  {
    id: 'rule.avoiding-shrinks',
    threat: 'threat.test',
    target: 'component',
    when: {
      downstream: {
        where: { fact: 'type', op: 'in', value: ['llm', 'agent', 'llm-app'] },
        avoiding: { fact: 'prompters', op: 'includesNone', value: ['anonymous', 'customer'] },
        maxHops: 3,
        phrase: 'feeds a model through what outsiders prompt',
      },
    },
  },
  {
    id: 'rule.nested',
    threat: 'threat.test',
    target: 'component',
    when: {
      upstream: {
        where: {
          downstream: {
            where: { fact: 'prompters', op: 'includes', value: 'anonymous' },
            phrase: 'reached by anonymous prompts',
          },
        },
        maxHops: 1,
        phrase: 'next to what anonymous prompts reach',
      },
    },
  },
  {
    id: 'rule.boundary-contents',
    threat: 'threat.test',
    target: 'trustBoundary',
    when: { fact: 'contains.types', op: 'includes', value: 'agent' },
  },
  {
    id: 'rule.some',
    threat: 'threat.test',
    target: 'model',
    when: {
      some: {
        where: { fact: 'content.origins', op: 'includes', value: 'agent-output' },
        phrase: 'agents talk',
      },
    },
  },
];
const library = ruleLibrary(rules);
const plain = (findings: readonly Finding[]) => JSON.parse(JSON.stringify(findings)) as unknown;

const types = [...library.catalogue.types.keys()];

describe('path conditions over added flows and components', () => {
  it('the incremental evaluator equals a full evaluation after each addition', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 60 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), fc.nat({ max: 3 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (size, additions) => {
          const base = syntheticModel(size);
          let doc: ThreatModelDocument = { ...base, dataFlows: base.dataFlows.slice(0, size / 2) };
          const evaluator = createEvaluator(library);
          evaluator.evaluate(doc);
          additions.forEach(([from, to, query, what], n) => {
            // what: 0 a flow; 1 a component; 2 a component and a flow into it; 3 one and a flow out of it.
            const components = doc.components;
            const count = components.length;
            const source = components[from % count]!.id;
            let target = components[(from + 1 + (to % (count - 1))) % count]!.id;
            const added = [];
            if (what > 0) {
              const c = {
                id: `n${n}`,
                type: types[(from + to) % types.length]!,
                label: `New ${n}`,
                boundaryId: doc.trustBoundaries[to % doc.trustBoundaries.length]!.id,
              };
              added.push(c);
              target = c.id;
            }
            const flows: DataFlow[] =
              what === 1
                ? []
                : [
                    {
                      id: `x${n}`,
                      sourceId: what === 3 ? target : source,
                      targetId: what === 3 ? source : target,
                      label: '',
                      props: { data: ['prompts'], ...(query ? { kind: 'query' as const } : {}) },
                    },
                  ];
            doc = { ...doc, components: [...components, ...added], dataFlows: [...doc.dataFlows, ...flows] };
            expect(plain(evaluator.evaluate(doc))).toStrictEqual(plain(evaluate(doc, library)));
          });
        },
      ),
      { numRuns: 120 },
    );
  });
});
