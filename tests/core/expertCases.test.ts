import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  parseDocumentText,
  shippedLibrary,
  type Finding,
  type FindingStatus,
  type Severity,
} from '../../src/core/index';

/**
 * Expert review of the four example models: the findings a security reviewer expects (target →
 * threat, with severity and status), the findings that must NOT appear because the design rules
 * them out, and a sane band for the number of findings. A missing or an unexpected finding fails,
 * so any change to the library that moves these results has to be reviewed here.
 */
type Expected = readonly [target: string, threat: string, severity: Severity, status?: FindingStatus];
type Absent = readonly [target: string, threat: string, why: string];

interface ExpertCase {
  expected: readonly Expected[];
  absent: readonly Absent[];
  /** Findings whose severity was lowered or that were marked mitigated by a secure property. */
  byDesign: readonly (readonly [target: string, threat: string])[];
  band: readonly [min: number, max: number];
}

const CASES: Record<string, ExpertCase> = {
  'public-rag-chatbot': {
    expected: [
      ['c-llm', 'direct-prompt-injection', 'medium'],
      ['c-llm', 'indirect-prompt-injection', 'medium'],
      ['c-llm', 'jailbreak', 'medium'],
      ['c-llm', 'system-prompt-leakage', 'medium'],
      ['c-llm', 'denial-of-wallet', 'high'],
      ['c-llm', 'third-party-model-provider', 'medium', 'accepted'],
      ['c-chat-app', 'improper-output-handling', 'critical'],
      ['c-chat-app', 'sensitive-output-disclosure', 'high'],
      ['c-chat-app', 'hallucination-overreliance', 'medium'],
      ['c-vector-store', 'rag-poisoning', 'high'],
      ['c-monitoring', 'sensitive-data-in-logs', 'high'],
      // The same full-prompt logs, read by staff: linked to the finding above by their root cause.
      ['c-monitoring', 'insider-log-access', 'medium'],
      ['f-filtered-prompt', 'sensitive-data-to-external-provider', 'medium', 'mitigated'],
      // Internal to internal, signed SMB, articles the chatbot publishes anyway: low.
      ['f-kb-export', 'unencrypted-boundary-flow', 'low'],
      ['model', 'compromised-ml-dependency', 'medium'],
      ['model', 'ai-threat-unawareness', 'medium'],
      ['model', 'stale-threat-model', 'medium'],
      ['model', 'unprepared-ai-incident-response', 'high'],
      ['model', 'no-vulnerability-disclosure', 'medium'],
    ],
    absent: [
      ['c-vector-store', 'embedding-inversion', 'retrieval is filtered by the caller’s permissions'],
      ['c-chat-history', 'unprotected-personal-data-at-rest', 'transcripts are encrypted at rest'],
      ['c-chat-app', 'direct-prompt-injection', 'the finding belongs to the model drawn behind the app'],
      ['c-chat-app', 'indirect-prompt-injection', 'the finding belongs to the model drawn behind the app'],
      ['f-question', 'unauthenticated-boundary-flow', 'anonymous visitors are the intended callers'],
      ['f-crawl', 'unauthenticated-boundary-flow', 'public web pages cannot authenticate'],
      ['f-guard-events', 'unencrypted-boundary-flow', 'the flow stays inside one boundary'],
      ['c-input-guard', 'jailbreak', 'a guardrail is not a model'],
      ['model', 'no-security-monitoring', 'the chat app feeds monitoring that alerts'],
      ['c-chat-app', 'unbounded-consumption', 'the model drawn behind the app carries the cost finding'],
      ['c-llm', 'unbounded-consumption', 'a provider-hosted model: denial of wallet, not capacity you run'],
    ],
    byDesign: [
      ['c-llm', 'direct-prompt-injection'],
      ['c-llm', 'indirect-prompt-injection'],
      ['c-llm', 'jailbreak'],
    ],
    band: [14, 24],
  },
  'agent-with-tools': {
    expected: [
      ['c-llm', 'indirect-prompt-injection', 'critical'],
      ['c-llm', 'direct-prompt-injection', 'high'],
      ['c-llm', 'system-prompt-leakage', 'medium'],
      ['c-llm', 'third-party-model-provider', 'medium'],
      ['c-email', 'excessive-agency', 'critical'],
      ['c-web-search', 'malicious-agent-tool', 'medium', 'accepted'],
      ['c-memory', 'memory-poisoning', 'high'],
      ['c-agent', 'sensitive-output-disclosure', 'high'],
      ['c-agent', 'hallucination-overreliance', 'medium'],
      ['c-agent', 'denial-of-wallet', 'medium'],
      ['c-monitoring', 'sensitive-data-in-logs', 'high', 'mitigated'],
      // Traces carry personal data; the model does not say who may read them.
      ['c-monitoring', 'insider-log-access', 'medium'],
      ['f-config', 'credential-exposure-via-model-context', 'critical'],
      ['f-plan-prompt', 'sensitive-data-to-external-provider', 'medium'],
      ['f-email-out', 'sensitive-data-to-external-provider', 'medium'],
      ['model', 'compromised-ml-dependency', 'medium'],
      ['model', 'ai-threat-unawareness', 'medium'],
      ['model', 'stale-threat-model', 'medium'],
      ['model', 'unprepared-ai-incident-response', 'medium'],
      ['model', 'unmanaged-ai-technical-debt', 'medium'],
    ],
    absent: [
      ['c-code-exec', 'excessive-agency', 'an analyst approves every script before it runs'],
      ['c-crm-lookup', 'excessive-agency', 'the tool can only read'],
      ['c-web-search', 'excessive-agency', 'the tool can only read'],
      ['c-email', 'malicious-agent-tool', 'an in-house tool that only sends to the relay'],
      ['c-llm', 'jailbreak', 'only signed-in staff talk to the agent'],
      ['c-llm', 'denial-of-wallet', 'only signed-in staff talk to the agent'],
      ['c-crm', 'unprotected-personal-data-at-rest', 'the CRM is encrypted at rest'],
      ['c-agent', 'indirect-prompt-injection', 'the finding belongs to the model the agent calls'],
      ['f-search-call', 'ai-traffic-tampering', 'tool links are mutually authenticated'],
      ['model', 'no-vulnerability-disclosure', 'nothing in the system faces the internet'],
      ['model', 'no-security-monitoring', 'agent traces feed monitoring that alerts'],
    ],
    byDesign: [],
    band: [14, 24],
  },
  'fine-tuning-pipeline': {
    expected: [
      ['c-training', 'training-data-poisoning', 'critical'],
      ['c-training', 'feedback-loop-poisoning', 'high'],
      ['c-base-model', 'malicious-serialised-model', 'critical'],
      ['c-base-model', 'poisoned-pretrained-model', 'high'],
      ['c-dataset', 'unauthorised-training-data', 'medium', 'mitigated'],
      ['c-registry', 'model-artefact-tampering', 'high', 'accepted'],
      ['c-deploy', 'tampered-release', 'high', 'mitigated'],
      ['c-inference', 'direct-prompt-injection', 'high'],
      ['c-inference', 'jailbreak', 'high'],
      ['c-inference', 'model-inversion', 'medium'],
      // Red-teaming after fine-tuning catches lost refusals; the finding stays as evidence.
      ['c-training', 'alignment-removal-fine-tuning', 'high', 'mitigated'],
      // Customers can harvest answers of the fine-tuned model, but quotas slow them: low.
      ['c-inference', 'distillation-from-outputs', 'low'],
      ['c-inference', 'serving-host-weight-extraction', 'medium'],
      ['f-base-weights', 'ai-traffic-tampering', 'medium'],
      // Access-controlled, but nobody reviews changes or watches downloads: low likelihood, high impact.
      ['c-dataset', 'insider-training-data-poisoning', 'medium'],
      ['c-dataset', 'insider-artefact-exfiltration', 'medium'],
      ['c-registry', 'insider-artefact-exfiltration', 'medium'],
      // Customers on the internet, and nothing watches the assistant.
      ['model', 'no-security-monitoring', 'high'],
      ['model', 'compromised-ml-dependency', 'medium'],
      ['model', 'ai-threat-unawareness', 'medium'],
      ['model', 'stale-threat-model', 'medium'],
      ['model', 'unprepared-ai-incident-response', 'high'],
      ['model', 'unmanaged-ai-technical-debt', 'medium'],
      ['model', 'no-vulnerability-disclosure', 'medium'],
    ],
    absent: [
      ['c-inference', 'model-extraction', 'the API returns text, not scores'],
      ['c-inference', 'membership-inference', 'the API returns text, not scores'],
      ['c-inference', 'model-denial-of-service', 'per-customer rate limits are enforced'],
      ['c-inference', 'unauthenticated-internet-endpoint', 'customers must sign in'],
      ['c-inference', 'unvetted-model-update', 'an adversarial evaluation gates promotion'],
      ['c-evaluation', 'unvetted-model-update', 'the evaluation includes adversarial testing'],
      ['c-inference', 'indirect-prompt-injection', 'no retrieved content reaches the model at run time'],
      ['c-inference', 'adversarial-evasion', 'a generative model, covered by prompt-injection findings'],
      ['c-dataset', 'unprotected-personal-data-at-rest', 'encrypted and access-controlled'],
      ['c-registry', 'model-weight-theft', 'the registry is access-controlled'],
      ['tb-training', 'exposed-ml-infrastructure', 'the training environment is restricted'],
      ['f-base-weights', 'unauthenticated-boundary-flow', 'raised once, as tampering of a model artefact'],
      ['f-crawl', 'unauthenticated-boundary-flow', 'public web pages cannot authenticate'],
      ['c-training', 'federated-update-poisoning', 'training is not federated'],
      ['c-training', 'gradient-inversion', 'training is not federated'],
      ['c-base-model', 'adapter-merge-conversion-supply-chain', 'a full model, neither merged nor converted'],
      ['c-inference', 'input-controlled-evasion', 'a generative model: users write prompts, not features'],
      ['c-dataset', 'unversioned-data-no-rollback', 'the dataset is versioned'],
      ['c-inference', 'unbounded-consumption', 'per-customer rate limits are enforced at the endpoint'],
    ],
    byDesign: [
      ['c-deploy', 'tampered-release'],
      ['c-inference', 'model-inversion'],
      ['c-training', 'alignment-removal-fine-tuning'],
      ['c-inference', 'distillation-from-outputs'],
      ['f-base-weights', 'ai-traffic-tampering'],
    ],
    // Raised from 23 when the supply-chain, insider and monitoring threats landed: every finding is listed above.
    band: [13, 26],
  },
  'ml-scoring-service': {
    expected: [
      // Partners authenticate and monitoring alerts on unusual query volumes: medium, not high.
      ['c-scoring-api', 'model-extraction', 'medium', 'accepted'],
      ['c-scoring-api', 'membership-inference', 'high'],
      ['c-scoring-api', 'model-inversion', 'high'],
      ['c-scoring-api', 'adversarial-evasion', 'high'],
      ['c-scoring-api', 'model-denial-of-service', 'medium'],
      ['c-scoring-api', 'unvetted-model-update', 'medium'],
      // The in-house credit model is served from a DMZ host partners reach over the internet.
      ['c-scoring-api', 'serving-host-weight-extraction', 'medium'],
      ['c-dataset', 'unprotected-personal-data-at-rest', 'high'],
      ['c-dataset', 'unauthorised-training-data', 'medium'],
      ['c-decisions', 'unprotected-personal-data-at-rest', 'high'],
      ['c-registry', 'model-artefact-tampering', 'high', 'mitigated'],
      // Anyone on the platform can change the features a credit model learns from.
      ['c-dataset', 'insider-training-data-poisoning', 'high'],
      ['c-registry', 'insider-artefact-exfiltration', 'medium'],
      // Forged metrics mislead a dashboard but change no data, model or decision: low.
      ['f-metrics', 'unauthenticated-boundary-flow', 'low', 'mitigated'],
      ['model', 'compromised-ml-dependency', 'medium'],
      ['model', 'ai-threat-unawareness', 'medium'],
      ['model', 'stale-threat-model', 'medium'],
      ['model', 'unprepared-ai-incident-response', 'high'],
      ['model', 'unmanaged-ai-technical-debt', 'medium'],
      ['model', 'no-vulnerability-disclosure', 'medium'],
    ],
    absent: [
      ['c-training', 'training-data-poisoning', 'partner data, validated by the feature pipeline'],
      ['c-training', 'feedback-loop-poisoning', 'no feedback reaches training'],
      ['c-scoring-api', 'unauthenticated-internet-endpoint', 'partners authenticate with API keys'],
      ['c-scoring-api', 'direct-prompt-injection', 'a predictive model takes no prompts'],
      ['c-scoring-api', 'jailbreak', 'a predictive model takes no prompts'],
      ['c-registry', 'model-weight-theft', 'the registry is access-controlled'],
      ['c-monitoring', 'sensitive-data-in-logs', 'monitoring keeps metrics, not inputs'],
      ['f-score-request', 'unauthenticated-boundary-flow', 'requests carry an API key'],
      [
        'c-scoring-api',
        'distillation-from-outputs',
        'the API returns scores: raised once, as model extraction',
      ],
      [
        'c-scoring-api',
        'input-controlled-evasion',
        'callers reach the API: raised once, as adversarial evasion',
      ],
      ['model', 'no-security-monitoring', 'the scoring API feeds monitoring that alerts'],
      ['c-monitoring', 'insider-log-access', 'monitoring keeps metrics, not inputs'],
      ['c-dataset', 'insider-artefact-exfiltration', 'open personal data: already a data-at-rest finding'],
      ['c-dataset', 'unversioned-data-no-rollback', 'the feature store is versioned'],
    ],
    byDesign: [
      ['c-registry', 'model-artefact-tampering'],
      ['c-scoring-api', 'model-extraction'],
    ],
    band: [13, 23],
  },
};

const library = shippedLibrary();

function findingsOf(example: string): Finding[] {
  const parsed = parseDocumentText(readFileSync(`examples/${example}.aitm.json`, 'utf8'), {
    catalogue: library.catalogue,
  });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return evaluate(parsed.value, library).filter((f) => f.origin === 'rule');
}

const pair = (target: string, threat: string) => `threat.${threat}@${target}`;

describe.each(Object.entries(CASES))('expert review of %s', (example, expert) => {
  const findings = findingsOf(example);
  const byPair = new Map(findings.map((f) => [`${f.threatId}@${f.targetId}`, f]));

  it('raises exactly the expected findings', () => {
    const expected = expert.expected.map(([target, threat]) => pair(target, threat)).sort();
    const actual = [...byPair.keys()].sort();
    expect({
      missing: expected.filter((k) => !byPair.has(k)),
      unexpected: actual.filter((k) => !expected.includes(k)),
    }).toEqual({ missing: [], unexpected: [] });
    expect(findings.length, 'one finding per threat and target').toBe(byPair.size);
  });

  it('rates each finding as the reviewer would', () => {
    const rated = expert.expected.map(([target, threat]) => {
      const f = byPair.get(pair(target, threat));
      return [target, threat, f?.severity, f?.status];
    });
    expect(rated).toEqual(
      expert.expected.map(([target, threat, severity, status]) => [
        target,
        threat,
        severity,
        status ?? 'open',
      ]),
    );
  });

  it('stays silent where the design rules a threat out', () => {
    for (const [target, threat, why] of expert.absent)
      expect(byPair.has(pair(target, threat)), `${threat} on ${target} (${why})`).toBe(false);
  });

  it('explains the secure design choices it credits', () => {
    for (const [target, threat] of expert.byDesign) {
      const f = byPair.get(pair(target, threat))!;
      expect(f.trace.byDesign.length, `${threat} on ${target}`).toBeGreaterThan(0);
      expect(f.why).toContain('By design:');
      expect(f.mitigations.some((m) => m.byDesign && m.state !== 'suggested')).toBe(true);
    }
  });

  it('keeps the number of findings within a sane band', () => {
    const [min, max] = expert.band;
    expect(findings.length).toBeGreaterThanOrEqual(min);
    expect(findings.length).toBeLessThanOrEqual(max);
    expect(findings.filter((f) => f.severity === 'critical').length).toBeLessThanOrEqual(3);
  });

  it('stores triage only for findings that exist, with an owner and a note', () => {
    const doc = JSON.parse(readFileSync(`examples/${example}.aitm.json`, 'utf8')) as {
      triage: Record<string, { status: string; owner?: string; note?: string }>;
    };
    const keys = new Set(findings.map((f) => f.key));
    const entries = Object.entries(doc.triage);
    expect(entries.length).toBeGreaterThanOrEqual(1);
    for (const [key, triage] of entries) {
      expect(keys.has(key), key).toBe(true);
      expect(triage.owner, key).toBeTruthy();
      expect(triage.note, key).toBeTruthy();
    }
    expect(entries.some(([, t]) => t.status === 'accepted')).toBe(true);
    expect(entries.some(([, t]) => t.status === 'mitigated')).toBe(true);
  });
});
