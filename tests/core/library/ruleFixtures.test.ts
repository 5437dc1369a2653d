import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  MODEL_TARGET_ID,
  parseDocumentText,
  shippedLibrary,
  type Finding,
} from '../../../src/core/index';

/**
 * Every shipped rule fires on at least one fixture and stays silent on at least one negative
 * fixture. Fixtures are the four examples (examples/) or small focused models in
 * tests/fixtures/rule-cases/. A case names a fixture and, usually, the target: a positive case
 * must produce a finding of the rule on that target; a negative case must produce none on that
 * target (or none anywhere in the fixture when no target is given).
 *
 * Adding a rule? Add a row here — the last test fails until you do.
 */
type Case = readonly [fixture: string, target?: string];
interface RuleCases {
  positive: Case;
  negative: readonly Case[];
}

const RAG = 'public-rag-chatbot';
const AGENT = 'agent-with-tools';
const FT = 'fine-tuning-pipeline';
const ML = 'ml-scoring-service';
const MODEL = MODEL_TARGET_ID;
const ENGINEERS = 'engineers-research-agent';
const PUBLIC_APP = 'public-app-with-interpreter';
const EDGE = 'edge-camera-fleet';
const TOOL = 'ai-threat-modeller';
const DESK = 'multi-agent-support-desk';
const DESK_GUARDED = 'multi-agent-support-desk-guarded';
const MCP = 'developer-mcp-servers';
const CLAIMS = 'multimodal-claims';
const TENANT_FT = 'tenant-fine-tuning-platform';
const FIELD = 'field-perception-and-scoring';
const RELAYED = 'relayed-applicant-scoring';
const LABELLING = 'image-labelling-platform';
const SELF_HOSTED = 'public-self-hosted-chat';

const RULE_CASES: Record<string, RuleCases> = {
  // data and training
  'rule.training-data-poisoning.untrusted-sources': {
    positive: [FT, 'c-training'],
    negative: [
      [ML, 'c-training'],
      ['offline-training-pipeline', 'c-train'],
      // Tenants fine-tune on their own data: a tenant who poisons it harms only its own model.
      [TENANT_FT, 'c-tenant-ft'],
      // Untrusted scenes reach the federated aggregator only as the cameras' weight updates,
      // which federated-update-poisoning covers.
      ['edge-vision-federated', 'c-aggregator'],
    ],
  },
  'rule.feedback-loop-poisoning.learns-from-feedback': {
    positive: [FT, 'c-training'],
    negative: [[ML, 'c-training']],
  },
  'rule.unauthorised-training-data.dataset-store': {
    positive: [ML, 'c-dataset'],
    negative: [['offline-training-pipeline', 'c-dataset']],
  },
  'rule.unprotected-personal-data-at-rest.store': {
    positive: [ML, 'c-decisions'],
    negative: [
      [FT, 'c-dataset'],
      [RAG, 'c-chat-history'],
    ],
  },
  // models and supply chain
  'rule.poisoned-pretrained-model.external-source': {
    positive: [FT, 'c-base-model'],
    negative: [['offline-training-pipeline', 'c-base']],
  },
  'rule.malicious-serialised-model.unverified-pickle': {
    positive: [FT, 'c-base-model'],
    negative: [
      ['offline-training-pipeline', 'c-base'],
      [EDGE, 'c-base'],
    ],
  },
  'rule.malicious-serialised-model.unverified-code-capable-format': {
    positive: [EDGE, 'c-base'],
    negative: [
      [EDGE, 'c-onnx'],
      [FT, 'c-base-model'],
      ['offline-training-pipeline', 'c-base'],
    ],
  },
  'rule.model-artefact-tampering.registry': {
    positive: [FT, 'c-registry'],
    negative: [[RAG]],
  },
  'rule.tampered-release.release-pipeline': {
    positive: ['exposed-ml-platform', 'c-release'],
    negative: [['offline-training-pipeline']],
  },
  'rule.model-weight-theft.open-registry': {
    positive: ['exposed-ml-platform', 'c-registry'],
    negative: [
      [ML, 'c-registry'],
      [FT, 'c-registry'],
    ],
  },
  'rule.model-weight-theft.edge-device': {
    positive: [EDGE, 'c-camera'],
    negative: [[EDGE, 'c-site-camera']],
  },
  'rule.model-extraction.scores-api': {
    positive: [ML, 'c-scoring-api'],
    negative: [[FT, 'c-inference']],
  },
  'rule.membership-inference.scores-api': {
    positive: [ML, 'c-scoring-api'],
    negative: [[FT, 'c-inference']],
  },
  'rule.model-inversion.exposed-trained-model': {
    positive: [FT, 'c-inference'],
    negative: [
      [RAG, 'c-llm'],
      [RELAYED, 'c-scoring'],
    ],
  },
  'rule.adversarial-evasion.exposed-predictive-api': {
    positive: [ML, 'c-scoring-api'],
    negative: [
      [FT, 'c-inference'],
      [RELAYED, 'c-scoring'],
    ],
  },
  'rule.third-party-model-provider.hosted-llm': {
    positive: [RAG, 'c-llm'],
    negative: [['internal-assistant', 'c-llm']],
  },
  'rule.unvetted-model-update.no-evaluation': {
    positive: [ML, 'c-scoring-api'],
    negative: [[FT, 'c-inference']],
  },
  'rule.unvetted-model-update.no-adversarial-testing': {
    positive: ['offline-training-pipeline', 'c-eval'],
    negative: [[FT, 'c-evaluation']],
  },
  // fine-tuning, adapters, distillation, serving hosts, the physical world and federated learning
  'rule.alignment-removal-fine-tuning.influenced-data': {
    positive: [FT, 'c-training'],
    negative: [
      [ML, 'c-training'],
      ['offline-training-pipeline', 'c-train'],
      [TENANT_FT, 'c-tenant-ft'],
    ],
  },
  'rule.alignment-removal-fine-tuning.customer-jobs': {
    positive: [TENANT_FT, 'c-tenant-ft'],
    negative: [
      [FT, 'c-training'],
      [EDGE, 'c-aggregator'],
    ],
  },
  'rule.adapter-merge-conversion-supply-chain.hub-adapter-or-merge': {
    positive: [TENANT_FT, 'c-lora'],
    negative: [
      [FT, 'c-base-model'],
      [TENANT_FT, 'c-quantised'],
    ],
  },
  'rule.adapter-merge-conversion-supply-chain.unverified-conversion': {
    positive: [TENANT_FT, 'c-quantised'],
    negative: [
      [TENANT_FT, 'c-converted-ok'],
      [FT, 'c-base-model'],
    ],
  },
  'rule.distillation-from-outputs.open-text-api': {
    positive: [FT, 'c-inference'],
    negative: [
      [ML, 'c-scoring-api'],
      [RAG, 'c-llm'],
      ['internal-assistant', 'c-llm'],
      [PUBLIC_APP, 'c-gateway'],
    ],
  },
  'rule.serving-host-weight-extraction.exposed-host': {
    positive: [ML, 'c-scoring-api'],
    negative: [
      [PUBLIC_APP, 'c-llm'],
      [PUBLIC_APP, 'c-gateway'],
      ['internal-assistant', 'c-llm'],
      [RAG, 'c-llm'],
      [EDGE, 'c-camera'],
    ],
  },
  'rule.physical-world-evasion.field-sensor': {
    positive: [FIELD, 'c-road-camera'],
    negative: [
      [FIELD, 'c-kiosk'],
      [EDGE, 'c-camera'],
    ],
  },
  'rule.federated-update-poisoning.client-updates': {
    positive: [EDGE, 'c-aggregator'],
    negative: [
      [FT, 'c-training'],
      [ML, 'c-training'],
    ],
  },
  'rule.gradient-inversion.individual-updates': {
    positive: [EDGE, 'c-aggregator'],
    negative: [
      [FT, 'c-training'],
      [ML, 'c-training'],
    ],
  },
  'rule.input-controlled-evasion.subject-supplied-features': {
    positive: [FIELD, 'c-credit-model'],
    negative: [
      [FIELD, 'c-internal-risk'],
      [FIELD, 'c-fraud-exposed'],
      [ML, 'c-scoring-api'],
    ],
  },
  // LLM applications
  'rule.direct-prompt-injection.user-facing-model': {
    positive: [RAG, 'c-llm'],
    negative: [
      [RAG, 'c-chat-app'],
      [ML, 'c-scoring-api'],
      // Only employees prompt it, and no tool lends them a shared account's rights.
      [ENGINEERS, 'c-llm'],
      ['internal-assistant', 'c-llm'],
      // The gateway in front of the model is not where prompts enter its context.
      [PUBLIC_APP, 'c-gateway'],
    ],
  },
  'rule.indirect-prompt-injection.untrusted-content': {
    positive: [AGENT, 'c-llm'],
    negative: [
      ['internal-docs-rag', 'c-llm'],
      [FT, 'c-inference'],
      [RAG, 'c-chat-app'],
      // Visitors only query the warehouse; nothing they send is stored and read back.
      [PUBLIC_APP, 'c-llm'],
    ],
  },
  'rule.jailbreak.public-users': {
    positive: [RAG, 'c-llm'],
    negative: [
      [AGENT, 'c-llm'],
      // Fetched web pages are content, not the public chatting with the model.
      [ENGINEERS, 'c-llm'],
      [PUBLIC_APP, 'c-gateway'],
    ],
  },
  'rule.system-prompt-leakage.prompted-model': {
    positive: [RAG, 'c-llm'],
    negative: [['internal-assistant', 'c-llm']],
  },
  'rule.sensitive-output-disclosure.retrieving-assistant': {
    positive: [AGENT, 'c-agent'],
    negative: [
      ['internal-assistant', 'c-app'],
      // A sub-agent reporting to the orchestrator: the orchestrator answers people and gets it.
      ['multi-agent-research-assistant', 'c-web-agent'],
    ],
  },
  'rule.improper-output-handling.unsanitised-app': {
    positive: [RAG, 'c-chat-app'],
    negative: [
      ['internal-docs-rag', 'c-app'],
      [PUBLIC_APP, 'c-app'],
    ],
  },
  'rule.improper-output-handling.model-output-executed': {
    positive: [ENGINEERS, 'c-shell'],
    negative: [
      // Written, not queried: storing transcripts does not run model output.
      [PUBLIC_APP, 'c-transcripts'],
      // An analyst reviews every script before it runs.
      [AGENT, 'c-code-exec'],
      ['supervised-agent', 'c-exec'],
      // Only searched through a read-only tool.
      ['multi-agent-research-assistant', 'c-docs'],
    ],
  },
  'rule.rag-poisoning.untrusted-ingestion': {
    positive: [RAG, 'c-vector-store'],
    negative: [['internal-docs-rag', 'c-index']],
  },
  'rule.embedding-inversion.unfiltered-index': {
    positive: ['internal-docs-rag', 'c-index'],
    negative: [[RAG, 'c-vector-store']],
  },
  'rule.hallucination-overreliance.acting-or-public': {
    positive: [RAG, 'c-chat-app'],
    negative: [
      ['internal-assistant', 'c-app'],
      ['supervised-agent', 'c-agent'],
    ],
  },
  'rule.sensitive-data-in-logs.prompt-logging': {
    positive: [RAG, 'c-monitoring'],
    negative: [[ML, 'c-monitoring']],
  },
  // agents
  'rule.excessive-agency.unapproved-tool': {
    positive: [AGENT, 'c-email'],
    negative: [
      [AGENT, 'c-code-exec'],
      [AGENT, 'c-crm-lookup'],
      ['supervised-agent', 'c-ticket'],
      // The supervised agent asks the analyst before every action.
      ['supervised-agent', 'c-crm-update'],
    ],
  },
  'rule.malicious-agent-tool.third-party-tool': {
    positive: [ENGINEERS, 'c-mcp'],
    negative: [
      [AGENT, 'c-email'],
      [ENGINEERS, 'c-tickets'],
    ],
  },
  'rule.memory-poisoning.persistent-memory': {
    positive: [AGENT, 'c-memory'],
    negative: [['supervised-agent', 'c-memory']],
  },
  'rule.inter-agent-prompt-injection.exposed-agent-messages': {
    positive: [DESK, 'c-billing'],
    negative: [
      // An injection guard sits between the research agent and the billing agent.
      [DESK_GUARDED, 'c-billing'],
      // Only customers' tasks reach it through the front desk, and its own tool loop is not another agent.
      [DESK, 'c-research'],
      [DESK, 'c-front'],
      [AGENT],
    ],
  },
  'rule.confused-deputy.shared-service-account-tool': {
    positive: [DESK, 'c-billing'],
    negative: [
      // The refund tool acts with the customer's delegated identity.
      [DESK_GUARDED, 'c-billing'],
      // Its only tool reads, with no credentials.
      [DESK, 'c-research'],
      // Prompted only by employees, and its tools' service account is only the catalogue default.
      [AGENT, 'c-agent'],
    ],
  },
  'rule.mcp-launch-config-injection.stdio-server': {
    positive: [MCP, 'c-fs'],
    negative: [
      // Pinned vendor server; remote server; first-party server launched from an admin-only configuration.
      [MCP, 'c-vendor'],
      [MCP, 'c-remote'],
      [MCP, 'c-build'],
    ],
  },
  'rule.multimodal-prompt-injection.untrusted-media': {
    positive: [CLAIMS, 'c-vision'],
    negative: [
      // Multimodal, but it reads only internal scans for employees.
      [CLAIMS, 'c-archive-llm'],
      // Text only.
      [CLAIMS, 'c-text-llm'],
      [RAG, 'c-llm'],
    ],
  },
  // infrastructure
  'rule.model-denial-of-service.unlimited-endpoint': {
    positive: [ML, 'c-scoring-api'],
    negative: [[FT, 'c-inference']],
  },
  'rule.denial-of-wallet.public-provider-model': {
    positive: [RAG, 'c-llm'],
    negative: [
      [AGENT, 'c-llm'],
      // Driven only by engineers and the pages they fetch.
      [ENGINEERS, 'c-llm'],
    ],
  },
  'rule.denial-of-wallet.autonomous-agent': {
    positive: [AGENT, 'c-agent'],
    negative: [
      ['supervised-agent', 'c-agent'],
      // Its only model is self-hosted: no per-token bill.
      ['multi-agent-research-assistant', 'c-web-agent'],
    ],
  },
  'rule.unauthenticated-internet-endpoint.inference-api': {
    positive: ['exposed-ml-platform', 'c-api'],
    negative: [
      [ML, 'c-scoring-api'],
      [FT, 'c-inference'],
    ],
  },
  // data flows
  'rule.credential-exposure.credentials-into-model-context': {
    positive: [AGENT, 'f-config'],
    negative: [
      ['internal-assistant', 'f-login'],
      // A token from the identity provider goes to the agent runtime, not into a prompt.
      [ENGINEERS, 'f-token'],
    ],
  },
  'rule.sensitive-data-to-external-provider.personal-data-egress': {
    positive: [RAG, 'f-filtered-prompt'],
    negative: [['internal-assistant', 'f-prompt']],
  },
  'rule.sensitive-data-to-external-provider.confidential-egress': {
    positive: [ENGINEERS, 'f-prompt'],
    negative: [
      [AGENT, 'f-plan-prompt'],
      [RAG, 'f-filtered-prompt'],
    ],
  },
  'rule.unencrypted-flow.crosses-boundary': {
    positive: [RAG, 'f-kb-export'],
    negative: [
      [RAG, 'f-guard-events'],
      // Keyboard input and a file download never leave the machine.
      [TOOL, 'f-draw'],
      [TOOL, 'f-md-report'],
    ],
  },
  'rule.unauthenticated-flow.crosses-boundary': {
    positive: [ML, 'f-metrics'],
    negative: [
      [RAG, 'f-crawl'],
      [RAG, 'f-question'],
      [FT, 'f-base-weights'],
      // Requests to public web sites, and local flows.
      [ENGINEERS, 'f-get'],
      [ENGINEERS, 'f-page'],
      [TOOL, 'f-draw'],
    ],
  },
  'rule.ai-traffic-tampering.unauthenticated-tool-or-artefact-link': {
    positive: [FT, 'f-base-weights'],
    negative: [[AGENT]],
  },
  // trust boundaries
  'rule.exposed-ml-infrastructure.exposed-boundary': {
    positive: ['exposed-ml-platform', 'tb-lab'],
    negative: [[FT, 'tb-training']],
  },
  // model level
  'rule.compromised-ml-dependency.ai-stack': {
    positive: [RAG, MODEL],
    // The threat modeller has a data pipeline (its import gate) but no ML software.
    negative: [['non-ai-web-app'], ['empty'], [TOOL]],
  },
  'rule.ai-threat-unawareness.ai-system': {
    positive: [AGENT, MODEL],
    negative: [['non-ai-web-app'], ['empty']],
  },
  'rule.stale-threat-model.ai-system': {
    positive: [ML, MODEL],
    negative: [['non-ai-web-app'], ['empty']],
  },
  'rule.unprepared-ai-incident-response.production-ai': {
    // A fleet of on-device models is production AI too, not only LLMs, agents and endpoints.
    positive: [EDGE, MODEL],
    negative: [['offline-training-pipeline'], ['empty']],
  },
  'rule.unmanaged-ai-technical-debt.fast-moving-stack': {
    positive: [FT, MODEL],
    negative: [[RAG], ['empty']],
  },
  'rule.no-vulnerability-disclosure.public-ai': {
    // A kiosk on an internal network that no one prompts still faces the public: anyone can walk up
    // to it. (Public prompters are asserted by the expert cases.) Internal agents that only fetch
    // from the internet zone do not face the public.
    positive: ['shop-floor-kiosk', MODEL],
    negative: [[AGENT], [ENGINEERS], [MCP], ['empty']],
  },
  // operations: insiders, monitoring, rollback, unbounded consumption
  'rule.insider-training-data-poisoning.unreviewed-dataset': {
    positive: [ML, 'c-dataset'],
    // A test set read only by the evaluation, never by training.
    negative: [[LABELLING, 'c-holdout']],
  },
  'rule.insider-artefact-exfiltration.registry': {
    positive: [LABELLING, 'c-registry'],
    // An open registry: weight theft by anyone already covers insiders.
    negative: [['exposed-ml-platform', 'c-registry']],
  },
  'rule.insider-artefact-exfiltration.sensitive-dataset': {
    positive: [FT, 'c-dataset'],
    negative: [
      // Personal data without access control: the personal-data-at-rest finding covers every reader.
      [ML, 'c-dataset'],
      // Nothing personal or confidential in it.
      ['offline-training-pipeline', 'c-dataset'],
    ],
  },
  'rule.insider-log-access.readable-prompt-logs': {
    positive: [RAG, 'c-monitoring'],
    negative: [
      [ML, 'c-monitoring'],
      ['internal-assistant', 'c-logs'],
    ],
  },
  'rule.no-security-monitoring.no-monitoring': {
    positive: [FT, MODEL],
    // Monitored AI components, a tool with no AI in it, and no model at all.
    negative: [[RAG], [LABELLING], [TOOL], ['non-ai-web-app'], ['empty']],
  },
  'rule.no-security-monitoring.no-alerting': {
    positive: [LABELLING, 'c-metrics'],
    negative: [
      [RAG, 'c-monitoring'],
      // The CI log alerts, and records no AI component.
      [TOOL, 'c-ci-log'],
    ],
  },
  'rule.unversioned-data-no-rollback.unversioned-dataset': {
    positive: [LABELLING, 'c-labels'],
    negative: [
      [FT, 'c-dataset'],
      [LABELLING, 'c-holdout'],
    ],
  },
  'rule.unversioned-data-no-rollback.training-without-snapshot': {
    positive: ['exposed-ml-platform', 'c-train'],
    negative: [
      [FT, 'c-training'],
      // Federated: clients keep their data, there is no central source to snapshot.
      [EDGE, 'c-aggregator'],
    ],
  },
  'rule.unbounded-consumption.public-self-hosted-model': {
    positive: [SELF_HOSTED, 'c-llm'],
    negative: [
      // The public reaches it only through a rate-limited gateway.
      [PUBLIC_APP, 'c-llm'],
      // Staff only.
      ['internal-assistant', 'c-llm'],
      // Provider-hosted: denial of wallet, not this.
      [RAG, 'c-llm'],
    ],
  },
  'rule.unbounded-consumption.public-app-without-limits': {
    positive: [SELF_HOSTED, 'c-widget'],
    negative: [
      [SELF_HOSTED, 'c-portal'],
      // The model is drawn behind the app: the finding belongs to the model.
      [SELF_HOSTED, 'c-chat'],
      [RAG, 'c-chat-app'],
    ],
  },
};

const library = shippedLibrary();
const cache = new Map<string, Finding[]>();

/** Findings of a fixture: an example by name, else a file in tests/fixtures/rule-cases/. */
function findingsOf(name: string): Finding[] {
  const hit = cache.get(name);
  if (hit) return hit;
  const path = existsSync(`examples/${name}.aitm.json`)
    ? `examples/${name}.aitm.json`
    : `tests/fixtures/rule-cases/${name}.aitm.json`;
  const parsed = parseDocumentText(readFileSync(path, 'utf8'), { catalogue: library.catalogue });
  if (!parsed.ok)
    throw new Error(`${path}: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const findings = evaluate(parsed.value, library);
  cache.set(name, findings);
  return findings;
}

const describeCase = ([fixture, target]: Case) => `${fixture}${target ? `@${target}` : ''}`;

describe('rule fixtures', () => {
  it('has a row for every shipped rule, and no row for a rule that does not exist', () => {
    const ids = library.rules.map((r) => r.id).sort();
    expect(Object.keys(RULE_CASES).sort()).toEqual(ids);
  });

  describe.each(Object.entries(RULE_CASES))('%s', (ruleId, cases) => {
    it(`fires on ${describeCase(cases.positive)}`, () => {
      const [fixture, target] = cases.positive;
      const hits = findingsOf(fixture).filter(
        (f) => f.ruleId === ruleId && (!target || f.targetId === target),
      );
      expect(hits.length, `${ruleId} on ${describeCase(cases.positive)}`).toBeGreaterThan(0);
      for (const f of hits) expect(f.why.length).toBeGreaterThan(20);
    });

    it(`stays silent on ${cases.negative.map(describeCase).join(', ')}`, () => {
      expect(cases.negative.length).toBeGreaterThan(0);
      for (const negative of cases.negative) {
        const [fixture, target] = negative;
        const hits = findingsOf(fixture).filter(
          (f) => f.ruleId === ruleId && (!target || f.targetId === target),
        );
        expect(
          hits.map((f) => f.key),
          `${ruleId} must not fire on ${describeCase(negative)}`,
        ).toEqual([]);
      }
    });
  });

  it('raises nothing at all on an empty model or a model without AI components', () => {
    expect(findingsOf('empty')).toEqual([]);
    expect(findingsOf('non-ai-web-app').filter((f) => f.targetKind === 'model')).toEqual([]);
  });

  it('every negative target exists in its fixture, so a renamed component cannot pass silently', () => {
    for (const cases of Object.values(RULE_CASES))
      for (const [fixture, target] of [cases.positive, ...cases.negative]) {
        if (!target || target === MODEL) continue;
        const path = existsSync(`examples/${fixture}.aitm.json`)
          ? `examples/${fixture}.aitm.json`
          : `tests/fixtures/rule-cases/${fixture}.aitm.json`;
        const doc = JSON.parse(readFileSync(path, 'utf8')) as {
          components: { id: string }[];
          dataFlows: { id: string }[];
          trustBoundaries: { id: string }[];
        };
        const ids = [...doc.components, ...doc.dataFlows, ...doc.trustBoundaries].map((x) => x.id);
        expect(ids, `${fixture} has ${target}`).toContain(target);
      }
  });
});
