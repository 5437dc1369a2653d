import { RATINGS, type Rating, type Severity } from '../model/vocabulary';

/** Ratings as numbers 1..3; adjustments move along the scale and stop at its ends. */
export function ratingValue(rating: Rating): number {
  return RATINGS.indexOf(rating) + 1;
}

export function shiftRating(rating: Rating, delta: number): Rating {
  const value = Math.min(3, Math.max(1, ratingValue(rating) + delta));
  return RATINGS[value - 1]!;
}

/**
 * Severity is likelihood × impact on a 1..3 scale: 9 critical, 6 high, 3–4 medium, 1–2 low. A
 * threat is critical only when it is both likely and damaging.
 */
export function severityOf(likelihood: Rating, impact: Rating): Severity {
  const score = ratingValue(likelihood) * ratingValue(impact);
  if (score >= 9) return 'critical';
  if (score >= 6) return 'high';
  if (score >= 3) return 'medium';
  return 'low';
}
