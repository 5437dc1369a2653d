import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  boundaryOfComponentAt,
  boundaryRect,
  COMPONENT_SIZE,
  evaluate,
  parentBoundaryAt,
  parseDocumentText,
  shippedLibrary,
  type Finding,
  type ThreatModelDocument,
} from '../../src/core/index';

/**
 * Expert review of architectures the library was not written against (issue 11): the two
 * multi-agent and edge/federated examples and four architectures under
 * tests/fixtures/expert-architectures/. For each, the findings a principal AI-security engineer
 * insists on and the ones that must NOT appear (the design mitigates the threat, or it does not
 * apply), each with its reason. The expectations were written from security judgement before the
 * tool was run on these models; where the tool disagreed, see KNOWN_DISAGREEMENTS.
 *
 * Unlike expertCases.test.ts this does not pin the exact set or the severities: it asserts the
 * judgements, so that a library change contradicting one fails here and has to be argued.
 */
type Judgement = readonly [target: string, threat: string, why: string];

interface Architecture {
  /** examples/<name>.aitm.json or tests/fixtures/expert-architectures/<name>.aitm.json */
  file: string;
  expected: readonly Judgement[];
  absent: readonly Judgement[];
}

/**
 * Threats of issue 11 that other branches add to the library. Expectations naming one of them are
 * asserted as soon as the loaded library contains it, and skipped (only they) until then.
 */
const PENDING_THREATS: readonly string[] = [
  'inter-agent-prompt-injection',
  'confused-deputy',
  'mcp-launch-config-injection',
  'multimodal-prompt-injection',
  'alignment-removal-fine-tuning',
  'adapter-merge-conversion-supply-chain',
  'distillation-from-outputs',
  'serving-host-weight-extraction',
  'physical-world-evasion',
  'federated-update-poisoning',
  'gradient-inversion',
  'input-controlled-evasion',
  'insider-training-data-poisoning',
  'insider-artefact-exfiltration',
  'insider-log-access',
  'no-security-monitoring',
  'unversioned-data-no-rollback',
  'unbounded-consumption',
];

/**
 * Judgements the current library gets wrong, keyed `<file>: <threat>@<target>`, with why the
 * judgement stands. Each is asserted to still disagree: when a library change fixes one, this test
 * fails until the entry is removed, so the list never outlives the bug it records.
 */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  'model-hosting-platform: adversarial-evasion@c-serving':
    'the rule cannot tell the hosting platform from the owner of the hosted model',
  'model-hosting-platform: poisoned-pretrained-model@c-tenant-model':
    'the rule cannot tell a tenant’s own upload from a model the platform adopts',
};

/**
 * Threats the current library raises more than once on one element (two rules, where an expert
 * writes one finding), keyed like KNOWN_DISAGREEMENTS. Asserted exactly: a fix or a new duplicate
 * fails the test.
 */
const KNOWN_DUPLICATES: Readonly<Record<string, string>> = {};

// One judgement per line, so that each reads as a sentence and diffs line by line.
// prettier-ignore
const ARCHITECTURES: Record<string, Architecture> = {
  'multi-agent-research-assistant': {
    file: 'examples/multi-agent-research-assistant.aitm.json',
    expected: [
      ['c-llm-local', 'indirect-prompt-injection', 'arbitrary web pages reach the web agent’s model through the fetch server, past no guard'],
      ['c-llm-frontier', 'indirect-prompt-injection', 'author-written abstracts and a vendor tool manifest reach the planner’s context'],
      ['c-orchestrator', 'inter-agent-prompt-injection', 'the web agent’s report, distilled from arbitrary pages, enters the orchestrator’s context as agent output'],
      ['c-llm-frontier', 'direct-prompt-injection', 'a researcher can steer agents whose ticket tool has more rights than the researcher'],
      ['c-llm-frontier', 'third-party-model-provider', 'planning and analysis run on a provider-hosted model'],
      ['c-mcp-fetch', 'malicious-agent-tool', 'a community server from a public registry, unpinned, with unrestricted egress'],
      ['c-mcp-fetch', 'mcp-launch-config-injection', 'a community manifest decides what a stdio server runs on the agent host'],
      ['c-mcp-literature', 'malicious-agent-tool', 'a vendor-run remote server whose tool descriptions change without review'],
      ['c-mcp-tickets', 'excessive-agency', 'writes tickets in any project without approval, driven by agents that read the web'],
      ['c-orchestrator', 'confused-deputy', 'its ticket tool’s one bot account writes wherever the bot may, whatever the requesting researcher may'],
      ['c-memory', 'memory-poisoning', 'persistent memory shared by the whole team, written by an agent that reads untrusted content'],
      ['c-orchestrator', 'sensitive-output-disclosure', 'team-wide memory recalls one researcher’s confidential notes to another'],
      ['c-monitoring', 'sensitive-data-in-logs', 'full traces of every agent step hold confidential research content'],
    ],
    absent: [
      ['c-llm-frontier', 'jailbreak', 'only signed-in employees prompt the agents'],
      ['c-llm-local', 'jailbreak', 'only the orchestrator, on behalf of employees, prompts this model'],
      ['c-llm-local', 'denial-of-wallet', 'a self-hosted model has no per-token bill'],
      ['c-llm-local', 'third-party-model-provider', 'the model runs on the platform’s own GPUs'],
      ['c-llm-local', 'multimodal-prompt-injection', 'the fetch server returns page text only'],
      ['c-orchestrator', 'indirect-prompt-injection', 'the finding belongs to the model the orchestrator calls'],
      ['c-web-agent', 'indirect-prompt-injection', 'the finding belongs to the model the web agent calls'],
      ['c-mcp-docs', 'malicious-agent-tool', 'first-party and pinned'],
      ['c-mcp-docs', 'confused-deputy', 'acts with the researcher’s own on-behalf-of token'],
      ['c-mcp-docs', 'excessive-agency', 'the tool can only read'],
      ['c-mcp-fetch', 'excessive-agency', 'the tool can only read'],
      ['c-mcp-tickets', 'malicious-agent-tool', 'first-party and pinned'],
      ['c-mcp-tickets', 'mcp-launch-config-injection', 'a remote first-party server: nothing is launched from a manifest'],
      ['c-mcp-literature', 'mcp-launch-config-injection', 'a remote server: nothing is launched on the host'],
      ['c-interpreter', 'excessive-agency', 'a sandbox without network: code run there reaches nothing outside it'],
      ['f-obo-token', 'credential-exposure-via-model-context', 'an identity token for the runtime, forwarded to a tool, never put in a prompt'],
      ['f-sign-in', 'credential-exposure-via-model-context', 'the password goes to the identity provider, not to a model'],
      ['f-fetch-request', 'unauthenticated-boundary-flow', 'public web pages cannot authenticate'],
      ['f-page', 'unauthenticated-boundary-flow', 'public web pages cannot authenticate'],
      ['f-fetch-call', 'ai-traffic-tampering', 'a local stdio pipe inside one pod'],
      ['f-fetch-result', 'ai-traffic-tampering', 'a local stdio pipe inside one pod'],
      ['c-docs', 'unprotected-personal-data-at-rest', 'no personal data, and encrypted at rest'],
      ['model', 'no-security-monitoring', 'tracing alerts the platform on-call'],
      ['model', 'no-vulnerability-disclosure', 'an internal tool: fetching pages does not make it face the public'],
      // Added after reading the tool's output:
      ['c-web-agent', 'denial-of-wallet', 'its only model is self-hosted: a runaway loop costs capacity, not a bill'],
      ['c-web-agent', 'sensitive-output-disclosure', 'it reads public pages and reports to the orchestrator, not to a person'],
      ['c-docs', 'improper-output-handling', 'a first-party tool only searches it with the researcher’s token: nothing is run or stored there'],
    ],
  },
  'edge-vision-federated': {
    file: 'examples/edge-vision-federated.aitm.json',
    expected: [
      ['c-camera', 'physical-world-evasion', 'anyone on the street can wear or place an adversarial patch in view'],
      ['c-camera', 'model-weight-theft', 'pole-mounted devices keep the model unencrypted on an SD card (raised as device weight theft, not as a serving host)'],
      ['c-aggregator', 'federated-update-poisoning', 'plain averaging of updates from devices anyone can reach'],
      ['c-aggregator', 'gradient-inversion', 'per-device updates computed on frames of passers-by reach the server one by one'],
      ['c-evaluation', 'unvetted-model-update', 'no adversarial or patch testing before a fleet-wide release'],
      ['c-registry', 'model-artefact-tampering', 'the registry decides what the fleet runs (signed, so credited)'],
      ['c-ota', 'tampered-release', 'the OTA service ships to the whole fleet (signed releases, so credited)'],
      // Added after reading the tool's output:
      ['model', 'unprepared-ai-incident-response', 'a poisoned fleet model or a cloned device needs a rehearsed rollback and revocation'],
      ['model', 'no-vulnerability-disclosure', 'thousands of devices on public streets: researchers will probe them'],
    ],
    absent: [
      ['c-aggregator', 'training-data-poisoning', 'the aggregator sees only updates: raised once, as federated-update poisoning'],
      ['c-aggregator', 'feedback-loop-poisoning', 'no user feedback is learnt from'],
      ['c-camera', 'adversarial-evasion', 'raised once, as physical-world evasion'],
      ['c-camera', 'direct-prompt-injection', 'a detector takes no prompts'],
      ['c-camera', 'jailbreak', 'a detector takes no prompts'],
      ['c-camera', 'multimodal-prompt-injection', 'no language model reads the frames'],
      ['c-registry', 'model-weight-theft', 'the registry is access-controlled; the exposure is on the devices'],
      ['f-ota', 'ai-traffic-tampering', 'signed bundles over authenticated TLS'],
      ['f-fed-update', 'unauthenticated-boundary-flow', 'each device authenticates with its own certificate'],
      ['f-fed-update', 'unencrypted-boundary-flow', 'mutual TLS'],
      ['f-frames', 'unencrypted-boundary-flow', 'light through a lens, not a network flow'],
      ['f-frames', 'unauthenticated-boundary-flow', 'light through a lens, not a network flow'],
      ['c-test-set', 'unprotected-personal-data-at-rest', 'encrypted and access-controlled'],
      ['c-test-set', 'unversioned-data-no-rollback', 'the test set is versioned'],
      ['c-events', 'unprotected-personal-data-at-rest', 'counts and boxes only, no personal data'],
      ['c-signal-control', 'improper-output-handling', 'a detector emits class labels and boxes, not attacker-written text'],
      ['model', 'no-security-monitoring', 'fleet monitoring alerts on tamper events'],
    ],
  },
  'enterprise-copilot': {
    file: 'tests/fixtures/expert-architectures/enterprise-copilot.aitm.json',
    expected: [
      ['c-llm', 'indirect-prompt-injection', 'mail from anyone outside is indexed and retrieved into the prompt, past no injection guard'],
      ['c-index', 'rag-poisoning', 'anyone who can e-mail an employee writes into the index'],
      ['c-copilot', 'sensitive-output-disclosure', 'the copilot surfaces every over-broadly shared document the employee can technically open'],
      ['c-llm', 'third-party-model-provider', 'answers are written by a provider-hosted model'],
      ['f-prompt', 'sensitive-data-to-external-provider', 'passages with personal data go to the provider'],
      // Corrected after the run (first written as an absence): a mail can plant an instruction that the
      // history replays in the same employee's later sessions, as persisted-memory attacks on assistants
      // have shown; per-user scope and 30-day expiry make it less likely, not impossible.
      ['c-history', 'memory-poisoning', 'an injected instruction saved in the history replays in the same employee’s later sessions'],
    ],
    absent: [
      ['c-index', 'embedding-inversion', 'retrieval is trimmed to the caller’s permissions in a single-tenant index'],
      ['c-copilot', 'improper-output-handling', 'output is encoded and links allow-listed before rendering'],
      ['c-copilot', 'indirect-prompt-injection', 'the finding belongs to the model drawn behind the app'],
      ['c-llm', 'jailbreak', 'only employees prompt it'],
      ['c-llm', 'denial-of-wallet', 'only employees prompt it, and nothing loops'],
      ['c-llm', 'inter-agent-prompt-injection', 'one application, no agent-to-agent messages'],
      ['c-calendar', 'excessive-agency', 'the tool can only read'],
      ['c-calendar', 'confused-deputy', 'acts with the employee’s own on-behalf-of token'],
      ['c-calendar', 'malicious-agent-tool', 'first-party, in-process and pinned'],
      ['c-monitoring', 'sensitive-data-in-logs', 'no prompt text is logged'],
      ['f-obo', 'credential-exposure-via-model-context', 'an identity token for the runtime, not a credential in a prompt'],
      ['f-sign-in', 'credential-exposure-via-model-context', 'the identity provider is not a model'],
      ['f-inbound', 'unauthenticated-boundary-flow', 'outside senders cannot authenticate: their mail is untrusted content, raised as injection'],
      ['model', 'no-security-monitoring', 'telemetry alerts on guard verdicts'],
      // Added after reading the tool's output:
      ['model', 'no-vulnerability-disclosure', 'an internal copilot: receiving outside mail does not make it face the public'],
    ],
  },
  'model-hosting-platform': {
    file: 'tests/fixtures/expert-architectures/model-hosting-platform.aitm.json',
    expected: [
      ['c-tenant-model', 'malicious-serialised-model', 'anyone who signs up can upload a pickle that the conversion service loads'],
      ['c-registry', 'model-artefact-tampering', 'artefacts are unsigned: whoever writes a namespace decides what serves'],
      ['c-ci', 'tampered-release', 'serving images are not signed'],
      ['c-serving', 'serving-host-weight-extraction', 'tenant-supplied models run on GPU hosts shared with other tenants’ weights'],
      ['c-finetune', 'alignment-removal-fine-tuning', 'any tenant can fine-tune the safety behaviour out of a catalogue model'],
    ],
    absent: [
      ['c-hub-model', 'malicious-serialised-model', 'safetensors holds only tensors'],
      ['c-registry', 'model-weight-theft', 'namespaces are access-controlled'],
      ['c-serving', 'unauthenticated-internet-endpoint', 'every call carries a tenant API key'],
      ['c-serving', 'model-denial-of-service', 'per-key quotas and rate limits'],
      ['c-serving', 'unbounded-consumption', 'per-key quotas and rate limits'],
      ['c-serving', 'model-extraction', 'no scores are returned'],
      ['c-serving', 'direct-prompt-injection', 'generic inference: the platform takes no prompts of its own'],
      ['c-finetune', 'training-data-poisoning', 'a tenant’s data trains only that tenant’s adapter: it poisons no one else'],
      ['c-finetune', 'feedback-loop-poisoning', 'no feedback is learnt from'],
      ['f-upload', 'unauthenticated-boundary-flow', 'uploads are authenticated'],
      ['tb-platform', 'exposed-ml-infrastructure', 'the platform sits in an internal zone behind its API'],
      ['model', 'no-security-monitoring', 'monitoring alerts on anomalous egress'],
      // Added after reading the tool's output:
      ['c-serving', 'adversarial-evasion', 'evading a tenant’s classifier is the tenant’s risk, not the hosting platform’s'],
      ['c-tenant-model', 'poisoned-pretrained-model', 'a backdoor in a tenant’s own model harms that tenant; the platform’s risk is code run on load'],
    ],
  },
  'applicant-fraud-scoring': {
    file: 'tests/fixtures/expert-architectures/applicant-fraud-scoring.aitm.json',
    expected: [
      ['c-scoring', 'input-controlled-evasion', 'applicants type the features the model scores, though they never reach the API'],
      ['c-applications', 'unprotected-personal-data-at-rest', 'every application as entered, unencrypted'],
      ['c-training', 'training-data-poisoning', 'applicants’ answers become training rows, with no validation on the export path'],
      ['c-evaluation', 'unvetted-model-update', 'a model under constant evasion pressure is released on back-test accuracy alone'],
      ['model', 'no-vulnerability-disclosure', 'the application portal faces the public'],
    ],
    absent: [
      ['c-scoring', 'adversarial-evasion', 'an internal API: the applicant’s lever is the form, raised as input-controlled evasion'],
      ['c-scoring', 'model-extraction', 'internal, and no scores are returned'],
      ['c-scoring', 'membership-inference', 'internal, and no scores are returned'],
      ['c-scoring', 'model-inversion', 'only the decision engine sees a band; applicants see a decision'],
      ['c-scoring', 'distillation-from-outputs', 'nobody outside sees more than one decision per application'],
      ['c-scoring', 'unauthenticated-internet-endpoint', 'internal and authenticated'],
      ['c-scoring', 'model-denial-of-service', 'only the decision engine calls it'],
      ['c-scoring', 'direct-prompt-injection', 'a predictive model takes no prompts'],
      ['c-scoring', 'jailbreak', 'a predictive model takes no prompts'],
      ['c-training', 'feedback-loop-poisoning', 'labels come from the firm’s own investigators; applicants cannot submit feedback'],
      ['c-dataset', 'unprotected-personal-data-at-rest', 'encrypted and access-controlled'],
      ['c-dataset', 'unversioned-data-no-rollback', 'immutable monthly snapshots'],
      ['c-registry', 'model-weight-theft', 'the registry is access-controlled'],
      ['f-apply', 'unauthenticated-boundary-flow', 'applicants sign in'],
    ],
  },
  'internal-coding-agent': {
    file: 'tests/fixtures/expert-architectures/internal-coding-agent.aitm.json',
    expected: [
      ['c-llm', 'indirect-prompt-injection', 'package contents written by anyone reach the context through the test output'],
      ['c-monitoring', 'sensitive-data-in-logs', 'traces hold prompts and source code'],
    ],
    absent: [
      ['c-llm', 'jailbreak', 'only engineers prompt it'],
      ['c-llm', 'denial-of-wallet', 'a self-hosted model has no per-token bill'],
      ['c-llm', 'third-party-model-provider', 'the model is self-hosted'],
      ['c-llm', 'inter-agent-prompt-injection', 'a single agent'],
      ['c-agent', 'indirect-prompt-injection', 'the finding belongs to the model the agent calls'],
      ['c-pr-tool', 'excessive-agency', 'the engineer approves each pull request'],
      ['c-repo-tool', 'excessive-agency', 'the tool can only read'],
      ['c-interpreter', 'excessive-agency', 'sandboxed, with egress only to the package mirror'],
      ['c-pr-tool', 'malicious-agent-tool', 'first-party, in-process and pinned'],
      ['c-repo-tool', 'malicious-agent-tool', 'first-party, in-process and pinned'],
      ['c-pr-tool', 'confused-deputy', 'acts with the engineer’s own token'],
      ['c-repo-tool', 'confused-deputy', 'acts with the engineer’s own token'],
      ['c-pr-tool', 'mcp-launch-config-injection', 'an in-process first-party tool: nothing is launched'],
      ['f-token', 'credential-exposure-via-model-context', 'an identity token for the runtime, not a credential in a prompt'],
      ['f-read-call', 'ai-traffic-tampering', 'an in-process call'],
      ['f-pr-call', 'ai-traffic-tampering', 'an in-process call'],
      ['c-repos', 'unprotected-personal-data-at-rest', 'no personal data, and encrypted at rest'],
      ['model', 'no-security-monitoring', 'traces alert on policy violations'],
      ['model', 'no-vulnerability-disclosure', 'nothing in the system faces the internet'],
      // Added after reading the tool's output:
      ['c-agent', 'denial-of-wallet', 'its only model is self-hosted: a runaway loop costs capacity, not a bill'],
      ['c-repos', 'improper-output-handling', 'the reader only clones with the engineer’s token; every write waits for the engineer’s approval'],
    ],
  },
};

const library = shippedLibrary();
const loaded = (threat: string) => library.threats.has(`threat.${threat}`);

function documentOf(file: string): ThreatModelDocument {
  const parsed = parseDocumentText(readFileSync(file, 'utf8'), { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${file} ${p.path}: ${p.message}`).join('\n'));
  return parsed.value;
}

const findingsOf = (file: string): Finding[] =>
  evaluate(documentOf(file), library).filter((f) => f.origin === 'rule');

const pairOf = ([target, threat]: Judgement) => `${threat}@${target}`;

describe('expert architectures', () => {
  it('name only threats of the library or of PENDING_THREATS', () => {
    const named = Object.values(ARCHITECTURES).flatMap((a) => [...a.expected, ...a.absent].map(([, t]) => t));
    expect(named.filter((t) => !loaded(t) && !PENDING_THREATS.includes(t))).toEqual([]);
  });

  it('never expect and rule out the same finding', () => {
    for (const [name, a] of Object.entries(ARCHITECTURES)) {
      const expected = new Set(a.expected.map(pairOf));
      expect(
        a.absent.map(pairOf).filter((p) => expected.has(p)),
        name,
      ).toEqual([]);
    }
  });

  it('record disagreements only for judgements that exist', () => {
    const all = new Set(
      Object.entries(ARCHITECTURES).flatMap(([name, a]) =>
        [...a.expected, ...a.absent].map((j) => `${name}: ${pairOf(j)}`),
      ),
    );
    expect(Object.keys(KNOWN_DISAGREEMENTS).filter((k) => !all.has(k))).toEqual([]);
  });
});

describe.each(Object.entries(ARCHITECTURES))('canvas layout of %s', (_name, architecture) => {
  // The editor derives membership from geometry: a model whose drawing contradicts its boundaryId
  // and parentId would change its findings the first time someone moves an element.
  const doc = documentOf(architecture.file);

  it('places every element, inside the boundary it belongs to', () => {
    const misplaced = doc.components
      .filter((c) => !c.position || boundaryOfComponentAt(doc, c.position) !== (c.boundaryId ?? null))
      .map((c) => c.id);
    const misnested = doc.trustBoundaries
      .filter(
        (b) =>
          !b.position || !b.size || parentBoundaryAt(doc, b.id, boundaryRect(b)) !== (b.parentId ?? null),
      )
      .map((b) => b.id);
    expect({ misplaced, misnested }).toEqual({ misplaced: [], misnested: [] });
  });

  it('draws no two components on top of each other', () => {
    const boxes = doc.components.map((c) => ({ id: c.id, ...c.position! }));
    const clashes = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter(
          (b) => Math.abs(a.x - b.x) < COMPONENT_SIZE.width && Math.abs(a.y - b.y) < COMPONENT_SIZE.height,
        )
        .map((b) => `${a.id}/${b.id}`),
    );
    expect(clashes).toEqual([]);
  });
});

describe.each(Object.entries(ARCHITECTURES))('expert review of %s', (name, architecture) => {
  const findings = findingsOf(architecture.file);
  const present = new Set(findings.map((f) => `${f.threatId.replace(/^threat\./, '')}@${f.targetId}`));
  const judged = (list: readonly Judgement[]) =>
    list
      .filter(([, threat]) => loaded(threat))
      .map((j) => ({ key: `${name}: ${pairOf(j)}`, pair: pairOf(j), why: j[2] }));

  it('raises every finding the reviewer insists on', () => {
    const missing = judged(architecture.expected).filter(
      (j) => !present.has(j.pair) && !(j.key in KNOWN_DISAGREEMENTS),
    );
    expect(missing.map((j) => `${j.pair} (${j.why})`)).toEqual([]);
  });

  it('stays silent where the design rules a threat out', () => {
    const raised = judged(architecture.absent).filter(
      (j) => present.has(j.pair) && !(j.key in KNOWN_DISAGREEMENTS),
    );
    expect(raised.map((j) => `${j.pair} (${j.why})`)).toEqual([]);
  });

  it('still disagrees where a disagreement is recorded', () => {
    const expected = new Set(architecture.expected.map(pairOf));
    const fixed = Object.keys(KNOWN_DISAGREEMENTS)
      .filter((k) => k.startsWith(`${name}: `))
      .map((k) => k.slice(name.length + 2))
      .filter((pair) => present.has(pair) === expected.has(pair));
    expect(fixed, 'fixed by the library: remove from KNOWN_DISAGREEMENTS').toEqual([]);
  });

  it('raises one finding per threat and target', () => {
    const seen = new Set<string>();
    const duplicated = new Set<string>();
    for (const f of findings) {
      const pair = `${f.threatId.replace(/^threat\./, '')}@${f.targetId}`;
      if (seen.has(pair)) duplicated.add(pair);
      seen.add(pair);
    }
    const known = Object.keys(KNOWN_DUPLICATES)
      .filter((k) => k.startsWith(`${name}: `))
      .map((k) => k.slice(name.length + 2));
    expect([...duplicated].sort()).toEqual(known.sort());
  });
});
