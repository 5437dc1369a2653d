import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';
import { ruleLibrary } from '../../support/libraryBuilders';

/** Runs a one-leaf component rule and returns, per component id, the path in the trace (or false). */
function fires(
  fact: string,
  doc: ReturnType<typeof model>,
  value: unknown = true,
  op = 'eq',
): Record<string, string[] | false> {
  const library = ruleLibrary([
    { id: 'rule.t', threat: 'threat.test', target: 'component', when: { fact, op, value } },
  ]);
  const findings = evaluate(doc, library);
  return Object.fromEntries(
    doc.components.map((c) => {
      const f = findings.find((x) => x.targetId === c.id);
      return [c.id, f ? f.trace.path : false];
    }),
  );
}

describe('untrusted reachability', () => {
  const doc = model({
    components: [
      component('anon', 'user', { trust: 'anonymous' }),
      component('app', 'llm-app'),
      component('llm', 'llm'),
      component('staff', 'user', { trust: 'authenticated' }),
      component('tool', 'agent-tool'),
    ],
    dataFlows: [flow('anon', 'app'), flow('app', 'llm'), flow('staff', 'tool')],
  });

  it('follows paths from an untrusted origin and names them', () => {
    expect(fires('untrusted.reachable', doc)).toEqual({
      anon: false,
      app: ['anon', 'app'],
      llm: ['anon', 'app', 'llm'],
      staff: false,
      tool: false,
    });
  });

  it('does not call an origin reachable merely because it is one', () => {
    expect(fires('isUntrustedOrigin', doc)).toMatchObject({ anon: [], app: false, staff: false });
  });

  it('treats the internet zone as untrusted whoever the user is', () => {
    const zoned = model({
      ...doc,
      trustBoundaries: [boundary('net', 'internet')],
      components: doc.components.map((c) => (c.id === 'staff' ? { ...c, boundaryId: 'net' } : c)),
    });
    expect(fires('untrusted.reachable', zoned).tool).toEqual(['staff', 'tool']);
  });
});

describe('guarded and unguarded paths', () => {
  const base = [
    component('anon', 'user', { trust: 'anonymous' }),
    component('guard', 'guardrail', { direction: 'input' }),
    component('app', 'llm-app'),
    component('llm', 'llm'),
  ];

  it('a guardrail on the only path guards it', () => {
    const doc = model({
      components: base,
      dataFlows: [flow('anon', 'guard'), flow('guard', 'app'), flow('app', 'llm')],
    });
    expect(fires('untrusted.unguarded', doc)).toMatchObject({
      app: false,
      llm: false,
      guard: ['anon', 'guard'],
    });
    expect(fires('untrusted.reachable', doc).llm).toEqual(['anon', 'guard', 'app', 'llm']);
  });

  it('a second path around the guardrail is unguarded, and that path is named', () => {
    const doc = model({
      components: base,
      dataFlows: [flow('anon', 'guard'), flow('guard', 'app'), flow('anon', 'app'), flow('app', 'llm')],
    });
    expect(fires('untrusted.unguarded', doc).llm).toEqual(['anon', 'app', 'llm']);
  });

  it('an output-only guardrail does not guard inputs', () => {
    const doc = model({
      components: base.map((c) => (c.id === 'guard' ? { ...c, props: { direction: 'output' } } : c)),
      dataFlows: [flow('anon', 'guard'), flow('guard', 'app')],
    });
    expect(fires('untrusted.unguarded', doc).app).toEqual(['anon', 'guard', 'app']);
  });

  it('a validating pipeline guards a training path', () => {
    const comps = [
      component('web', 'data-source', { origin: 'public-web' }),
      component('etl', 'data-pipeline', { validatesData: true }),
      component('train', 'training'),
    ];
    expect(
      fires(
        'untrusted.unguarded',
        model({ components: comps, dataFlows: [flow('web', 'etl'), flow('etl', 'train')] }),
      ).train,
    ).toBe(false);
    const unvalidated = comps.map((c) => (c.id === 'etl' ? { ...c, props: { validatesData: false } } : c));
    expect(
      fires(
        'untrusted.unguarded',
        model({ components: unvalidated, dataFlows: [flow('web', 'etl'), flow('etl', 'train')] }),
      ).train,
    ).toEqual(['web', 'etl', 'train']);
  });
});

describe('indirect paths', () => {
  it('content retrieved from a store is indirect; a user typing is not', () => {
    const doc = model({
      components: [
        component('anon', 'user', { trust: 'anonymous' }),
        component('app', 'llm-app'),
        component('vs', 'vector-store'),
        component('llm', 'llm'),
        component('llm2', 'llm'),
      ],
      dataFlows: [flow('anon', 'app'), flow('app', 'llm'), flow('anon', 'vs'), flow('vs', 'llm2')],
    });
    expect(fires('untrusted.indirect', doc)).toMatchObject({
      app: false,
      llm: false,
      llm2: ['anon', 'vs', 'llm2'],
    });
  });

  it('a public-web source is indirect from the start', () => {
    const doc = model({
      components: [component('web', 'data-source', { origin: 'public-web' }), component('app', 'llm-app')],
      dataFlows: [flow('web', 'app')],
    });
    expect(fires('untrusted.indirectUnguarded', doc).app).toEqual(['web', 'app']);
  });
});

describe('cycles', () => {
  it('terminates and still finds the origin reachable through a loop', () => {
    const doc = model({
      components: [
        component('anon', 'user', { trust: 'anonymous' }),
        component('agent', 'agent'),
        component('mem', 'memory-store'),
      ],
      dataFlows: [flow('anon', 'agent'), flow('agent', 'mem'), flow('mem', 'agent'), flow('agent', 'anon')],
    });
    const result = fires('untrusted.reachable', doc);
    expect(result.anon).toEqual(['anon', 'agent', 'anon']);
    expect(result.mem).toEqual(['anon', 'agent', 'mem']);
    expect(fires('upstream.types', doc, 'memory-store', 'includes').agent).toEqual(['mem', 'agent']);
  });
});

describe('upstream and downstream types', () => {
  const doc = model({
    components: [
      component('fb', 'feedback-store'),
      component('etl', 'data-pipeline'),
      component('train', 'training'),
      component('reg', 'model-registry'),
    ],
    dataFlows: [flow('fb', 'etl'), flow('etl', 'train'), flow('train', 'reg')],
  });
  it('knows what feeds training and names the path', () => {
    expect(fires('upstream.types', doc, 'feedback-store', 'includes').train).toEqual(['fb', 'etl', 'train']);
    expect(fires('downstream.types', doc, 'training', 'includes')).toEqual({
      fb: ['fb', 'etl', 'train'],
      etl: ['etl', 'train'],
      train: false,
      reg: false,
    });
  });
});

describe('agency', () => {
  const comps = (approval: boolean, access = 'write') => [
    component('anon', 'user', { trust: 'anonymous' }),
    component('agent', 'agent'),
    component('tool', 'agent-tool', { access, humanApproval: approval }),
    component('review', 'human-review'),
    component('tool2', 'agent-tool', { access: 'execute' }),
  ];
  const flows = [
    flow('anon', 'agent'),
    flow('agent', 'tool'),
    flow('agent', 'review'),
    flow('review', 'tool2'),
  ];

  it('an LLM-driven component reaches a write tool without approval', () => {
    const doc = model({ components: comps(false), dataFlows: flows });
    expect(fires('agency.reachesUnapprovedTool', doc).agent).toEqual(['agent', 'tool']);
    expect(fires('agency.drivenByLlm', doc)).toMatchObject({ tool: ['agent', 'tool'], tool2: false });
    expect(fires('agency.drivenByExposedLlm', doc).tool).toEqual(['agent', 'tool']);
  });

  it('human approval, read access or a human-review step breaks the chain', () => {
    expect(
      fires('agency.reachesUnapprovedTool', model({ components: comps(true), dataFlows: flows })).agent,
    ).toBe(false);
    expect(
      fires('agency.reachesUnapprovedTool', model({ components: comps(false, 'read'), dataFlows: flows }))
        .agent,
    ).toBe(false);
  });

  it('an agent nobody untrusted can reach is driven but not exposed', () => {
    const doc = model({ components: comps(false), dataFlows: flows.slice(1) });
    expect(fires('agency.drivenByLlm', doc).tool).toEqual(['agent', 'tool']);
    expect(fires('agency.drivenByExposedLlm', doc).tool).toBe(false);
  });
});
