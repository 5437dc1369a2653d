/** Review mode's keys, shown in the review panel and the help dialog. */
export const REVIEW_KEYS: [keys: string, what: string][] = [
  ['J / → / ↓', 'Next finding'],
  ['K / ← / ↑', 'Previous finding'],
  ['O / M / A / X', 'Set status: open, mitigated, accepted, not applicable'],
  ['N', 'Write a note (Esc returns)'],
  ['Esc', 'Leave review'],
];
