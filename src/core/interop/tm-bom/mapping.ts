import type { MitigationState, Rating, Severity, Zone } from '../../model/vocabulary';

/** Our zone for a TM-BOM trust zone, which has no rating: by the words of its name and title. */
export function zoneOfTrustZone(words: string): Zone {
  const w = words.toLowerCase();
  if (/internet|public|external|untrusted|anonymous/.test(w)) return 'internet';
  if (/third|vendor|partner|saas|supplier/.test(w)) return 'third-party';
  if (/dmz|edge|perimeter/.test(w)) return 'dmz';
  if (/restricted|secret|vault|sensitive|secure/.test(w)) return 'restricted';
  return 'internal';
}

const LIKELIHOOD = ['rare', 'unlikely', 'possible', 'likely', 'certain'] as const;
const IMPACT = ['negligible', 'minor', 'moderate', 'major', 'severe'] as const;

/** Severity of a TM-BOM risk: its score (likelihood × impact, 1–25) in our four bands. */
export function severityOfRisk(likelihood: unknown, impact: unknown): Severity | undefined {
  const l = LIKELIHOOD.indexOf(likelihood as (typeof LIKELIHOOD)[number]) + 1;
  const i = IMPACT.indexOf(impact as (typeof IMPACT)[number]) + 1;
  if (l === 0 || i === 0) return undefined;
  const score = l * i;
  return score >= 16 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low';
}

export function likelihoodOfRating(r: Rating): (typeof LIKELIHOOD)[number] {
  return r === 'low' ? 'unlikely' : r === 'medium' ? 'possible' : 'likely';
}

export function impactOfRating(r: Rating): (typeof IMPACT)[number] {
  return r === 'low' ? 'minor' : r === 'medium' ? 'moderate' : 'major';
}

/** The risk score and band TM-BOM defines for a likelihood and an impact. */
export function riskScore(likelihood: string, impact: string): { score: number; level: string } {
  const score =
    (LIKELIHOOD.indexOf(likelihood as (typeof LIKELIHOOD)[number]) + 1) *
    (IMPACT.indexOf(impact as (typeof IMPACT)[number]) + 1);
  const level =
    score >= 20
      ? 'critical'
      : score >= 15
        ? 'very_high'
        : score >= 10
          ? 'high'
          : score >= 5
            ? 'medium'
            : score >= 3
              ? 'low'
              : 'very_low';
  return { score, level };
}

export function mitigationStateOfControl(status: unknown): MitigationState | 'suggested' {
  switch (status) {
    case 'active':
    case 'assumed':
      return 'implemented';
    case 'approved':
    case 'scheduled':
    case 'under_review':
      return 'planned';
    case 'retired':
    case 'wont_do':
      return 'not-applicable';
    default:
      return 'suggested';
  }
}

export function controlStatusOfMitigation(state: MitigationState | 'suggested'): string {
  return state === 'implemented'
    ? 'active'
    : state === 'planned'
      ? 'scheduled'
      : state === 'not-applicable'
        ? 'wont_do'
        : 'suggested';
}

export function priorityOfSeverity(s: Severity): string {
  return s;
}

/** A TM-BOM symbolic name (`^[0-9a-z-]+$`) for one of our ids. */
export function symbolicName(id: string): string {
  const s = id
    .toLowerCase()
    .replace(/[^0-9a-z-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s;
}
