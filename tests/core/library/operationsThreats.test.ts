import { describe, expect, it } from 'vitest';
import {
  evaluate,
  MODEL_TARGET_ID,
  shippedLibrary,
  type Component,
  type Finding,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';

/**
 * The operations threats: each secure property changes its finding, and the new threats stay
 * disjoint from the neighbours they could duplicate (weight theft, personal data at rest, denial
 * of service, denial of wallet).
 */
const library = shippedLibrary();
const findings = (doc: ThreatModelDocument, threat: string): Finding[] =>
  evaluate(doc, library).filter((f) => f.threatId === `threat.${threat}`);
const on = (doc: ThreatModelDocument, threat: string, target: string) =>
  findings(doc, threat).filter((f) => f.targetId === target);
/** `likelihood/impact status` of the one finding of a threat on a target, or 'none'. */
const rating = (doc: ThreatModelDocument, threat: string, target: string) => {
  const hits = on(doc, threat, target);
  expect(hits.length, `${threat}@${target}`).toBeLessThanOrEqual(1);
  const f = hits[0];
  return f ? `${f.likelihood}/${f.impact} ${f.status}` : 'none';
};

/** Staff → dataset store → training → registry → an internal API. */
function trainingPlatform(
  datasetProps: Component['props'],
  registryProps: Component['props'] = { accessControlled: true },
) {
  return model({
    trustBoundaries: [boundary('ml', 'restricted')],
    components: [
      component('source', 'data-source', { origin: 'internal' }, 'ml'),
      component('dataset', 'dataset-store', datasetProps, 'ml'),
      component('train', 'training', {}, 'ml'),
      component('registry', 'model-registry', registryProps, 'ml'),
    ],
    dataFlows: [
      flow('source', 'dataset', { data: ['training-data'], encrypted: true, authenticated: true }),
      flow('dataset', 'train', { data: ['training-data'], encrypted: true, authenticated: true }),
      flow('train', 'registry', { data: ['model-artifact'], encrypted: true, authenticated: true }),
    ],
  });
}

describe('insider poisoning of training data', () => {
  it('rates a reviewed, access-controlled dataset as mitigated, and an open one as likelier', () => {
    expect(
      rating(trainingPlatform({ accessControlled: true }), 'insider-training-data-poisoning', 'dataset'),
    ).toBe('low/high open');
    expect(
      rating(
        trainingPlatform({ accessControlled: true, changesReviewed: true }),
        'insider-training-data-poisoning',
        'dataset',
      ),
    ).toBe('low/high mitigated');
    expect(
      rating(trainingPlatform({ accessControlled: false }), 'insider-training-data-poisoning', 'dataset'),
    ).toBe('medium/high open');
    // Reviews that a direct write can bypass only lower the likelihood.
    const bypassed = on(
      trainingPlatform({ accessControlled: false, changesReviewed: true }),
      'insider-training-data-poisoning',
      'dataset',
    );
    expect(bypassed.map((f) => `${f.likelihood} ${f.status}`)).toEqual(['low open']);
    expect(bypassed[0]!.why).toContain('bypasses the review');
  });

  it('does not fire on a dataset that no training job reads', () => {
    const doc = trainingPlatform({ accessControlled: true });
    doc.dataFlows = doc.dataFlows.filter((f) => f.targetId !== 'train');
    expect(findings(doc, 'insider-training-data-poisoning')).toEqual([]);
  });
});

describe('insider exfiltration of artefacts', () => {
  it('credits monitored downloads on the registry', () => {
    expect(rating(trainingPlatform({}), 'insider-artefact-exfiltration', 'registry')).toBe('low/high open');
    expect(
      rating(
        trainingPlatform({}, { accessControlled: true, downloadsMonitored: true }),
        'insider-artefact-exfiltration',
        'registry',
      ),
    ).toBe('low/high mitigated');
  });

  it('leaves an open registry to weight theft, so one weakness gives one finding', () => {
    const open = trainingPlatform({}, { accessControlled: false });
    expect(on(open, 'insider-artefact-exfiltration', 'registry')).toEqual([]);
    expect(on(open, 'model-weight-theft', 'registry')).toHaveLength(1);
  });

  it('raises a dataset only when it holds personal or confidential records', () => {
    expect(
      rating(trainingPlatform({ accessControlled: true }), 'insider-artefact-exfiltration', 'dataset'),
    ).toBe('none');
    expect(
      rating(
        trainingPlatform({ accessControlled: true, personalData: true, encryptedAtRest: true }),
        'insider-artefact-exfiltration',
        'dataset',
      ),
    ).toBe('low/high open');
    expect(
      rating(
        trainingPlatform({ accessControlled: true, personalData: true, downloadsMonitored: true }),
        'insider-artefact-exfiltration',
        'dataset',
      ),
    ).toBe('low/high mitigated');
  });

  it('leaves open personal data to the personal-data-at-rest finding', () => {
    const doc = trainingPlatform({ accessControlled: false, personalData: true, encryptedAtRest: true });
    expect(on(doc, 'insider-artefact-exfiltration', 'dataset')).toEqual([]);
    expect(on(doc, 'unprotected-personal-data-at-rest', 'dataset')).toHaveLength(1);
  });
});

describe('training data without rollback', () => {
  it('fires on an unversioned dataset and not on a versioned one', () => {
    expect(
      rating(trainingPlatform({ accessControlled: true }), 'unversioned-data-no-rollback', 'dataset'),
    ).toBe('medium/medium open');
    expect(
      rating(
        trainingPlatform({ accessControlled: true, versioned: true }),
        'unversioned-data-no-rollback',
        'dataset',
      ),
    ).toBe('none');
    expect(on(trainingPlatform({ versioned: true }), 'unversioned-data-no-rollback', 'train')).toEqual([]);
  });
});

/** Staff talk to an assistant on a self-hosted model; a monitoring component is optional. */
function assistant(monitoring?: Component['props'], extra: Partial<ThreatModelDocument> = {}) {
  return model({
    trustBoundaries: [boundary('corp', 'internal')],
    components: [
      component('staff', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp'),
      component('app', 'llm-app', { sanitisesOutput: true }, 'corp'),
      component('llm', 'llm', { hosting: 'self-hosted' }, 'corp'),
      ...(monitoring ? [component('logs', 'monitoring', monitoring, 'corp')] : []),
    ],
    dataFlows: [
      flow('staff', 'app', { data: ['prompts', 'personal-data'], encrypted: true, authenticated: true }),
      flow('app', 'llm', { data: ['prompts', 'personal-data'], encrypted: true, authenticated: true }),
      ...(monitoring
        ? [
            flow('app', 'logs', {
              data: ['prompts', 'model-output', 'personal-data'],
              encrypted: true,
              authenticated: true,
            }),
          ]
        : []),
    ],
    ...extra,
  });
}

describe('staff reading prompt logs', () => {
  it('is linked to the prompt-logging finding, shortened by retention and mitigated by restricted access', () => {
    const open = on(assistant({ logsPrompts: true, alerting: true }), 'insider-log-access', 'logs');
    expect(open.map((f) => `${f.likelihood}/${f.impact} ${f.status}`)).toEqual(['medium/medium open']);
    expect(open[0]!.group?.key).toBe('cause.full-prompt-logging@logs');
    expect(
      rating(
        assistant({ logsPrompts: true, alerting: true, retention: 'limited' }),
        'insider-log-access',
        'logs',
      ),
    ).toBe('medium/low open');
    expect(
      rating(
        assistant({ logsPrompts: true, alerting: true, accessRestricted: true }),
        'insider-log-access',
        'logs',
      ),
    ).toBe('medium/medium mitigated');
    expect(rating(assistant({ logsPrompts: false, alerting: true }), 'insider-log-access', 'logs')).toBe(
      'none',
    );
  });
});

describe('no security monitoring', () => {
  it('is a model-level finding when no monitoring receives anything from an AI component', () => {
    expect(rating(assistant(), 'no-security-monitoring', MODEL_TARGET_ID)).toBe('medium/medium open');
    expect(findings(assistant({ alerting: true }), 'no-security-monitoring')).toEqual([]);
  });

  it('moves to the monitoring component when it records AI traffic but alerts nobody', () => {
    const silent = findings(assistant({ alerting: false }), 'no-security-monitoring');
    // Internal users only, and the records exist: low.
    expect(silent.map((f) => `${f.targetId} ${f.severity}`)).toEqual(['logs low']);
  });

  it('does not fire on a system without AI components, even without monitoring', () => {
    const shop = model({
      components: [component('shopper', 'user'), component('shop', 'process'), component('db', 'data-store')],
      dataFlows: [flow('shopper', 'shop'), flow('shop', 'db')],
    });
    expect(findings(shop, 'no-security-monitoring')).toEqual([]);
  });
});

/** Anonymous visitors → app → (optional gateway) → model. */
function publicChat(opts: { hosting: string; appProps?: Component['props']; gateway?: Component['props'] }) {
  const path = opts.gateway ? ['app', 'gateway', 'llm'] : ['app', 'llm'];
  return model({
    trustBoundaries: [boundary('net', 'internet'), boundary('app-tier', 'dmz')],
    components: [
      component('visitor', 'user', { trust: 'anonymous' }, 'net'),
      component('app', 'llm-app', { sanitisesOutput: true, ...opts.appProps }, 'app-tier'),
      ...(opts.gateway ? [component('gateway', 'inference-api', opts.gateway, 'app-tier')] : []),
      component('llm', 'llm', { hosting: opts.hosting }, 'app-tier'),
    ],
    dataFlows: [
      flow('visitor', 'app', { kind: 'message', data: ['prompts'], encrypted: true }),
      ...path
        .slice(1)
        .map((to, i) =>
          flow(path[i]!, to, { kind: 'message', data: ['prompts'], encrypted: true, authenticated: true }),
        ),
    ],
  });
}

describe('unbounded consumption', () => {
  it('lands on a self-hosted model the public prompts, and never beside denial of wallet', () => {
    const selfHosted = publicChat({ hosting: 'self-hosted' });
    expect(rating(selfHosted, 'unbounded-consumption', 'llm')).toBe('high/medium open');
    expect(findings(selfHosted, 'denial-of-wallet')).toEqual([]);
    const provider = publicChat({ hosting: 'provider-api' });
    expect(findings(provider, 'unbounded-consumption')).toEqual([]);
    expect(on(provider, 'denial-of-wallet', 'llm')).toHaveLength(1);
  });

  it('is silenced by a rate-limited app, and leaves an unlimited gateway to denial of service', () => {
    expect(
      findings(
        publicChat({ hosting: 'self-hosted', appProps: { rateLimited: true } }),
        'unbounded-consumption',
      ),
    ).toEqual([]);
    const gateway = publicChat({
      hosting: 'self-hosted',
      gateway: { exposure: 'internal', authenticated: true, rateLimited: false },
    });
    expect(findings(gateway, 'unbounded-consumption')).toEqual([]);
    expect(on(gateway, 'model-denial-of-service', 'gateway')).toHaveLength(1);
  });

  it('lands on a public app whose model is not drawn, unless the app rate-limits', () => {
    const appOnly = (props: Component['props']) =>
      model({
        components: [
          component('customer', 'user', { trust: 'authenticated', affiliation: 'public' }),
          component('app', 'llm-app', { sanitisesOutput: true, ...props }),
        ],
        dataFlows: [flow('customer', 'app', { kind: 'message', data: ['prompts'] })],
      });
    expect(rating(appOnly({}), 'unbounded-consumption', 'app')).toBe('medium/medium open');
    expect(rating(appOnly({ rateLimited: true }), 'unbounded-consumption', 'app')).toBe('none');
  });
});
