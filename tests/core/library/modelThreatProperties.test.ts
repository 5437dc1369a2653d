import { describe, expect, it } from 'vitest';
import { evaluate, shippedLibrary, type Component, type ThreatModelDocument } from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';

/**
 * The catalogue properties added for the model threats (fine-tuning, adapters, serving hosts,
 * perception devices, federated learning, subject-written features) each change a result: the
 * same small model with the property one way and the other gives a different finding, rating or
 * status.
 */
const library = shippedLibrary();
const find = (doc: ThreatModelDocument, threat: string, target: string) =>
  evaluate(doc, library).find((f) => f.threatId === `threat.${threat}` && f.targetId === target);
const rating = (doc: ThreatModelDocument, threat: string, target: string) => {
  const f = find(doc, threat, target);
  return f ? `${f.likelihood}/${f.impact}/${f.status}` : 'none';
};

describe('fine-tuning and model artefacts', () => {
  const tuning = (props: Component['props']) => model({ components: [component('ft', 'training', props)] });
  it('customerFineTuning: tenants who fine-tune can strip safety training on purpose', () => {
    expect(rating(tuning({ customerFineTuning: true }), 'alignment-removal-fine-tuning', 'ft')).toBe(
      'high/high/open',
    );
    expect(rating(tuning({ customerFineTuning: false }), 'alignment-removal-fine-tuning', 'ft')).toBe('none');
  });
  it('an adversarial evaluation after fine-tuning marks data-driven alignment removal mitigated', () => {
    const pipeline = (adversarialTesting: boolean) =>
      model({
        trustBoundaries: [boundary('net', 'internet')],
        components: [
          component('web', 'data-source', { origin: 'public-web' }, 'net'),
          component('base', 'pretrained-model', { source: 'vendor', format: 'safetensors', verified: true }),
          component('ft', 'training'),
          component('eval', 'evaluation', { adversarialTesting }),
          component('users', 'user', { trust: 'authenticated' }),
          component('api', 'inference-api', { authenticated: true, rateLimited: true }),
        ],
        dataFlows: [
          flow('web', 'ft', { data: ['training-data'] }),
          flow('base', 'ft', { data: ['model-artifact'] }),
          flow('ft', 'eval', { data: ['model-artifact'] }),
          flow('eval', 'api', { data: ['model-artifact'], kind: 'update' }),
          flow('users', 'api', { data: ['prompts'], kind: 'message' }),
        ],
      });
    expect(rating(pipeline(false), 'alignment-removal-fine-tuning', 'ft')).toBe('medium/high/open');
    expect(rating(pipeline(true), 'alignment-removal-fine-tuning', 'ft')).toBe('medium/high/mitigated');
  });
  it('packaging: hub adapters and merges are raised, a merge more likely; full models are not', () => {
    const hub = (packaging: string) =>
      model({
        components: [
          component('m', 'pretrained-model', {
            source: 'public-hub',
            format: 'safetensors',
            verified: false,
            packaging,
          }),
        ],
      });
    expect(rating(hub('adapter'), 'adapter-merge-conversion-supply-chain', 'm')).toBe('medium/high/open');
    expect(rating(hub('merge'), 'adapter-merge-conversion-supply-chain', 'm')).toBe('high/high/open');
    expect(rating(hub('full-model'), 'adapter-merge-conversion-supply-chain', 'm')).toBe('none');
  });
  it('conversion: only an unverified converter is raised, whatever the source', () => {
    const converted = (conversion: string) =>
      model({
        components: [
          component('m', 'pretrained-model', {
            source: 'internal',
            format: 'safetensors',
            verified: true,
            conversion,
          }),
        ],
      });
    const f = find(converted('unverified'), 'adapter-merge-conversion-supply-chain', 'm');
    expect(f?.references.atlas).toContain('AML.T0010.001');
    expect(rating(converted('verified'), 'adapter-merge-conversion-supply-chain', 'm')).toBe('none');
    expect(rating(converted('none'), 'adapter-merge-conversion-supply-chain', 'm')).toBe('none');
  });
});

describe('serving hosts', () => {
  const served = (type: 'inference-api' | 'llm', props: Component['props']) =>
    model({
      trustBoundaries: [boundary('dmz', 'dmz')],
      components: [component('train', 'training'), component('srv', type, props, 'dmz')],
      dataFlows: [flow('train', 'srv', { data: ['model-artifact'], kind: 'update' })],
    });
  it('weightsProtected on an inference API marks the host extraction mitigated', () => {
    const api = { exposure: 'internet', authenticated: true };
    expect(rating(served('inference-api', api), 'serving-host-weight-extraction', 'srv')).toBe(
      'low/high/open',
    );
    expect(
      rating(
        served('inference-api', { ...api, weightsProtected: true }),
        'serving-host-weight-extraction',
        'srv',
      ),
    ).toBe('low/high/mitigated');
  });
  it('weightsProtected on a self-hosted LLM does the same; provider-hosted models are out of scope', () => {
    expect(rating(served('llm', { hosting: 'self-hosted' }), 'serving-host-weight-extraction', 'srv')).toBe(
      'low/high/open',
    );
    expect(
      rating(
        served('llm', { hosting: 'self-hosted', weightsProtected: true }),
        'serving-host-weight-extraction',
        'srv',
      ),
    ).toBe('low/high/mitigated');
    expect(rating(served('llm', { hosting: 'provider-api' }), 'serving-host-weight-extraction', 'srv')).toBe(
      'none',
    );
  });
});

describe('perception devices', () => {
  const device = (sensor: string, physicalAccess = 'public') =>
    model({
      components: [component('d', 'edge-device', { sensor, physicalAccess, weightsProtected: true })],
    });
  it('sensor: a camera or microphone makes physical-world evasion possible; a staff-only site lowers it', () => {
    expect(rating(device('camera'), 'physical-world-evasion', 'd')).toBe('medium/high/open');
    expect(rating(device('microphone', 'restricted'), 'physical-world-evasion', 'd')).toBe('low/high/open');
    expect(rating(device('none'), 'physical-world-evasion', 'd')).toBe('none');
  });
});

describe('federated learning', () => {
  const fleet = (props: Component['props']) =>
    model({
      components: [
        component('cam', 'edge-device', { physicalAccess: 'owner', weightsProtected: true }),
        component('agg', 'training', { federated: true, ...props }),
      ],
      dataFlows: [flow('cam', 'agg', { data: ['model-artifact'], kind: 'write' })],
    });
  it('robustAggregation lowers update poisoning', () => {
    expect(rating(fleet({}), 'federated-update-poisoning', 'agg')).toBe('high/high/open');
    expect(rating(fleet({ robustAggregation: true }), 'federated-update-poisoning', 'agg')).toBe(
      'medium/high/open',
    );
  });
  it('secureAggregation marks gradient inversion mitigated', () => {
    expect(rating(fleet({}), 'gradient-inversion', 'agg')).toBe('low/high/open');
    expect(rating(fleet({ secureAggregation: true }), 'gradient-inversion', 'agg')).toBe(
      'low/high/mitigated',
    );
  });
  it('the retired training-data-poisoning situation for federated jobs no longer fires', () => {
    const keys = evaluate(fleet({}), library).map((f) => f.ruleId);
    expect(keys).not.toContain('rule.training-data-poisoning.federated-clients');
    expect(keys).toContain('rule.federated-update-poisoning.client-updates');
  });
});

describe('features written by the subject', () => {
  const scoring = (subjectControlledInputs: boolean, caller: Component) =>
    model({
      trustBoundaries: [boundary('corp', 'internal'), boundary('net', 'internet')],
      components: [
        caller,
        component(
          'api',
          'inference-api',
          { exposure: 'internal', authenticated: true, subjectControlledInputs },
          'corp',
        ),
      ],
      dataFlows: [flow(caller.id, 'api', { data: ['personal-data'], kind: 'query' })],
    });
  const staff = component('staff', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp');
  const applicant = component('applicant', 'user', { trust: 'anonymous' }, 'net');
  it('subjectControlledInputs raises evasion even when no outsider reaches the model', () => {
    expect(rating(scoring(true, staff), 'input-controlled-evasion', 'api')).toBe('medium/high/open');
    expect(rating(scoring(false, staff), 'input-controlled-evasion', 'api')).toBe('none');
  });
  it('where outsiders reach the model it is raised once, as adversarial evasion', () => {
    expect(rating(scoring(true, applicant), 'input-controlled-evasion', 'api')).toBe('none');
    expect(rating(scoring(true, applicant), 'adversarial-evasion', 'api')).not.toBe('none');
  });
});

describe('distillation', () => {
  const api = (props: Component['props'], trust = 'authenticated') =>
    model({
      components: [
        component('train', 'training'),
        component('users', 'user', { trust }),
        component('api', 'inference-api', props),
      ],
      dataFlows: [
        flow('train', 'api', { data: ['model-artifact'], kind: 'update' }),
        flow('users', 'api', { data: ['prompts'], kind: 'message' }),
      ],
    });
  it('text answers of an in-house model are raised; rate limits lower it, scores move it to extraction', () => {
    expect(rating(api({ authenticated: true }), 'distillation-from-outputs', 'api')).toBe(
      'medium/medium/open',
    );
    expect(rating(api({ authenticated: true }, 'anonymous'), 'distillation-from-outputs', 'api')).toBe(
      'high/medium/open',
    );
    expect(rating(api({ rateLimited: true }), 'distillation-from-outputs', 'api')).toBe('low/medium/open');
    expect(rating(api({ returnsScores: true }), 'distillation-from-outputs', 'api')).toBe('none');
  });
});
