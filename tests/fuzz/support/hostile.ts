/**
 * Hostile but cheap-to-build inputs, one per class of the hardening issue ("a hostile pull request,
 * file or rule pack can neither harm a CI runner nor stall anyone"). Shared by the security tests
 * (tests/security/hostile*.test.ts), the fuzz targets and `npm run bench:hostile`, so the figures
 * the bench prints are for exactly the inputs the tests refuse or process.
 */

const THREAT = {
  id: 'threat.hostile',
  title: 'Hostile',
  description: 'A threat for hostile packs.',
  likelihood: 'low',
  impact: 'low',
  references: { guidelines: ['SD-1'] },
  mitigations: [],
};

const rule = (i: number, extra: Record<string, unknown> = {}) => ({
  id: `rule.hostile-${i}`,
  threat: THREAT.id,
  target: 'component',
  types: ['llm'],
  when: { fact: 'zone', op: 'eq', value: 'internet' },
  ...extra,
});

/** One rule naming the same component type `n` times: 80,000 is the 480 KB pack (104 s). */
export function repeatedTypesPack(n: number): Record<string, unknown> {
  return {
    name: 'repeated types',
    version: '1',
    threats: [THREAT],
    rules: [rule(0, { types: Array(n).fill('llm') })],
  };
}

/** `n` rules on one component type, split into files of at most 20,000 rules (the per-file schema limit). */
export function manyRulesPacks(n: number): { path: string; content: unknown }[] {
  const files: { path: string; content: unknown }[] = [];
  for (let start = 0; start < n; start += 20_000) {
    const rules = [];
    for (let i = start; i < Math.min(n, start + 20_000); i++) rules.push(rule(i));
    files.push({
      path: `pack-${files.length}.json`,
      content: { ...(start === 0 ? { threats: [THREAT] } : {}), rules },
    });
  }
  return files;
}

/** `n` rules with an unknown fact each: every one is a problem with a "did you mean" search. */
export function typoPack(n: number): Record<string, unknown> {
  const rules = [];
  for (let i = 0; i < n; i++) rules.push(rule(i, { when: { fact: `prop.typo${i}`, op: 'eq', value: true } }));
  return { threats: [THREAT], rules };
}

/** A small pack (about 2 bytes per entry) with `n` schema problems: 150,000 overflowed the stack. */
export function manyProblemsPack(n: number): Record<string, unknown> {
  return { threats: [THREAT], rules: [rule(0, { types: Array(n).fill(1) })] };
}

/** A condition of `n` leaves under one `any`s tree of width 50 (the schema's list maximum). */
export function wideCondition(n: number): unknown {
  const leaves = Array.from({ length: n }, () => ({ fact: 'zone', op: 'eq', value: 'internet' }));
  let level: unknown[] = leaves;
  while (level.length > 50) {
    const next: unknown[] = [];
    for (let i = 0; i < level.length; i += 50) next.push({ any: level.slice(i, i + 50) });
    level = next;
  }
  return { any: level };
}

const doc = (parts: Record<string, unknown>) => ({
  format: 'ai-threat-model',
  schemaVersion: 1,
  meta: { title: 'Hostile model' },
  components: [{ id: 'api', type: 'inference-api', label: 'API', props: { exposure: 'internet' } }],
  ...parts,
});

/** `n` threats added by hand on one component: 130,000 passed validate and crashed analyze. */
export function manyUserThreatsModel(n: number): Record<string, unknown> {
  const userThreats = [];
  for (let i = 0; i < n; i++)
    userThreats.push({ id: `ut-${i}`, targetId: 'api', title: `T${i}`, severity: 'low', status: 'open' });
  return doc({ userThreats });
}

/**
 * Long runs of the characters that made the former URL regular expression backtrack (letters
 * before a missing "://", local parts before a missing "@", dots without a domain), in orphaned
 * triage notes of 20,000 characters (the longest text a model may hold): about `bytes` in all.
 */
export function regexHeavyModel(bytes: number): Record<string, unknown> {
  const runs = ['a', 'a.', 'x-', '1a', 'a@', 'w'];
  const triage: Record<string, unknown> = {};
  const notes = Math.max(1, Math.round(bytes / 20_000));
  for (let i = 0; i < notes; i++) {
    const unit = runs[i % runs.length]!;
    triage[`rule.gone-${i}@nowhere`] = { status: 'open', note: unit.repeat(20_000 / unit.length) };
  }
  return doc({ triage });
}

/** A 10 MB single line of each backtracking pattern, for mdInline itself. */
export const REGEX_HEAVY_LINES: readonly [string, string][] = [
  ['letters without ://', 'a'.repeat(10_000_000)],
  ['scheme characters without ://', 'a+.-'.repeat(2_500_000)],
  ['a local part without @', 'x.'.repeat(5_000_000)],
  ['@ without a domain dot', 'a@'.repeat(5_000_000)],
  ['a domain of dots', `a@${'b.'.repeat(5_000_000)}`],
  ['many e-mail addresses', 'a@b.c '.repeat(1_700_000)],
  ['www. without spaces', 'www.'.repeat(2_500_000)],
];

/** The example: the reviewer sees "open", JSON.parse keeps "accepted". */
export function duplicateKeyModelText(): string {
  return `{"format":"ai-threat-model","schemaVersion":1,"meta":{"title":"m"},"components":[{"id":"api","type":"inference-api","label":"API"}],"triage":{"rule.x@api":{"status":"open","status":"accepted"}}}`;
}

/** Valid structures as deep as the limits allow: boundaries nested 31 deep, conditions 12 deep. */
export function deepBoundariesModel(depth: number): Record<string, unknown> {
  const trustBoundaries = Array.from({ length: depth }, (_, i) => ({
    id: `b${i}`,
    label: `B${i}`,
    zone: 'internal',
    parentId: i === 0 ? null : `b${i - 1}`,
  }));
  return doc({
    trustBoundaries,
    components: [
      {
        id: 'api',
        type: 'inference-api',
        label: 'API',
        boundaryId: `b${depth - 1}`,
        props: { exposure: 'internet' },
      },
    ],
  });
}

export function deepConditionPack(depth: number): Record<string, unknown> {
  let when: unknown = { fact: 'zone', op: 'eq', value: 'internet' };
  for (let i = 0; i < depth; i++) when = i % 2 ? { all: [when] } : { not: when };
  return { threats: [THREAT], rules: [rule(0, { when })] };
}

export const HOSTILE_THREAT_ID = THREAT.id;
