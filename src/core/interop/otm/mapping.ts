import type { FindingStatus, MitigationState, Rating, Severity, Zone } from '../../model/vocabulary';
import { ZONES } from '../../model/vocabulary';

/**
 * Our component type for a foreign one (OTM, TM-BOM): the same id when our catalogue has it,
 * otherwise by the words in it. The foreign type is kept beside, in the document's `interop.otm` (see kept.ts), when it differs.
 */
export function componentTypeFromForeign(foreign: string | undefined, known: ReadonlySet<string>): string {
  const type = (foreign ?? '').trim().toLowerCase();
  if (known.has(type)) return type;
  const rules: [RegExp, string][] = [
    [/vector|embedding/, 'vector-store'],
    [/llm|language-model|gpt|openai|bedrock|anthropic/, 'llm'],
    [/registry/, 'model-registry'],
    [/train/, 'training'],
    [/agent/, 'agent'],
    [/guardrail|filter|moderation/, 'guardrail'],
    [/model/, 'pretrained-model'],
    [/dataset|data-set|data_set/, 'dataset-store'],
    [/pipeline|etl|ingest/, 'data-pipeline'],
    [/monitor|log|siem|telemetry/, 'monitoring'],
    [/identity|idp|auth|oauth|cognito|entra|active-directory|iam/, 'identity-provider'],
    [
      /\bdb\b|-db|db-|database|sql|storage|bucket|s3|blob|store|cache|redis|dynamo|cosmos|file|disk/,
      'data-store',
    ],
    [/user|actor|human|person|browser|client|mobile|device/, 'user'],
    [/external|third|saas|internet|partner/, 'external-service'],
    [/api|gateway|endpoint|inference|serving/, 'inference-api'],
  ];
  for (const [pattern, ours] of rules) if (pattern.test(type) && known.has(ours)) return ours;
  return known.has('process') ? 'process' : [...known][0]!;
}

/** OTM trust rating (0 = untrusted, 100 = fully trusted) of each of our zones. */
const TRUST_RATING: Record<Zone, number> = {
  internet: 10,
  'third-party': 30,
  dmz: 40,
  internal: 70,
  restricted: 90,
};

export function trustRatingOfZone(zone: Zone): number {
  return TRUST_RATING[zone];
}

/** Our zone for a trust rating: the nearest of ours (internet … restricted). */
export function zoneOfTrustRating(rating: number): Zone {
  if (rating <= 20) return 'internet';
  if (rating <= 35) return 'third-party';
  if (rating <= 55) return 'dmz';
  if (rating <= 80) return 'internal';
  return 'restricted';
}

export function isZone(value: unknown): value is Zone {
  return typeof value === 'string' && (ZONES as readonly string[]).includes(value);
}

const RATING_SCORE: Record<Rating, number> = { low: 25, medium: 50, high: 100 };

/** OTM's 0–100 likelihood or impact for our rating. */
export function scoreOfRating(rating: Rating): number {
  return RATING_SCORE[rating];
}

export function ratingOfScore(score: number): Rating {
  return score <= 33 ? 'low' : score <= 66 ? 'medium' : 'high';
}

/** Severity from OTM likelihood and impact (0–100), as our ratings multiply: high × high is critical. */
export function severityOfRisk(likelihood: number | undefined, impact: number | undefined): Severity {
  const step = (r: Rating) => (r === 'low' ? 1 : r === 'medium' ? 2 : 3);
  const product = step(ratingOfScore(likelihood ?? 50)) * step(ratingOfScore(impact ?? 50));
  return product >= 9 ? 'critical' : product >= 6 ? 'high' : product >= 3 ? 'medium' : 'low';
}

/** Our status for an OTM threat state (IriusRisk's vocabulary, in any case). */
export function statusOfOtmState(state: string | undefined): FindingStatus {
  const s = (state ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (s === 'mitigated' || s === 'closed' || s === 'resolved') return 'mitigated';
  if (s === 'accepted' || s === 'accept') return 'accepted';
  if (s === 'not_applicable' || s === 'na' || s === 'n/a' || s === 'false_positive') return 'not-applicable';
  return 'open';
}

export function otmStateOfStatus(status: FindingStatus): string {
  switch (status) {
    case 'mitigated':
      return 'MITIGATED';
    case 'accepted':
      return 'ACCEPTED';
    case 'not-applicable':
      return 'NOT_APPLICABLE';
    default:
      return 'EXPOSED';
  }
}

export function mitigationStateOfOtm(state: string | undefined): MitigationState | 'suggested' {
  const s = (state ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (s === 'implemented') return 'implemented';
  if (s === 'required' || s === 'planned' || s === 'in_progress') return 'planned';
  if (s === 'not_applicable' || s === 'rejected') return 'not-applicable';
  return 'suggested';
}

export function otmStateOfMitigation(state: MitigationState | 'suggested'): string {
  switch (state) {
    case 'implemented':
      return 'IMPLEMENTED';
    case 'planned':
      return 'REQUIRED';
    case 'not-applicable':
      return 'NOT_APPLICABLE';
    default:
      return 'RECOMMENDED';
  }
}
