import { describe, expect, it } from 'vitest';
import { evaluate, shippedLibrary, type Component, type ThreatModelDocument } from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';

/**
 * Each property added for expert findings changes a result: the same small model with the
 * property one way and the other gives a different finding (or none). Severity is compared as
 * likelihood × impact so that a one-step change shows.
 */
const library = shippedLibrary();
const find = (doc: ThreatModelDocument, threat: string, target: string) =>
  evaluate(doc, library).find((f) => f.threatId === `threat.${threat}` && f.targetId === target);
const rating = (doc: ThreatModelDocument, threat: string, target: string) => {
  const f = find(doc, threat, target);
  return f ? `${f.likelihood}/${f.impact}` : 'none';
};

/** An autonomous agent read by web pages, with one tool or store whose props vary. */
function agentWith(extra: Component, props: Component['props'] = {}, agentProps: Component['props'] = {}) {
  return model({
    trustBoundaries: [boundary('corp', 'internal'), boundary('net', 'internet')],
    components: [
      component('staff', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp'),
      component('agent', 'agent', agentProps, 'corp'),
      component('llm', 'llm', { hasSystemPrompt: true }),
      component('web', 'data-source', { origin: 'public-web' }, 'net'),
      { ...extra, props: { ...extra.props, ...props } },
    ],
    dataFlows: [
      flow('staff', 'agent', { data: ['prompts'] }),
      flow('agent', 'llm', { data: ['prompts'] }),
      flow('llm', 'agent', { data: ['model-output'] }),
      flow('web', 'agent', { data: ['retrieved-content'] }),
      flow('agent', extra.id, { data: ['tool-call'] }),
      flow(extra.id, 'agent', { data: ['retrieved-content'] }),
    ],
  });
}

describe('agent tools', () => {
  const tool = component('tool', 'agent-tool', { access: 'write', humanApproval: false }, 'corp');
  it('credentials: a shared service account is more severe than delegated rights', () => {
    expect(rating(agentWith(tool, { credentials: 'service-account' }), 'excessive-agency', 'tool')).toBe(
      'high/high',
    );
    expect(rating(agentWith(tool, { credentials: 'delegated-user' }), 'excessive-agency', 'tool')).toBe(
      'medium/high',
    );
  });
  it('credentials also decide whether employees can escalate through direct injection', () => {
    expect(
      rating(agentWith(tool, { credentials: 'service-account' }), 'direct-prompt-injection', 'llm'),
    ).not.toBe('none');
    expect(rating(agentWith(tool, { credentials: 'delegated-user' }), 'direct-prompt-injection', 'llm')).toBe(
      'none',
    );
  });
  it('autonomy: a supervised agent approves its actions like a human-review step', () => {
    expect(rating(agentWith(tool, {}, { autonomy: 'supervised' }), 'excessive-agency', 'tool')).toBe('none');
  });
  it('provenance, transport and pinning decide the malicious-tool finding', () => {
    const read = { access: 'read' };
    expect(
      rating(agentWith(tool, { ...read, provenance: 'first-party' }), 'malicious-agent-tool', 'tool'),
    ).toBe('none');
    expect(rating(agentWith(tool, { ...read, provenance: 'vendor' }), 'malicious-agent-tool', 'tool')).toBe(
      'medium/medium',
    );
    expect(
      rating(agentWith(tool, { ...read, provenance: 'community' }), 'malicious-agent-tool', 'tool'),
    ).toBe('high/medium');
    expect(
      rating(
        agentWith(tool, { ...read, provenance: 'community', transport: 'stdio' }),
        'malicious-agent-tool',
        'tool',
      ),
    ).toBe('high/high');
    expect(
      rating(
        agentWith(tool, { ...read, provenance: 'community', pinned: true }),
        'malicious-agent-tool',
        'tool',
      ),
    ).toBe('medium/medium');
  });
  it('sandboxed and networkEgress decide how bad executing model output is', () => {
    const shell = component('tool', 'code-interpreter', {}, 'corp');
    expect(rating(agentWith(shell, { sandboxed: false }), 'improper-output-handling', 'tool')).toBe(
      'high/high',
    );
    expect(
      rating(
        agentWith(shell, { sandboxed: true, networkEgress: 'none' }),
        'improper-output-handling',
        'tool',
      ),
    ).toBe('medium/high');
    const exec = { access: 'execute' };
    expect(rating(agentWith(tool, { ...exec, sandboxed: true }), 'excessive-agency', 'tool')).toBe(
      'medium/high',
    );
  });
});

describe('memory, logs and indexes', () => {
  const memory = component('mem', 'memory-store', { persistent: true }, 'corp');
  it('sharedAcrossUsers and retention change memory poisoning', () => {
    expect(rating(agentWith(memory), 'memory-poisoning', 'mem')).toBe('medium/high');
    expect(rating(agentWith(memory, { retention: 'limited' }), 'memory-poisoning', 'mem')).toBe('low/high');
    const shared = agentWith(
      component('mem', 'memory-store', { persistent: true, sharedAcrossUsers: true }, 'corp'),
    );
    expect(find(shared, 'memory-poisoning', 'mem')!.trace.adjustments.join(' ')).toMatch(/shared/);
  });
  it('retention lowers the impact of prompt logs; multiTenant raises embedding inversion', () => {
    const logs = (retention: string) =>
      model({
        components: [
          component('app', 'llm-app'),
          component('mon', 'monitoring', { logsPrompts: true, retention }),
        ],
        dataFlows: [flow('app', 'mon', { data: ['prompts'] })],
      });
    expect(rating(logs('unbounded'), 'sensitive-data-in-logs', 'mon')).toBe('medium/medium');
    expect(rating(logs('limited'), 'sensitive-data-in-logs', 'mon')).toBe('medium/low');
    const index = (multiTenant: boolean) =>
      model({ components: [component('ix', 'vector-store', { accessControlled: false, multiTenant })] });
    expect(rating(index(false), 'embedding-inversion', 'ix')).toBe('medium/medium');
    expect(rating(index(true), 'embedding-inversion', 'ix')).toBe('medium/high');
  });
});

describe('principals, guards and content', () => {
  const chat = (user: Component['props'], guard: Component['props'] | undefined) =>
    model({
      components: [
        component('u', 'user', user),
        ...(guard ? [component('g', 'guardrail', guard)] : []),
        component('llm', 'llm', { hosting: 'provider-api' }),
      ],
      dataFlows: guard ? [flow('u', 'g'), flow('g', 'llm')] : [flow('u', 'llm')],
    });
  it('trust privileged makes the user an operator: no jailbreak or denial of wallet from them', () => {
    expect(rating(chat({ trust: 'authenticated' }, undefined), 'jailbreak', 'llm')).not.toBe('none');
    expect(rating(chat({ trust: 'privileged' }, undefined), 'jailbreak', 'llm')).toBe('none');
    expect(rating(chat({ trust: 'privileged' }, undefined), 'denial-of-wallet', 'llm')).toBe('none');
    expect(
      rating(chat({ trust: 'authenticated', affiliation: 'workforce' }, undefined), 'jailbreak', 'llm'),
    ).toBe('none');
  });
  it('a PII-only guardrail does not lower injection; an injection guardrail does', () => {
    const anon = { trust: 'anonymous' };
    expect(rating(chat(anon, { catches: 'sensitive-data' }), 'direct-prompt-injection', 'llm')).toBe(
      'high/medium',
    );
    expect(rating(chat(anon, { catches: 'injection' }), 'direct-prompt-injection', 'llm')).toBe(
      'medium/medium',
    );
  });
  it('publicContent makes a service public-web content: injection, but no unauthenticated-flow finding', () => {
    const fetcher = (publicContent: boolean) =>
      model({
        trustBoundaries: [boundary('net', 'internet'), boundary('corp', 'internal')],
        components: [
          component('svc', 'external-service', { publicContent }, 'net'),
          component('agent', 'agent', {}, 'corp'),
        ],
        dataFlows: [flow('svc', 'agent', { encrypted: true, data: ['retrieved-content'] }, 'f')],
      });
    expect(rating(fetcher(false), 'unauthenticated-boundary-flow', 'f')).not.toBe('none');
    expect(rating(fetcher(true), 'unauthenticated-boundary-flow', 'f')).toBe('none');
    expect(rating(fetcher(true), 'indirect-prompt-injection', 'agent')).not.toBe('none');
  });
});

describe('training, supply chain and devices', () => {
  it('versioned: an unversioned dataset makes poisoning more severe', () => {
    const pipeline = (versioned: boolean) =>
      model({
        components: [
          component('web', 'data-source', { origin: 'public-web' }),
          component('ds', 'dataset-store', { versioned }),
          component('train', 'training'),
        ],
        dataFlows: [flow('web', 'ds'), flow('ds', 'train')],
      });
    expect(find(pipeline(false), 'training-data-poisoning', 'train')!.trace.adjustments.join()).toMatch(
      /not versioned/,
    );
    expect(find(pipeline(true), 'training-data-poisoning', 'train')!.trace.adjustments).toEqual([]);
  });
  it('alerting monitoring behind a scores API lowers extraction', () => {
    const api = (alerting: boolean) =>
      model({
        components: [
          component('api', 'inference-api', { returnsScores: true, authenticated: true }),
          component('mon', 'monitoring', { alerting }),
        ],
        dataFlows: [flow('api', 'mon', { data: ['telemetry'] })],
      });
    expect(rating(api(false), 'model-extraction', 'api')).toBe('medium/high');
    expect(rating(api(true), 'model-extraction', 'api')).toBe('low/high');
  });
  it('pinnedDependencies lowers compromised ML dependencies', () => {
    const stack = (pinnedDependencies: boolean) =>
      model({
        components: [
          component('app', 'llm-app'),
          component('ci', 'deployment-pipeline', { pinnedDependencies }),
        ],
        dataFlows: [flow('ci', 'app')],
      });
    expect(rating(stack(false), 'compromised-ml-dependency', 'model')).toBe('low/high');
    expect(find(stack(true), 'compromised-ml-dependency', 'model')!.trace.byDesign.join()).toMatch(/hash/);
  });
  it('format keras, onnx and gguf are not treated as safe; safetensors is', () => {
    const weights = (format: string) =>
      model({
        components: [component('m', 'pretrained-model', { source: 'public-hub', format, verified: false })],
      });
    expect(rating(weights('keras'), 'malicious-serialised-model', 'm')).toBe('medium/high');
    expect(rating(weights('onnx'), 'malicious-serialised-model', 'm')).toBe('low/high');
    expect(rating(weights('gguf'), 'malicious-serialised-model', 'm')).toBe('low/high');
    expect(rating(weights('safetensors'), 'malicious-serialised-model', 'm')).toBe('none');
  });
  it('federated, physicalAccess and weightsProtected decide device findings', () => {
    const fleet = (physicalAccess: string, weightsProtected: boolean, federated: boolean) =>
      model({
        components: [
          component('cam', 'edge-device', { physicalAccess, weightsProtected }),
          component('agg', 'training', { federated }),
        ],
        dataFlows: [flow('cam', 'agg', { data: ['model-artifact'] })],
      });
    expect(rating(fleet('public', false, true), 'model-weight-theft', 'cam')).toBe('high/high');
    expect(rating(fleet('restricted', false, true), 'model-weight-theft', 'cam')).toBe('low/high');
    expect(rating(fleet('public', true, true), 'model-weight-theft', 'cam')).toBe('none');
    expect(rating(fleet('public', false, true), 'federated-update-poisoning', 'agg')).toBe('high/high');
    // A phone's owner can be the attacker; only devices on staff-only sites make it less likely.
    expect(rating(fleet('owner', false, true), 'federated-update-poisoning', 'agg')).toBe('high/high');
    expect(rating(fleet('restricted', false, true), 'federated-update-poisoning', 'agg')).toBe('medium/high');
    expect(rating(fleet('public', false, false), 'federated-update-poisoning', 'agg')).toBe('none');
  });
});
