import { describe, expect, it } from 'vitest';
import { evaluate, type ThreatModelDocument } from '../../../src/core/index';
import { ruleLibrary } from '../../support/libraryBuilders';
import { boundary, component, flow, model } from '../../support/modelBuilders';

/** Targets (ids) on which a one-leaf component rule fires. */
function on(doc: ThreatModelDocument, fact: string, op: string, value?: unknown, target = 'component') {
  const rule = {
    id: 'rule.t',
    threat: 'threat.test',
    target,
    when: value === undefined ? { fact, op } : { fact, op, value },
  };
  return evaluate(doc, ruleLibrary([rule]))
    .map((f) => f.targetId)
    .sort();
}

/**
 * An internal engineers' agent that fetches public web pages: the engineers prompt it, the web
 * only supplies content. Before principals and content origins were separate facts, the page
 * counted as "the public chatting with the model".
 */
const engineersAgent = model({
  trustBoundaries: [boundary('corp', 'internal'), boundary('net', 'internet')],
  components: [
    component('eng', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp'),
    component('agent', 'agent', {}, 'corp'),
    component('llm', 'llm', { hosting: 'provider-api' }),
    component('fetch', 'agent-tool', { access: 'read' }, 'corp'),
    component('web', 'external-service', { publicContent: true }, 'net'),
  ],
  dataFlows: [
    flow('eng', 'agent', { data: ['prompts'] }, 'f-task'),
    flow('agent', 'llm', { data: ['prompts'] }, 'f-prompt'),
    flow('llm', 'agent', { data: ['model-output'] }, 'f-plan'),
    flow('agent', 'fetch', { data: ['tool-call'] }, 'f-call'),
    flow('fetch', 'web', { kind: 'query' }, 'f-get'),
    flow('web', 'fetch', { kind: 'response', data: ['retrieved-content'] }, 'f-page'),
    flow('fetch', 'agent', { data: ['retrieved-content'] }, 'f-result'),
  ],
});

describe('principal and prompters', () => {
  it('derives the principal of a user from trust and affiliation', () => {
    const doc = model({
      components: [
        component('anon', 'user', { trust: 'anonymous', affiliation: 'workforce' }),
        component('cust', 'user', { trust: 'authenticated' }),
        component('partner', 'user', { trust: 'authenticated', affiliation: 'partner' }),
        component('staff', 'user', { trust: 'authenticated', affiliation: 'workforce' }),
        component('ops', 'user', { trust: 'privileged', affiliation: 'public' }),
        component('app', 'llm-app'),
      ],
    });
    expect(on(doc, 'principal', 'eq', 'anonymous')).toEqual(['anon']);
    expect(on(doc, 'principal', 'eq', 'customer')).toEqual(['cust']);
    expect(on(doc, 'principal', 'eq', 'partner')).toEqual(['partner']);
    expect(on(doc, 'principal', 'eq', 'employee')).toEqual(['staff']);
    expect(on(doc, 'principal', 'eq', 'operator')).toEqual(['ops']);
    expect(on(doc, 'principal', 'eq', 'none')).toEqual(['app']);
  });

  it('follows prompts through applications and models, not through tools and services', () => {
    expect(on(engineersAgent, 'prompters', 'includes', 'employee')).toEqual(['agent', 'fetch', 'llm']);
    // The tool is driven by the engineers, but it does not pass their prompts on to the web service.
    expect(on(engineersAgent, 'prompters', 'includes', 'employee')).not.toContain('web');
    expect(on(engineersAgent, 'prompters', 'includesAny', ['anonymous', 'customer'])).toEqual([]);
  });

  it('counts another agent as a principal, but not its reply marked as a response', () => {
    const doc = model({
      components: [
        component('planner', 'agent'),
        component('worker', 'agent'),
        component('worker-llm', 'llm'),
      ],
      dataFlows: [
        flow('planner', 'worker', { kind: 'message' }, 'f-delegate'),
        flow('worker', 'planner', { kind: 'response' }, 'f-report'),
        flow('worker', 'worker-llm', {}, 'f-prompt'),
      ],
    });
    expect(on(doc, 'prompters', 'includes', 'agent')).toEqual(['worker', 'worker-llm']);
    // Both directions are agent-to-agent content, whatever their kind.
    expect(on(doc, 'content.origins', 'includes', 'agent-output')).toEqual([
      'planner',
      'worker',
      'worker-llm',
    ]);
  });

  it('prompters.unguarded drops prompts that pass an injection guard, and a PII scrubber is no such guard', () => {
    const doc = (catches: string) =>
      model({
        components: [
          component('anon', 'user', { trust: 'anonymous' }),
          component('guard', 'guardrail', { direction: 'input', catches }),
          component('llm', 'llm'),
        ],
        dataFlows: [flow('anon', 'guard'), flow('guard', 'llm')],
      });
    expect(on(doc('injection'), 'prompters', 'includes', 'anonymous')).toEqual(['guard', 'llm']);
    expect(on(doc('injection'), 'prompters.unguarded', 'includes', 'anonymous')).toEqual(['guard']);
    expect(on(doc('all'), 'prompters.unguarded', 'includes', 'anonymous')).toEqual(['guard']);
    expect(on(doc('sensitive-data'), 'prompters.unguarded', 'includes', 'anonymous')).toEqual([
      'guard',
      'llm',
    ]);
    expect(on(doc('sensitive-data'), 'untrusted.unguarded', 'eq', true)).toEqual(['guard', 'llm']);
    expect(on(doc('injection'), 'untrusted.unguarded', 'eq', true)).toEqual(['guard']);
  });
});

describe('content origins', () => {
  it('labels what a fetched public page brings, separately from who prompts', () => {
    expect(on(engineersAgent, 'content.origins', 'includes', 'public-web')).toEqual([
      'agent',
      'fetch',
      'llm',
    ]);
    // Tool results reach the model, and the agent can pass them into its next tool call.
    expect(on(engineersAgent, 'content.origins', 'includes', 'tool-output')).toEqual([
      'agent',
      'fetch',
      'llm',
    ]);
    expect(on(engineersAgent, 'content.unguarded', 'includes', 'public-web')).toEqual([
      'agent',
      'fetch',
      'llm',
    ]);
  });

  it('maps data-source origins and external services', () => {
    const doc = model({
      components: [
        component('uploads', 'data-source', { origin: 'user-generated' }),
        component('feed', 'data-source', { origin: 'partner' }),
        component('wiki', 'data-source', { origin: 'internal' }),
        component('crm', 'external-service'),
        component('app', 'llm-app'),
      ],
      dataFlows: [flow('uploads', 'app'), flow('feed', 'app'), flow('wiki', 'app'), flow('crm', 'app')],
    });
    expect(on(doc, 'content.origins', 'includesAny', ['user-upload'])).toEqual(['app']);
    expect(on(doc, 'content.origins', 'includes', 'partner')).toEqual(['app']);
    expect(on(doc, 'content.origins', 'includes', 'internal')).toEqual(['app']);
    expect(on(doc, 'content.origins', 'includes', 'third-party-service')).toEqual(['app']);
    expect(on(doc, 'content.origins', 'includes', 'public-web')).toEqual([]);
  });

  it('content passes through stores but does not travel back along a query', () => {
    const doc = (queryKind: 'query' | undefined) =>
      model({
        components: [
          component('anon', 'user', { trust: 'anonymous' }),
          component('web', 'data-source', { origin: 'public-web' }),
          component('app', 'llm-app'),
          component('index', 'vector-store'),
          component('reader', 'llm-app'),
        ],
        dataFlows: [
          flow('anon', 'app'),
          flow('app', 'index', queryKind ? { kind: queryKind } : {}, 'f-query'),
          flow('index', 'reader', {}, 'f-serve'),
          flow('web', 'app', {}, 'f-web'),
        ],
      });
    // Without kinds, the app's content is taken to be written into the index.
    expect(on(doc(undefined), 'content.origins', 'includes', 'public-web')).toEqual([
      'app',
      'index',
      'reader',
    ]);
    expect(on(doc(undefined), 'untrusted.indirect', 'eq', true)).toContain('reader');
    // A query leaves nothing in the index: neither content nor untrusted input travels on from it.
    expect(on(doc('query'), 'content.origins', 'includes', 'public-web')).toEqual(['app']);
    expect(on(doc('query'), 'untrusted.reachable', 'eq', true)).toEqual(['app', 'index']);
    expect(on(doc('query'), 'untrusted.reachable', 'eq', true)).not.toContain('reader');
  });
});

describe('isModelContext', () => {
  it('puts the finding on the model, not on the gateway or app in front of it', () => {
    const doc = model({
      components: [
        component('u', 'user'),
        component('app', 'llm-app'),
        component('gateway', 'inference-api'),
        component('llm', 'llm'),
        component('scorer', 'inference-api'),
        component('bare-app', 'llm-app'),
        component('hosted-api', 'inference-api'),
      ],
      dataFlows: [
        flow('u', 'app', { data: ['prompts'] }),
        flow('app', 'gateway', { data: ['prompts'] }),
        flow('gateway', 'llm', { data: ['prompts'] }),
        flow('llm', 'gateway', { data: ['model-output'] }),
        flow('u', 'scorer', { data: ['personal-data'] }),
        flow('u', 'bare-app', { data: ['prompts'] }),
        flow('bare-app', 'hosted-api', { data: ['prompts'] }),
        flow('hosted-api', 'bare-app', { data: ['model-output'] }),
      ],
    });
    expect(on(doc, 'isModelContext', 'eq', true)).toEqual(['hosted-api', 'llm']);
  });
});

describe('flow kinds and local flows', () => {
  const doc = model({
    components: [component('a', 'llm-app'), component('s', 'data-store'), component('p', 'process')],
    dataFlows: [
      flow('a', 's', { kind: 'query' }, 'f-q'),
      flow('s', 'a', { kind: 'response' }, 'f-r'),
      flow('a', 'p', { local: true }, 'f-l'),
    ],
  });
  it('kind is "unspecified" when not set; local defaults to false', () => {
    expect(on(doc, 'kind', 'eq', 'query', 'dataFlow')).toEqual(['f-q']);
    expect(on(doc, 'kind', 'eq', 'unspecified', 'dataFlow')).toEqual(['f-l']);
    expect(on(doc, 'local', 'eq', true, 'dataFlow')).toEqual(['f-l']);
    expect(on(doc, 'local', 'eq', false, 'dataFlow')).toEqual(['f-q', 'f-r']);
  });
  it('in.kinds and out.kinds list the kinds of the flows at a component', () => {
    expect(on(doc, 'in.kinds', 'includes', 'query')).toEqual(['s']);
    expect(on(doc, 'out.kinds', 'includes', 'unspecified')).toEqual(['a']);
    expect(on(doc, 'in.kinds', 'includes', 'response')).toEqual(['a']);
  });
});
