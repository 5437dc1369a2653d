import { describe, expect, it } from 'vitest';
import { evaluate, type TargetKind } from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';
import { ruleLibrary } from '../../support/libraryBuilders';

const doc = model({
  trustBoundaries: [
    boundary('net', 'internet'),
    boundary('vpc', 'internal'),
    boundary('vault', 'restricted', 'vpc'),
  ],
  components: [
    component('anon', 'user', { trust: 'anonymous' }, 'net'),
    component('web', 'data-source', { origin: 'public-web', personalData: true }),
    component('api', 'inference-api', { exposure: 'internet', returnsScores: true }, 'vpc'),
    component('llm', 'llm', { hosting: 'provider-api' }, 'vault'),
  ],
  dataFlows: [
    flow('anon', 'api', { encrypted: true, protocol: 'HTTPS', data: ['prompts', 'personal-data'] }, 'f1'),
    flow('web', 'api', { data: ['retrieved-content'] }, 'f2'),
    flow('api', 'llm', { authenticated: true, data: ['prompts'] }, 'f3'),
  ],
});

/** Targets (ids) on which a one-leaf rule over `fact` fires. */
function targets(target: TargetKind, fact: string, op: string, value?: unknown): string[] {
  const rule = {
    id: 'rule.t',
    threat: 'threat.test',
    target,
    when: value === undefined ? { fact, op } : { fact, op, value },
  };
  return evaluate(doc, ruleLibrary([rule])).map((f) => f.targetId);
}

describe('component facts', () => {
  it.each<[string, string, unknown, string[]]>([
    ['type', 'eq', 'llm', ['llm']],
    ['zone', 'eq', 'restricted', ['llm']],
    ['zone', 'eq', 'none', ['web']],
    ['inBoundary', 'eq', false, ['web']],
    ['prop.exposure', 'eq', 'internet', ['api']],
    ['prop.authenticated', 'eq', false, ['api']],
    ['prop.personalData', 'eq', true, ['web']],
    ['prop.hosting', 'exists', undefined, ['llm']],
    ['isUntrustedOrigin', 'eq', true, ['anon', 'web']],
    ['originKinds', 'includes', 'internet-zone', ['anon']],
    ['originKinds', 'includesAny', ['public-web', 'anonymous-user'], ['anon', 'web']],
    ['untrusted.origins', 'includes', 'public-web', ['api', 'llm']],
    ['untrusted.origins', 'includesNone', ['public-web'], ['anon', 'web']],
    ['upstream.types', 'includes', 'user', ['api', 'llm']],
    ['downstream.types', 'includes', 'llm', ['anon', 'web', 'api']],
    ['in.types', 'includesAny', ['user', 'data-source'], ['api']],
    ['out.types', 'includes', 'llm', ['api']],
    ['in.data', 'includes', 'personal-data', ['api']],
    ['out.data', 'includes', 'retrieved-content', ['web']],
    ['in.count', 'gte', 2, ['api']],
    ['out.count', 'gt', 0, ['anon', 'web', 'api']],
    ['in.count', 'lt', 1, ['anon', 'web']],
    ['out.count', 'lte', 0, ['llm']],
  ])('%s %s %j', (fact, op, value, expected) => {
    expect(targets('component', fact, op, value).sort()).toEqual(expected.sort());
  });
});

describe('data-flow facts', () => {
  it.each<[string, string, unknown, string[]]>([
    ['data', 'includes', 'personal-data', ['f1']],
    ['encrypted', 'eq', false, ['f2', 'f3']],
    ['authenticated', 'eq', true, ['f3']],
    ['protocol', 'eq', 'HTTPS', ['f1']],
    ['crossesBoundary', 'eq', true, ['f1', 'f2', 'f3']],
    ['crossesZone', 'eq', true, ['f1', 'f2', 'f3']],
    ['sourceZone', 'in', ['internet'], ['f1']],
    ['targetZone', 'notIn', ['internal'], ['f3']],
    ['source.type', 'eq', 'data-source', ['f2']],
    ['target.prop.hosting', 'eq', 'provider-api', ['f3']],
    ['source.untrusted.reachable', 'eq', true, ['f3']],
  ])('%s %s %j', (fact, op, value, expected) => {
    expect(targets('dataFlow', fact, op, value).sort()).toEqual(expected.sort());
  });

  it('a flow inside one boundary does not cross it unless marked', () => {
    const inside = model({
      trustBoundaries: [boundary('b', 'internal')],
      components: [component('a', 'process', {}, 'b'), component('c', 'process', {}, 'b')],
      dataFlows: [flow('a', 'c', {}, 'f'), flow('c', 'a', { crossesBoundary: true }, 'g')],
    });
    const rule = {
      id: 'rule.t',
      threat: 'threat.test',
      target: 'dataFlow',
      when: { fact: 'crossesBoundary', op: 'eq', value: true },
    };
    expect(evaluate(inside, ruleLibrary([rule])).map((f) => f.targetId)).toEqual(['g']);
  });
});

describe('trust-boundary and model facts', () => {
  it.each<[TargetKind, string, string, unknown, string[]]>([
    ['trustBoundary', 'zone', 'eq', 'restricted', ['vault']],
    ['trustBoundary', 'parentZone', 'eq', 'internal', ['vault']],
    ['trustBoundary', 'depth', 'gte', 1, ['vault']],
    ['trustBoundary', 'contains.types', 'includes', 'llm', ['vault', 'vpc']],
    ['model', 'types', 'includes', 'llm', ['model']],
    ['model', 'types', 'includes', 'agent', []],
    ['model', 'componentCount', 'eq', 4, ['model']],
    ['model', 'dataFlowCount', 'gt', 10, []],
    ['model', 'zones', 'includes', 'internet', ['model']],
  ])('%s %s %s %j', (kind, fact, op, value, expected) => {
    expect(targets(kind, fact, op, value).sort()).toEqual(expected.sort());
  });
});
