import { describe, expect, it } from 'vitest';
import { evaluate, shippedLibrary, type ThreatModelDocument } from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';

/**
 * Where three agent rules must and must not land (issue 11 expert review): denial of wallet needs a
 * bill, a read-only query is not executed model output, and stored data is disclosed by the agent
 * that answers people, not by every sub-agent behind it.
 */
const library = shippedLibrary();
const rating = (doc: ThreatModelDocument, threat: string, target: string) => {
  const f = evaluate(doc, library).find((x) => x.threatId === `threat.${threat}` && x.targetId === target);
  return f ? `${f.likelihood}/${f.impact}` : 'none';
};

/** An employee's autonomous agent that reads web pages, calls one model and one extra component. */
function webAgent(hosting: string, extra?: { id: string; type: string; props: Record<string, unknown> }) {
  return model({
    trustBoundaries: [boundary('corp', 'internal'), boundary('net', 'internet')],
    components: [
      component('staff', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp'),
      component('agent', 'agent', { autonomy: 'autonomous' }, 'corp'),
      component('llm', 'llm', { hasSystemPrompt: true, hosting }, 'corp'),
      component('web', 'data-source', { origin: 'public-web' }, 'net'),
      ...(extra ? [component(extra.id, extra.type, extra.props as never, 'net')] : []),
    ],
    dataFlows: [
      flow('staff', 'agent', { data: ['prompts'], kind: 'message' }),
      flow('agent', 'llm', { data: ['prompts'], kind: 'message' }),
      flow('llm', 'agent', { data: ['model-output'], kind: 'response' }),
      flow('web', 'agent', { data: ['retrieved-content'] }),
      ...(extra
        ? [
            flow('agent', extra.id, { data: ['tool-call'], kind: 'query' }),
            flow(extra.id, 'agent', { data: ['retrieved-content'], kind: 'response' }),
          ]
        : []),
    ],
  });
}

describe('denial of wallet from an autonomous agent', () => {
  it('needs a provider-hosted model the agent drives', () => {
    expect(rating(webAgent('provider-api'), 'denial-of-wallet', 'agent')).not.toBe('none');
    expect(rating(webAgent('self-hosted'), 'denial-of-wallet', 'agent')).toBe('none');
  });

  it('or a paid external service, but not public pages it fetches', () => {
    const paid = { id: 'api', type: 'external-service', props: { publicContent: false } };
    const pages = { id: 'api', type: 'external-service', props: { publicContent: true } };
    expect(rating(webAgent('self-hosted', paid), 'denial-of-wallet', 'agent')).not.toBe('none');
    expect(rating(webAgent('self-hosted', pages), 'denial-of-wallet', 'agent')).toBe('none');
  });

  it('does not borrow the model of the agent it reports to', () => {
    const doc = webAgent('self-hosted');
    doc.components.push(
      component('boss', 'agent', { autonomy: 'autonomous' }, 'corp'),
      component('frontier', 'llm', { hosting: 'provider-api' }, 'corp'),
    );
    doc.dataFlows.push(
      flow('agent', 'boss', { data: ['model-output'], kind: 'response' }),
      flow('boss', 'frontier', { data: ['prompts'], kind: 'message' }),
    );
    expect(rating(doc, 'denial-of-wallet', 'agent')).toBe('none');
    expect(rating(doc, 'denial-of-wallet', 'boss')).not.toBe('none');
  });
});

/** An agent querying a store through one tool whose access and credentials vary. */
function storeBehindTool(access: string, credentials: string) {
  return model({
    trustBoundaries: [boundary('corp', 'internal')],
    components: [
      component('staff', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp'),
      component('agent', 'agent', { autonomy: 'autonomous' }, 'corp'),
      component('llm', 'llm', { hosting: 'self-hosted' }, 'corp'),
      component('tool', 'agent-tool', { access, credentials, humanApproval: false }, 'corp'),
      component('db', 'data-store', { encryptedAtRest: true }, 'corp'),
    ],
    dataFlows: [
      flow('staff', 'agent', { data: ['prompts'], kind: 'message' }),
      flow('agent', 'llm', { data: ['prompts'], kind: 'message' }),
      flow('llm', 'agent', { data: ['model-output', 'tool-call'], kind: 'response' }),
      flow('agent', 'tool', { data: ['tool-call'], kind: 'invoke' }),
      flow('tool', 'db', { data: ['tool-call'], kind: 'query' }),
      flow('db', 'tool', { data: ['retrieved-content'], kind: 'response' }),
    ],
  });
}

describe('model-written queries into a data store', () => {
  it('are not executed output when the tool can only read', () => {
    expect(rating(storeBehindTool('read', 'service-account'), 'improper-output-handling', 'db')).toBe('none');
    expect(rating(storeBehindTool('read', 'delegated-user'), 'improper-output-handling', 'db')).toBe('none');
  });

  it('are, through a tool that can write, less severe with the user’s delegated rights', () => {
    expect(rating(storeBehindTool('write', 'service-account'), 'improper-output-handling', 'db')).toBe(
      'medium/high',
    );
    expect(rating(storeBehindTool('write', 'delegated-user'), 'improper-output-handling', 'db')).toBe(
      'medium/medium',
    );
  });
});

describe('sensitive output disclosure in a multi-agent system', () => {
  it('lands on the agent that answers people, not on the sub-agent reporting to it', () => {
    const doc = model({
      trustBoundaries: [boundary('corp', 'internal')],
      components: [
        component('staff', 'user', { trust: 'authenticated', affiliation: 'workforce' }, 'corp'),
        component('boss', 'agent', { autonomy: 'autonomous' }, 'corp'),
        component('memory', 'memory-store', { persistent: true }, 'corp'),
        component('sub', 'agent', { autonomy: 'autonomous' }, 'corp'),
      ],
      dataFlows: [
        flow('staff', 'boss', { data: ['prompts'], kind: 'message' }),
        flow('boss', 'staff', { data: ['model-output'], kind: 'response' }),
        flow('memory', 'boss', { data: ['retrieved-content'], kind: 'response' }),
        flow('boss', 'sub', { data: ['prompts', 'retrieved-content'], kind: 'message' }),
        flow('sub', 'boss', { data: ['model-output'], kind: 'response' }),
      ],
    });
    expect(rating(doc, 'sensitive-output-disclosure', 'boss')).not.toBe('none');
    expect(rating(doc, 'sensitive-output-disclosure', 'sub')).toBe('none');
  });
});
