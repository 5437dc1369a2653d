/**
 * Fuzz targets for the classes of the hardening issue: huge rule packs, duplicate keys,
 * regex-heavy text, deep valid structures, many user threats, CSV separators. Each case has a
 * time budget (`timed`), so a case that is slow — a quadratic step, a backtracking regular
 * expression — fails like one that throws, and the fuzz script's watchdog catches a hang.
 */
import fc from 'fast-check';
import {
  buildReport,
  csvCell,
  evaluate,
  exportMarkdownReport,
  LIMITS,
  loadLibrary,
  mdInline,
  parseDocument,
  parseJsonText,
  renderJsonReport,
  type Library,
} from '../../../src/core/index';
import { csvViolations } from './csvOracle';
import {
  deepBoundariesModel,
  deepConditionPack,
  manyProblemsPack,
  manyRulesPacks,
  manyUserThreatsModel,
  repeatedTypesPack,
  typoPack,
  wideCondition,
} from './hostile';
import { parseResultViolations, REPORT_CONTROL, reportViolations, timed } from './oracles';
import { enforce, type Violation } from './violations';
import type { FuzzTarget, Property } from './targets';

/** Budget of one hostile case: generous for 2 shared cores, far below what quadratic code takes. */
const HOSTILE_BUDGET_MS = 30_000;
const erase = <Ts extends unknown[]>(p: fc.IPropertyWithHooks<Ts>): Property => p as unknown as Property;

/** Units that made the former URL expression backtrack, and the characters reports must escape. */
const UNITS = [
  'a',
  'a.',
  'x-',
  '1a',
  'a@',
  'w',
  'www.',
  'http',
  '://',
  '@b.c',
  ' ',
  '\u202e',
  '\u0000',
  '\u2028',
  '|',
  '`',
];
const hostileText = (maxRepeat: number) =>
  fc
    .array(fc.tuple(fc.constantFrom(...UNITS), fc.integer({ min: 1, max: maxRepeat })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((parts) => parts.map(([unit, n]) => unit.repeat(n)).join(''));

function checkLibraryCase(sources: { path: string; content: unknown }[], base: Library): Violation[] {
  const r = timed('loadLibrary(hostile pack)', () => loadLibrary(sources, { base }), HOSTILE_BUDGET_MS);
  return r.value ? [...r.violations, ...parseResultViolations(r.value, { needFile: true })] : r.violations;
}

/** JSON text of a value with `key` written twice in the object at `path` (the second one wins for JSON.parse). */
function withDuplicate(
  value: unknown,
  depthPick: number,
): { text: string; path: (string | number)[] } | undefined {
  const objects: { node: Record<string, unknown>; path: (string | number)[] }[] = [];
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) node.forEach((v, i) => stack.push({ node: v, path: [...path, i] }));
    else {
      if (Object.keys(node).length > 0) objects.push({ node: node as Record<string, unknown>, path });
      for (const [k, v] of Object.entries(node)) stack.push({ node: v, path: [...path, k] });
    }
  }
  if (objects.length === 0) return undefined;
  const target = objects[depthPick % objects.length]!;
  const key = Object.keys(target.node)[0]!;
  const marker = '"~duplicate-marker~":0';
  const original = target.node;
  const copy: Record<string, unknown> = { '~duplicate-marker~': 0, ...original };
  // Swap the object in place, stringify, then turn the marker into a second copy of the key.
  const parent =
    target.path.length === 0
      ? undefined
      : target.path.slice(0, -1).reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], value);
  const last = target.path[target.path.length - 1];
  const whole = parent === undefined ? copy : value;
  if (parent !== undefined) (parent as Record<string | number, unknown>)[last!] = copy;
  // A replacer function: a replacement string would read `$$` or `$&` in the key as patterns.
  const text = JSON.stringify(whole).replace(marker, () => `${JSON.stringify(key)}:"first"`);
  if (parent !== undefined) (parent as Record<string | number, unknown>)[last!] = original;
  return { text, path: [...target.path, key] };
}

export function hostileTargets(library: Library, base: Library): FuzzTarget[] {
  const { catalogue } = library;
  return [
    {
      name: 'hostile: huge rule packs',
      testRuns: 3,
      fuzzRuns: 40,
      property: () =>
        erase(
          fc.property(
            fc.oneof(
              fc.integer({ min: 1, max: 1_000_000 }).map((n) => pack(repeatedTypesPack(n))),
              fc.integer({ min: 1, max: 45_000 }).map((n) => manyRulesPacks(n)),
              fc.integer({ min: 1, max: 20_000 }).map((n) => pack(typoPack(n))),
              fc.integer({ min: 1, max: 600_000 }).map((n) => pack(manyProblemsPack(n))),
              fc.integer({ min: 1, max: 3_000 }).map((n) => {
                const p = typoPack(1);
                (p['rules'] as Record<string, unknown>[])[0]!['when'] = wideCondition(n);
                return pack(p);
              }),
              fc.integer({ min: 1, max: 40 }).map((d) => pack(deepConditionPack(d))),
            ),
            (sources) => enforce(checkLibraryCase(sources, base)),
          ),
        ),
    },
    {
      name: 'hostile: duplicate keys',
      testRuns: 30,
      fuzzRuns: 1500,
      property: () =>
        erase(
          fc.property(fc.jsonValue({ maxDepth: 6 }), fc.nat(), (value, pick) => {
            const clean = JSON.stringify(value);
            const violations: Violation[] = [];
            if (clean !== undefined && !parseJsonText(clean).ok)
              violations.push({
                kind: 'bad-result',
                detail: `valid JSON without duplicates refused: ${clean.slice(0, 200)}`,
              });
            const dup = withDuplicate(value, pick);
            if (dup) {
              const r = timed('parseJsonText(duplicate)', () => parseJsonText(dup.text));
              violations.push(...r.violations);
              if (r.value?.ok)
                violations.push({
                  kind: 'not-rejected',
                  detail: `a duplicate key was accepted: ${dup.text.slice(0, 200)}`,
                });
              else if (r.value && !r.value.problems.some((p) => p.message.startsWith('duplicate key')))
                violations.push({
                  kind: 'bad-result',
                  detail: `no duplicate-key problem: ${JSON.stringify(r.value.problems)}`,
                });
            }
            enforce(violations, () => clean?.slice(0, 300) ?? '');
          }),
        ),
    },
    {
      name: 'hostile: regex-heavy text in reports',
      testRuns: 5,
      fuzzRuns: 150,
      property: () =>
        erase(
          fc.property(
            hostileText(200_000),
            fc.array(hostileText(3_000), { minLength: 1, maxLength: 20 }),
            (line, notes) => {
              const violations: Violation[] = [];
              const inline = timed('mdInline(hostile)', () => mdInline(line), HOSTILE_BUDGET_MS);
              violations.push(...inline.violations);
              if (inline.value !== undefined && REPORT_CONTROL.test(inline.value))
                violations.push({ kind: 'control-char', detail: 'mdInline left a raw control character' });
              const triage = Object.fromEntries(
                notes.map((note, i) => [
                  `rule.gone-${i}@x`,
                  { status: 'accepted', note: note.slice(0, 20_000), owner: note.slice(0, 500) },
                ]),
              );
              const doc = parseDocument(
                {
                  format: 'ai-threat-model',
                  schemaVersion: 1,
                  meta: { title: line.slice(0, 500), description: line.slice(0, 20_000) },
                  triage,
                },
                { catalogue },
              );
              if (!doc.ok)
                violations.push({ kind: 'bad-result', detail: JSON.stringify(doc.problems.slice(0, 2)) });
              else violations.push(...reportViolations(doc.value, library));
              enforce(violations);
            },
          ),
        ),
    },
    {
      name: 'hostile: deep valid structures',
      testRuns: 5,
      fuzzRuns: 200,
      property: () =>
        erase(
          fc.property(
            fc.integer({ min: 1, max: LIMITS.boundaryDepth.value }),
            fc.integer({ min: 1, max: LIMITS.conditionDepth.value }),
            fc.integer({ min: 1, max: LIMITS.jsonDepth.value - 1 }),
            (boundaries, condition, json) => {
              const violations: Violation[] = [];
              const doc = parseDocument(deepBoundariesModel(boundaries), { catalogue });
              if (!doc.ok)
                violations.push({
                  kind: 'bad-result',
                  detail: `valid deep boundaries refused: ${JSON.stringify(doc.problems[0])}`,
                });
              const lib = loadLibrary([{ path: 'deep.json', content: deepConditionPack(condition) }], {
                base,
              });
              if (!lib.ok)
                violations.push({
                  kind: 'bad-result',
                  detail: `valid deep condition refused: ${JSON.stringify(lib.problems[0])}`,
                });
              if (doc.ok && lib.ok) violations.push(...reportViolations(doc.value, lib.value));
              const nested = `${'['.repeat(json)}${']'.repeat(json)}`;
              if (!parseJsonText(nested).ok)
                violations.push({ kind: 'bad-result', detail: `valid ${json}-deep JSON refused` });
              enforce(violations);
            },
          ),
        ),
    },
    {
      name: 'hostile: many user threats',
      testRuns: 1,
      fuzzRuns: 12,
      property: () =>
        erase(
          fc.property(fc.integer({ min: 1, max: 160_000 }), (n) => {
            const r = timed(
              `analyze(${n} user threats)`,
              () => {
                const parsed = parseDocument(manyUserThreatsModel(n), { catalogue });
                if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems[0]));
                const findings = evaluate(parsed.value, library);
                const report = buildReport(parsed.value, library, findings);
                renderJsonReport(report);
                exportMarkdownReport(parsed.value, library, findings);
                return findings.filter((f) => f.origin === 'user').length;
              },
              HOSTILE_BUDGET_MS,
            );
            const violations = [...r.violations];
            if (r.value !== undefined && r.value !== n)
              violations.push({
                kind: 'bad-result',
                detail: `${r.value} user findings for ${n} user threats`,
              });
            enforce(violations);
          }),
        ),
    },
    {
      name: 'hostile: CSV separators and formula starts',
      testRuns: 40,
      fuzzRuns: 3000,
      property: () =>
        erase(
          fc.property(
            fc
              .array(
                fc.constantFrom(
                  ',',
                  ';',
                  '|',
                  '\t',
                  '\r',
                  '\n',
                  ' ',
                  '\u3000',
                  '=',
                  '+',
                  '-',
                  '@',
                  '\uff1d',
                  '\uff0b',
                  '\uff0d',
                  '\uff20',
                  '\u0000',
                  '"',
                  'a',
                  '1',
                  '\u202e',
                ),
                { maxLength: 30 },
              )
              .map((chars) => chars.join('')),
            (cell) => enforce(csvViolations(`${csvCell(cell)}\r\n`, 1, 1), () => JSON.stringify(cell)),
          ),
        ),
    },
  ];
}

const pack = (content: unknown) => [{ path: 'pack.json', content }];
