/**
 * The closed vocabularies of the public contract (docs/model-format.md).
 * Extend these lists, never rename an entry: users' files and CI pipelines depend on them.
 */

/** Zones a trust boundary can declare, from most to least exposed. */
export const ZONES = ['internet', 'dmz', 'internal', 'restricted', 'third-party'] as const;
export type Zone = (typeof ZONES)[number];

/** Triage status of a finding. */
export const FINDING_STATUSES = ['open', 'mitigated', 'accepted', 'not-applicable'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** State of one suggested mitigation within a finding's triage. */
export const MITIGATION_STATES = ['planned', 'implemented', 'not-applicable'] as const;
export type MitigationState = (typeof MITIGATION_STATES)[number];

/** Categories of data a flow can carry. */
export const DATA_CATEGORIES = [
  'training-data',
  'prompts',
  'model-output',
  'model-artifact',
  'embeddings',
  'retrieved-content',
  'tool-call',
  'personal-data',
  'feedback',
  'telemetry',
  'credentials',
  // Added in 0.x; additive, so files of schemaVersion 1 stay valid.
  /** Short-lived identity or on-behalf-of tokens issued by an identity provider (not secrets placed in prompts). */
  'identity-token',
  /** Confidential business data: contracts, financials, plans, customer lists. */
  'confidential',
  /** Source code or configuration of the organisation's own software. */
  'source-code',
  /** System prompts, tool manifests and other instructions that shape a model's behaviour. */
  'system-prompt',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * What a data flow does, when the modeller says so. Kinds make reachability follow meaning: a
 * `query` asks a store or service for an answer and leaves nothing in it, so untrusted content
 * does not travel through the target along a query (docs: threat-library/README.md, "Flow kinds").
 */
export const FLOW_KINDS = ['message', 'query', 'response', 'write', 'invoke', 'update'] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

/** Severities, most severe first. Reports and sorting rely on this order. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Likelihood and impact are rated on the same three-step scale; severity is their product. */
export const RATINGS = ['low', 'medium', 'high'] as const;
export type Rating = (typeof RATINGS)[number];

export const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information-disclosure',
  'denial-of-service',
  'elevation-of-privilege',
] as const;
export type StrideCategory = (typeof STRIDE)[number];

/** Kinds of element a finding can be attached to. `model` is for organisational threats. */
export const TARGET_KINDS = ['component', 'dataFlow', 'trustBoundary', 'model'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The component types of the contract (23 original, 3 added). The catalogue in threat-library/ describes each one. */
export const CONTRACT_COMPONENT_TYPES = [
  'user',
  'data-source',
  'data-pipeline',
  'dataset-store',
  'training',
  'evaluation',
  'pretrained-model',
  'model-registry',
  'inference-api',
  'llm',
  'llm-app',
  'agent',
  'agent-tool',
  'vector-store',
  'memory-store',
  'guardrail',
  'feedback-store',
  'monitoring',
  'data-store',
  'external-service',
  'deployment-pipeline',
  'human-review',
  'process',
  // Added after the first contract; additive, so older files stay valid.
  'identity-provider',
  'edge-device',
  'code-interpreter',
] as const;

/** Id used as the target of model-level (organisational) findings. */
export const MODEL_TARGET_ID = 'model';
