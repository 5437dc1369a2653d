import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parseDocument, type Library, type ThreatModelDocument } from '../../../src/core/index';
import { ruleLibrary } from '../../support/libraryBuilders';

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures');

export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function fixture(path: string): unknown {
  return JSON.parse(fixtureText(path)) as unknown;
}

/** A library with the shipped catalogue and one rule per kind of target, so that every element has a finding. */
export function interopLibrary(): Library {
  return ruleLibrary([
    { id: 'rule.on-models', threat: 'threat.test', target: 'component', types: ['llm', 'inference-api'] },
    { id: 'rule.on-flows', threat: 'threat.test', target: 'dataFlow' },
    { id: 'rule.on-boundaries', threat: 'threat.test', target: 'trustBoundary' },
    { id: 'rule.on-model', threat: 'threat.test', target: 'model' },
  ]);
}

/**
 * A model with everything a round trip must keep: nested boundaries (three levels), components
 * with and without positions and properties, flows with properties, triage (on components,
 * flows, boundaries, the model, and orphaned), and user threats (placed, model-level, unplaced).
 */
export function richModel(library: Library): ThreatModelDocument {
  const raw = {
    format: 'ai-threat-model',
    schemaVersion: 1,
    meta: { title: 'Support chatbot', description: 'RAG chatbot', owner: 'Platform team', version: '1.2' },
    trustBoundaries: [
      { id: 'tb-internet', label: 'Internet', zone: 'internet' },
      {
        id: 'tb-cloud',
        label: 'Cloud VPC',
        zone: 'internal',
        parentId: null,
        description: 'Production account',
      },
      { id: 'tb-ml', label: 'ML enclave', zone: 'restricted', parentId: 'tb-cloud' },
      { id: 'tb-secrets', label: 'Secrets', zone: 'restricted', parentId: 'tb-ml' },
      { id: 'tb-vendor', label: 'Vendor', zone: 'third-party' },
    ],
    components: [
      {
        id: 'c-user',
        type: 'user',
        label: 'Customer',
        boundaryId: 'tb-internet',
        props: { trust: 'anonymous' },
      },
      {
        id: 'c-api',
        type: 'inference-api',
        label: 'Chat API',
        boundaryId: 'tb-cloud',
        props: { exposure: 'internet', authenticated: false, rateLimited: true },
      },
      {
        id: 'c-app',
        type: 'llm-app',
        label: 'Orchestrator',
        boundaryId: 'tb-cloud',
        description: 'Builds prompts',
      },
      {
        id: 'c-llm',
        type: 'llm',
        label: 'Model',
        boundaryId: 'tb-ml',
        props: { hosting: 'self-hosted', hasSystemPrompt: true },
      },
      {
        id: 'c-vec',
        type: 'vector-store',
        label: 'Vector index',
        boundaryId: 'tb-ml',
        props: { accessControlled: true },
      },
      {
        id: 'c-db',
        type: 'data-store',
        label: 'Customer DB',
        boundaryId: 'tb-secrets',
        props: { personalData: true, encryptedAtRest: true },
      },
      { id: 'c-vendor', type: 'external-service', label: 'Ticketing SaaS', boundaryId: 'tb-vendor' },
      { id: 'c-ops', type: 'monitoring', label: 'Logs', props: { logsPrompts: true } },
    ],
    dataFlows: [
      {
        id: 'f-ask',
        sourceId: 'c-user',
        targetId: 'c-api',
        label: 'questions',
        props: { encrypted: true, protocol: 'HTTPS', data: ['prompts', 'personal-data'] },
      },
      { id: 'f-prompt', sourceId: 'c-api', targetId: 'c-app', label: 'prompt' },
      {
        id: 'f-infer',
        sourceId: 'c-app',
        targetId: 'c-llm',
        label: 'completion',
        props: { authenticated: true, data: ['prompts', 'model-output'] },
      },
      {
        id: 'f-retrieve',
        sourceId: 'c-vec',
        targetId: 'c-app',
        label: 'context',
        props: { data: ['retrieved-content'], crossesBoundary: true },
      },
      { id: 'f-lookup', sourceId: 'c-app', targetId: 'c-db', label: 'lookup', description: 'Order status' },
      {
        id: 'f-ticket',
        sourceId: 'c-app',
        targetId: 'c-vendor',
        label: 'tickets',
        props: { encrypted: false },
      },
      { id: 'f-log', sourceId: 'c-app', targetId: 'c-ops', label: '', props: { data: ['telemetry'] } },
    ],
    triage: {
      'rule.on-models@c-llm': {
        status: 'accepted',
        owner: 'Ana',
        note: 'Vendor contract covers it',
        mitigations: { 'mitigation.test': 'planned' },
      },
      'rule.on-flows@f-ask': { status: 'mitigated' },
      'rule.on-boundaries@tb-ml': { status: 'not-applicable', note: 'n/a' },
      'rule.on-model@model': { status: 'accepted', owner: 'CISO' },
      'rule.removed@c-gone': { status: 'accepted', note: 'orphaned on purpose' },
    },
    userThreats: [
      {
        id: 'ut-jailbreak',
        targetId: 'c-llm',
        title: 'Jailbreak through role play',
        description: 'Seen in red-team',
        severity: 'high',
        status: 'open',
        owner: 'Ben',
        mitigations: [{ title: 'Output guardrail', state: 'planned' }],
      },
      {
        id: 'ut-org',
        targetId: 'model',
        title: 'No AI incident playbook',
        severity: 'medium',
        status: 'open',
      },
      {
        id: 'ut-unplaced',
        targetId: null,
        title: 'Imported threat',
        severity: 'low',
        status: 'accepted',
        source: 'threat-composer',
      },
    ],
  };
  const parsed = parseDocument(raw, { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.value;
}

/** The same model with positions on some components and geometry on one boundary. */
export function positionedModel(library: Library): ThreatModelDocument {
  const doc = richModel(library);
  return {
    ...doc,
    components: doc.components.map((c, i) =>
      i % 2 === 0 ? { ...c, position: { x: 100 + 200 * i, y: 50 } } : c,
    ),
    trustBoundaries: doc.trustBoundaries.map((b) =>
      b.id === 'tb-vendor' ? { ...b, position: { x: 2000, y: 0 }, size: { width: 400, height: 300 } } : b,
    ),
  };
}

export function findingsOf(doc: ThreatModelDocument, library: Library) {
  return evaluate(doc, library);
}

/**
 * A model using what issue 11 added to the format and catalogue: the identity-provider, edge-device
 * and code-interpreter types with their properties, the new properties of older types, the new
 * data categories, and flows with a `kind` and `local`.
 */
export function agenticEdgeModel(library: Library): ThreatModelDocument {
  const raw = {
    format: 'ai-threat-model',
    schemaVersion: 1,
    meta: { title: 'Field agent' },
    trustBoundaries: [{ id: 'tb-site', label: 'Site', zone: 'internal' }],
    components: [
      {
        id: 'c-staff',
        type: 'user',
        label: 'Engineer',
        props: { trust: 'authenticated', affiliation: 'workforce' },
      },
      { id: 'c-idp', type: 'identity-provider', label: 'Entra ID', boundaryId: 'tb-site' },
      {
        id: 'c-cam',
        type: 'edge-device',
        label: 'Camera',
        props: { physicalAccess: 'public', weightsProtected: true },
      },
      { id: 'c-agent', type: 'agent', label: 'Agent', boundaryId: 'tb-site' },
      {
        id: 'c-code',
        type: 'code-interpreter',
        label: 'Sandbox',
        boundaryId: 'tb-site',
        props: { sandboxed: true, networkEgress: 'none' },
      },
      {
        id: 'c-tool',
        type: 'agent-tool',
        label: 'Ticket tool',
        props: {
          credentials: 'delegated-user',
          provenance: 'community',
          transport: 'stdio',
          pinned: true,
          networkEgress: 'allow-list',
        },
      },
      {
        id: 'c-mem',
        type: 'memory-store',
        label: 'Memory',
        props: { sharedAcrossUsers: true, retention: 'limited' },
      },
      { id: 'c-web', type: 'external-service', label: 'Search', props: { publicContent: true } },
    ],
    dataFlows: [
      {
        id: 'f-token',
        sourceId: 'c-idp',
        targetId: 'c-agent',
        label: 'on-behalf-of token',
        props: { encrypted: true, data: ['identity-token'], kind: 'response' },
      },
      {
        id: 'f-ask',
        sourceId: 'c-staff',
        targetId: 'c-agent',
        label: 'task',
        props: { kind: 'message', data: ['prompts', 'confidential'] },
      },
      {
        id: 'f-run',
        sourceId: 'c-agent',
        targetId: 'c-code',
        label: 'code',
        props: { kind: 'invoke', local: true, data: ['source-code'] },
      },
      { id: 'f-call', sourceId: 'c-agent', targetId: 'c-tool', label: 'call', props: { kind: 'invoke' } },
      { id: 'f-recall', sourceId: 'c-agent', targetId: 'c-mem', label: 'recall', props: { kind: 'query' } },
      { id: 'f-save', sourceId: 'c-agent', targetId: 'c-mem', label: 'save', props: { kind: 'write' } },
      { id: 'f-search', sourceId: 'c-agent', targetId: 'c-web', label: 'search', props: { kind: 'query' } },
      {
        id: 'f-ota',
        sourceId: 'c-agent',
        targetId: 'c-cam',
        label: 'model update',
        props: { kind: 'update', data: ['model-artifact', 'system-prompt'] },
      },
    ],
    triage: {},
    userThreats: [],
  };
  const parsed = parseDocument(raw, { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.value;
}
