import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  parseDocumentText,
  shippedLibrary,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { canonicalOrder } from '../../../src/core/document/canonicalOrder';
import { buildEvaluationContext } from '../../../src/core/rules/evaluationContext';
import { DATA_CATEGORIES, FLOW_KINDS } from '../../../src/core/model/vocabulary';
import { syntheticModel } from '../../../bench/syntheticModel';
import { component, flow, model } from '../../support/modelBuilders';
import { ruleLibrary } from '../../support/libraryBuilders';

/**
 * Compiled leaves take shortcuts past a fact's `get`: list facts answer membership (`has`) without
 * building the list, property facts read the own value and the catalogue default themselves, and a
 * flow's end facts call the component fact directly. Each shortcut must answer what `get` (and the
 * context's `prop`) answers, on every element of real models.
 */
const library = shippedLibrary();
const examplesDir = join(__dirname, '../../../examples');
const documents: [string, ThreatModelDocument][] = [
  ...readdirSync(examplesDir)
    .filter((f) => f.endsWith('.aitm.json'))
    .map((f): [string, ThreatModelDocument] => {
      const parsed = parseDocumentText(readFileSync(join(examplesDir, f), 'utf8'), {
        catalogue: library.catalogue,
      });
      if (!parsed.ok) throw new Error(`${f}: ${parsed.problems[0]?.message}`);
      return [f, parsed.value];
    }),
  ['synthetic 300', syntheticModel(300)],
];

describe.each(documents)('fact shortcuts on %s', (_name, input) => {
  const doc = canonicalOrder(input);
  const ctx = buildEvaluationContext(doc, library);
  const componentFacts = library.facts.get('component')!;
  const flowFacts = library.facts.get('dataFlow')!;

  it('membership answers as the list includes', () => {
    const candidates = [
      ...library.catalogue.types.keys(),
      ...DATA_CATEGORIES,
      ...FLOW_KINDS,
      'unspecified',
      'anonymous-user',
      'public-web',
      'user-generated',
      'anonymous',
      'customer',
      'partner',
      'agent',
      'tool-output',
      'no-such-value',
    ];
    let asked = 0;
    for (const fact of componentFacts.values()) {
      if (!fact.has) continue;
      const values = [...new Set([...(fact.values ?? []), ...candidates])];
      for (let i = 0; i < doc.components.length; i++) {
        const list = fact.get(ctx, i) as string[];
        for (const v of values) {
          asked++;
          if (fact.has(ctx, i, v) !== list.includes(v))
            expect({ fact: fact.name, component: doc.components[i]!.id, value: v }).toBe('consistent');
        }
      }
    }
    expect(asked).toBeGreaterThan(0);
  });

  it('property facts answer as the context resolves properties', () => {
    for (const name of library.catalogue.properties.keys()) {
      const prop = componentFacts.get(`prop.${name}`)!;
      const set = componentFacts.get(`set.${name}`)!;
      const all = doc.components.map((_, i) => i);
      expect([name, all.map((i) => prop.get(ctx, i))]).toEqual([
        name,
        all.map((i) => ctx.prop(i, name) ?? null),
      ]);
      expect([name, all.map((i) => set.get(ctx, i))]).toEqual([
        name,
        all.map((i) => ctx.prop(i, name) !== undefined && !ctx.isDefaulted(i, name)),
      ]);
    }
  });

  it("a flow's end facts answer as the component fact of that end", () => {
    for (const fact of flowFacts.values()) {
      const endpoint = fact.endpoint;
      if (!endpoint) continue;
      const direct = doc.dataFlows.map((_, k) =>
        endpoint.fact.get(
          ctx,
          endpoint.end === 'source' ? ctx.graph.flowSource[k]! : ctx.graph.flowTarget[k]!,
        ),
      );
      expect([fact.name, direct]).toEqual([fact.name, doc.dataFlows.map((_, k) => fact.get(ctx, k))]);
    }
  });
});

describe('repeated path conditions', () => {
  const upstream = {
    upstream: {
      where: { fact: 'type', op: 'eq', value: 'user' },
      phrase: 'a user reaches it',
    },
  };
  const rule = (id: string, extra: object = {}) => ({
    id,
    threat: 'threat.test',
    target: 'component',
    types: ['llm'],
    when: { all: [upstream, extra] },
  });

  it('compile to one node, so one search answers every rule that repeats them', () => {
    const lib = ruleLibrary([
      rule('rule.a', { fact: 'inBoundary', op: 'eq', value: false }),
      rule('rule.b', { fact: 'prop.hosting', op: 'ne', value: 'self-hosted' }),
    ]);
    const [a, b] = lib.index.componentByType.get('llm')!;
    const pathOf = (c: typeof a) => (c!.when as { items: unknown[] }).items[0];
    expect(pathOf(a)).toBe(pathOf(b));

    const doc = model({
      components: [component('u', 'user'), component('m', 'llm'), component('lone', 'llm')],
      dataFlows: [flow('u', 'm', {}, 'f1')],
    });
    expect(evaluate(doc, lib).map((f) => f.key)).toEqual(['rule.a@m', 'rule.b@m']);
  });

  it('still report their problems at every place they are written', () => {
    const flowRule = (id: string) => ({ id, threat: 'threat.test', target: 'dataFlow', when: upstream });
    expect(() => ruleLibrary([flowRule('rule.a'), flowRule('rule.b')])).toThrow(
      /rules\[0\]\.when\.upstream: "upstream" follows[^]*rules\[1\]\.when\.upstream: "upstream" follows/,
    );
  });
});
