import { describe, expect, it } from 'vitest';
import {
  evaluate,
  shippedLibrary,
  type Component,
  type DataFlow,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';

/**
 * The agentic threats of issue 11: what raises them, what the design can do about them, and the
 * Agentic Top 10 references that hold only on some paths. Each case changes one thing in a small
 * model and checks the finding (or its absence) that follows.
 */
const library = shippedLibrary();
const findingsOf = (doc: ThreatModelDocument, threat: string, target: string) =>
  evaluate(doc, library).filter((f) => f.threatId === `threat.${threat}` && f.targetId === target);
const rating = (doc: ThreatModelDocument, threat: string, target: string) => {
  const [f] = findingsOf(doc, threat, target);
  return f ? `${f.likelihood}/${f.impact}` : 'none';
};
const agentic = (doc: ThreatModelDocument, threat: string, target: string) =>
  findingsOf(doc, threat, target).flatMap((f) => f.references.owaspAgentic);

const E = { encrypted: true, authenticated: true };

/**
 * A research agent reads public web pages and hands its findings to a billing agent, whose refund
 * tool's props vary; `between` replaces the direct research → billing message.
 */
function desk(
  options: {
    refund?: Component['props'];
    between?: Component;
    billing?: Component['props'];
    researchReadsWeb?: boolean;
  } = {},
) {
  const { refund = {}, between, billing = {}, researchReadsWeb = true } = options;
  const handOver: DataFlow[] = between
    ? [
        flow('research', between.id, { data: ['model-output'], kind: 'message', ...E }),
        flow(between.id, 'billing', { data: ['model-output'], kind: 'message', ...E }),
      ]
    : [flow('research', 'billing', { data: ['model-output'], kind: 'message', ...E })];
  return model({
    trustBoundaries: [boundary('corp', 'internal'), boundary('net', 'internet')],
    components: [
      component('customer', 'user', { trust: 'authenticated', affiliation: 'public' }, 'net'),
      component('research', 'agent', {}, 'corp'),
      component('research-llm', 'llm', { hasSystemPrompt: true }),
      component('fetch', 'agent-tool', { access: 'read', credentials: 'none' }, 'corp'),
      component('web', 'external-service', { publicContent: true }, 'net'),
      component('docs', 'data-source', { origin: 'internal' }, 'corp'),
      component('billing', 'agent', billing, 'corp'),
      component('billing-llm', 'llm', { hasSystemPrompt: true }),
      component(
        'refund',
        'agent-tool',
        { access: 'write', humanApproval: false, credentials: 'service-account', ...refund },
        'corp',
      ),
      ...(between ? [between] : []),
    ],
    dataFlows: [
      flow('customer', 'research', { data: ['prompts'], kind: 'message', ...E }),
      flow('research', 'research-llm', { data: ['prompts', 'retrieved-content'], kind: 'message', ...E }),
      flow('research-llm', 'research', { data: ['model-output'], kind: 'response', ...E }),
      flow('research', 'fetch', { data: ['tool-call'], kind: 'invoke', local: true }),
      ...(researchReadsWeb
        ? [
            flow('fetch', 'web', { kind: 'query', encrypted: true }),
            flow('web', 'fetch', { data: ['retrieved-content'], kind: 'response', encrypted: true }),
          ]
        : [flow('docs', 'fetch', { data: ['retrieved-content'], kind: 'response', ...E })]),
      flow('fetch', 'research', { data: ['retrieved-content'], kind: 'response', local: true }),
      ...handOver,
      flow('billing', 'billing-llm', { data: ['prompts'], kind: 'message', ...E }),
      flow('billing-llm', 'billing', { data: ['model-output'], kind: 'response', ...E }),
      flow('billing', 'refund', { data: ['tool-call'], kind: 'invoke', local: true }),
      flow('billing', 'research', { data: ['model-output'], kind: 'response', ...E }),
    ],
  });
}

describe('inter-agent prompt injection', () => {
  it('lands on the agent that an agent reading the web writes to, not on that agent itself', () => {
    expect(rating(desk(), 'inter-agent-prompt-injection', 'billing')).toBe('high/high');
    // The research agent's own loop through its tool, and the billing agent's replies, do not count.
    expect(rating(desk(), 'inter-agent-prompt-injection', 'research')).toBe('none');
    expect(agentic(desk(), 'inter-agent-prompt-injection', 'billing').sort()).toEqual([
      'ASI01',
      'ASI07',
      'ASI08',
    ]);
  });
  it('is not raised when the sending agent reads only internal content', () => {
    expect(rating(desk({ researchReadsWeb: false }), 'inter-agent-prompt-injection', 'billing')).toBe('none');
  });
  it('an injection guard between the agents stops it; a PII scrubber or a message queue does not', () => {
    const guard = (catches: string) =>
      component('guard', 'guardrail', { direction: 'input', catches }, 'corp');
    expect(rating(desk({ between: guard('injection') }), 'inter-agent-prompt-injection', 'billing')).toBe(
      'none',
    );
    // Through a relay the message reaches it as content rather than as another agent's prompt.
    expect(
      rating(desk({ between: guard('sensitive-data') }), 'inter-agent-prompt-injection', 'billing'),
    ).toBe('medium/high');
    expect(
      rating(
        desk({ between: component('queue', 'process', {}, 'corp') }),
        'inter-agent-prompt-injection',
        'billing',
      ),
    ).toBe('medium/high');
  });
  it('a supervised receiving agent lowers it', () => {
    expect(
      rating(desk({ billing: { autonomy: 'supervised' } }), 'inter-agent-prompt-injection', 'billing'),
    ).toBe('medium/medium');
  });
  it('agent output alone no longer raises indirect injection on the receiving model', () => {
    expect(findingsOf(desk({ researchReadsWeb: false }), 'indirect-prompt-injection', 'billing-llm')).toEqual(
      [],
    );
  });
});

describe('confused deputy', () => {
  it('is raised for a service-account write tool that customers and agents can drive', () => {
    expect(rating(desk(), 'confused-deputy', 'billing')).toBe('medium/high');
    expect(agentic(desk(), 'confused-deputy', 'billing')).toEqual(['ASI03']);
  });
  it('is not raised when the tool acts with the requester’s delegated identity, or only reads', () => {
    expect(rating(desk({ refund: { credentials: 'delegated-user' } }), 'confused-deputy', 'billing')).toBe(
      'none',
    );
    expect(rating(desk({ refund: { access: 'read' } }), 'confused-deputy', 'billing')).toBe('none');
  });
  it('approval of every call lowers it without removing it', () => {
    expect(rating(desk({ refund: { humanApproval: true } }), 'confused-deputy', 'billing')).toBe('low/high');
  });
  it('anonymous requesters make it more likely', () => {
    const doc = desk();
    doc.components.find((c) => c.id === 'customer')!.props = { trust: 'anonymous' };
    expect(rating(doc, 'confused-deputy', 'billing')).toBe('high/high');
  });

  /** Staff ask an assistant agent, whose ticket tool writes with the given credentials. */
  const staffDesk = (tool: Component['props']) =>
    model({
      trustBoundaries: [boundary('corp', 'internal')],
      components: [
        component('staff', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp'),
        component('assistant', 'agent', {}, 'corp'),
        component('tickets', 'agent-tool', { access: 'write', ...tool }, 'corp'),
      ],
      dataFlows: [
        flow('staff', 'assistant', { data: ['prompts'], kind: 'message', ...E }),
        flow('assistant', 'tickets', { data: ['tool-call'], kind: 'invoke', ...E }),
      ],
    });
  it('staff-only requesters raise it, one step less likely, where the model sets a service account', () => {
    expect(rating(staffDesk({ credentials: 'service-account' }), 'confused-deputy', 'assistant')).toBe(
      'low/high',
    );
  });
  it('staff-only requesters do not raise it on a service account the model leaves to the default', () => {
    expect(rating(staffDesk({}), 'confused-deputy', 'assistant')).toBe('none');
    expect(rating(staffDesk({ credentials: 'delegated-user' }), 'confused-deputy', 'assistant')).toBe('none');
  });
});

/** A coding agent used by an employee, with one stdio tool server whose props vary. */
function workstation(props: Component['props'], configuredBy?: 'admin' | 'agent') {
  const extra: Component[] = [];
  const flows: DataFlow[] = [];
  if (configuredBy) {
    extra.push(component('config', 'data-store', {}, 'corp'));
    flows.push(flow('config', 'server', { data: ['system-prompt'], kind: 'update', local: true }));
    if (configuredBy === 'admin') {
      extra.push(component('admin', 'user', { trust: 'privileged' }, 'corp'));
      flows.push(flow('admin', 'config', { kind: 'write', local: true }));
    } else flows.push(flow('agent', 'config', { kind: 'write', local: true }));
  }
  return model({
    trustBoundaries: [boundary('corp', 'internal'), boundary('net', 'internet')],
    components: [
      component('dev', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp'),
      component('agent', 'agent', {}, 'corp'),
      component('llm', 'llm', {}),
      component('web', 'external-service', { publicContent: true }, 'net'),
      component('server', 'agent-tool', { access: 'read', transport: 'stdio', ...props }, 'corp'),
      ...extra,
    ],
    dataFlows: [
      flow('dev', 'agent', { data: ['prompts'], kind: 'message', local: true }),
      flow('agent', 'llm', { data: ['prompts', 'retrieved-content'], kind: 'message', ...E }),
      flow('llm', 'agent', { data: ['model-output'], kind: 'response', ...E }),
      flow('web', 'agent', { data: ['retrieved-content'], kind: 'response', encrypted: true }),
      flow('agent', 'server', { data: ['tool-call'], kind: 'invoke', local: true }),
      flow('server', 'agent', { data: ['retrieved-content'], kind: 'response', local: true }),
      ...flows,
    ],
  });
}

describe('MCP launch-configuration injection', () => {
  it('third-party stdio servers that are not pinned', () => {
    expect(rating(workstation({ provenance: 'community' }), 'mcp-launch-config-injection', 'server')).toBe(
      'high/high',
    );
    expect(rating(workstation({ provenance: 'vendor' }), 'mcp-launch-config-injection', 'server')).toBe(
      'medium/high',
    );
    expect(
      rating(workstation({ provenance: 'community', pinned: true }), 'mcp-launch-config-injection', 'server'),
    ).toBe('none');
    expect(
      rating(
        workstation({ provenance: 'community', transport: 'remote' }),
        'mcp-launch-config-injection',
        'server',
      ),
    ).toBe('none');
    expect(rating(workstation({ provenance: 'first-party' }), 'mcp-launch-config-injection', 'server')).toBe(
      'none',
    );
  });
  it('a sandboxed server lowers it', () => {
    expect(
      rating(
        workstation({ provenance: 'community', sandboxed: true }),
        'mcp-launch-config-injection',
        'server',
      ),
    ).toBe('medium/high');
  });
  it('a first-party server whose configuration the agent itself can rewrite', () => {
    const own = { provenance: 'first-party', pinned: true };
    expect(rating(workstation(own, 'agent'), 'mcp-launch-config-injection', 'server')).toBe('medium/high');
    const [f] = findingsOf(workstation(own, 'agent'), 'mcp-launch-config-injection', 'server');
    expect(f!.references.atlas).toContain('AML.T0081');
    expect(rating(workstation(own, 'admin'), 'mcp-launch-config-injection', 'server')).toBe('none');
  });
  it('shares one root cause with the malicious-tool finding when the server is third-party and unpinned', () => {
    const findings = evaluate(workstation({ provenance: 'community' }), library).filter(
      (f) => f.targetId === 'server' && f.group !== undefined,
    );
    expect(findings.map((f) => f.threatId).sort()).toEqual([
      'threat.malicious-agent-tool',
      'threat.mcp-launch-config-injection',
    ]);
  });
});

/** A multimodal (or text-only) model behind an app that customers or employees use. */
function vision(multimodal: boolean, who: 'customer' | 'employee', uploads = false, guard = false) {
  const user =
    who === 'customer'
      ? { trust: 'authenticated', affiliation: 'public' }
      : { trust: 'authenticated', affiliation: 'workforce' };
  return model({
    trustBoundaries: [boundary('corp', 'internal')],
    components: [
      component('user', 'user', user, 'corp'),
      component('app', 'llm-app', { sanitisesOutput: true }, 'corp'),
      component('llm', 'llm', { multimodal }),
      ...(uploads ? [component('uploads', 'data-source', { origin: 'user-generated' }, 'corp')] : []),
      ...(guard
        ? [component('guard', 'guardrail', { direction: 'input', catches: 'injection' }, 'corp')]
        : []),
    ],
    dataFlows: [
      flow('user', guard ? 'guard' : 'app', { data: ['prompts'], kind: 'message', ...E }),
      ...(guard ? [flow('guard', 'app', { data: ['prompts'], kind: 'message', ...E })] : []),
      flow('app', 'llm', { data: ['prompts', 'retrieved-content'], kind: 'message', ...E }),
      flow('llm', 'app', { data: ['model-output'], kind: 'response', ...E }),
      ...(uploads ? [flow('uploads', 'app', { data: ['retrieved-content'], kind: 'response', ...E })] : []),
    ],
  });
}

describe('multimodal prompt injection', () => {
  it('the multimodal property decides it', () => {
    expect(rating(vision(true, 'customer'), 'multimodal-prompt-injection', 'llm')).toBe('medium/medium');
    expect(rating(vision(false, 'customer'), 'multimodal-prompt-injection', 'llm')).toBe('none');
  });
  it('follows who can put files in front of the model', () => {
    expect(rating(vision(true, 'employee'), 'multimodal-prompt-injection', 'llm')).toBe('none');
    expect(rating(vision(true, 'employee', true), 'multimodal-prompt-injection', 'llm')).toBe(
      'medium/medium',
    );
  });
  it('an injection guard on every untrusted path lowers it', () => {
    expect(rating(vision(true, 'customer', false, true), 'multimodal-prompt-injection', 'llm')).toBe(
      'low/medium',
    );
  });
  it('adds ASI01 only where the model drives an agent', () => {
    expect(agentic(vision(true, 'customer'), 'multimodal-prompt-injection', 'llm')).toEqual([]);
  });
});

describe('Agentic Top 10 references that hold only on some paths', () => {
  it('ASI01 on injection only where the model drives an agent', () => {
    expect(agentic(vision(false, 'customer'), 'direct-prompt-injection', 'llm')).toEqual([]);
    expect(agentic(desk(), 'direct-prompt-injection', 'research-llm')).toEqual(['ASI01']);
    expect(agentic(desk(), 'indirect-prompt-injection', 'research-llm')).toEqual(['ASI01']);
  });
  it('ASI05 on excessive agency only for execute tools; ASI03 only for a shared service account', () => {
    expect(agentic(desk(), 'excessive-agency', 'refund').sort()).toEqual(['ASI02', 'ASI03']);
    expect(agentic(desk({ refund: { access: 'execute' } }), 'excessive-agency', 'refund').sort()).toEqual([
      'ASI02',
      'ASI03',
      'ASI05',
    ]);
    expect(
      agentic(desk({ refund: { credentials: 'delegated-user' } }), 'excessive-agency', 'refund'),
    ).toEqual(['ASI02']);
  });
  it('ASI07 on unauthenticated channels between agents only', () => {
    const doc = desk();
    const handOver = doc.dataFlows.find((f) => f.id === 'research->billing')!;
    handOver.props = { data: ['model-output'], kind: 'message', encrypted: true };
    doc.components.find((c) => c.id === 'billing')!.boundaryId = undefined;
    const [f] = evaluate(doc, library).filter(
      (x) => x.threatId === 'threat.unauthenticated-boundary-flow' && x.targetId === 'research->billing',
    );
    expect(f?.references.owaspAgentic).toEqual(['ASI07']);
    const other = evaluate(doc, library).filter(
      (x) => x.threatId === 'threat.unauthenticated-boundary-flow' && x.targetId !== 'research->billing',
    );
    for (const x of other) expect(x.references.owaspAgentic).toEqual([]);
  });
});
