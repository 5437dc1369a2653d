/**
 * Oracles: what must hold for any input, however hostile. Each returns violations (see
 * violations.ts) rather than throwing, so known bugs can be counted instead of masking new ones.
 */
import {
  evaluate,
  exportJsonReport,
  exportMarkdownReport,
  parseDocumentText,
  serialiseDocument,
  type Catalogue,
  type Library,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { markdownViolations } from './markdownOracle';
import type { Violation } from './violations';

/** Wall-clock budget for one case of one target: far above the real cost, far below a hang. */
export const CASE_BUDGET_MS = 5_000;

/** A JSON path as formatPath writes it: `$`, `.name`, `[3]`, `["odd key"]`. */
// eslint-disable-next-line no-control-regex -- a quoted key may not hold raw control characters
export const JSON_PATH = /^\$(?:\.[A-Za-z_$][A-Za-z0-9_$]*|\[\d+\]|\["(?:[^"\\\u0000-\u001f]|\\.)*"\])*$/;
/** Characters that must never reach a message printed to a terminal or a CI log. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** Characters no report may carry raw (line breaks aside in Markdown): controls, separators, bidi. */
export const REPORT_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const VAGUE = /^(?:invalid input|invalid|invalid value|error|unknown error|bad input|undefined|null)\.?$/i;

/** Runs `fn`, turning a throw or an over-budget run into a violation. */
export function timed<T>(
  label: string,
  fn: () => T,
  budgetMs = CASE_BUDGET_MS,
): { value?: T; violations: Violation[] } {
  const start = performance.now();
  let value: T | undefined;
  const violations: Violation[] = [];
  try {
    value = fn();
  } catch (error) {
    violations.push({ kind: 'throw', detail: `${label} threw: ${describeError(error)}` });
  }
  const ms = performance.now() - start;
  if (ms > budgetMs)
    violations.push({ kind: 'slow', detail: `${label} took ${Math.round(ms)} ms (budget ${budgetMs} ms)` });
  return value === undefined ? { violations } : { value, violations };
}

export function describeError(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return String(error);
}

/** Every rejection names a JSON path starting with `$` and says something specific. */
export function problemViolations(problems: unknown, options: { needFile?: boolean } = {}): Violation[] {
  if (!Array.isArray(problems) || problems.length === 0)
    return [
      { kind: 'bad-result', detail: `a rejection must list problems, got ${JSON.stringify(problems)}` },
    ];
  const out: Violation[] = [];
  for (const p of problems as unknown[]) {
    const problem = p as { path?: unknown; message?: unknown; file?: unknown } | null;
    const shown = JSON.stringify(problem)?.slice(0, 300) ?? String(problem);
    if (
      problem === null ||
      typeof problem !== 'object' ||
      typeof problem.path !== 'string' ||
      typeof problem.message !== 'string'
    ) {
      out.push({ kind: 'bad-result', detail: `not a problem: ${shown}` });
      continue;
    }
    const { path, message } = problem;
    if (!path.startsWith('$')) out.push({ kind: 'bad-path', detail: `path does not start with $: ${shown}` });
    else if (!JSON_PATH.test(path)) out.push({ kind: 'bad-path', detail: `not a JSON path: ${shown}` });
    if (message.trim().length < 3 || VAGUE.test(message.trim()) || message.includes('[object Object]')) {
      out.push({ kind: 'vague-message', detail: `vague message: ${shown}` });
    }
    if (CONTROL.test(path) || CONTROL.test(message))
      out.push({ kind: 'control-char', detail: `control character in a problem: ${shown}` });
    if (/^not valid JSON/.test(message) && !/at line \d+, column \d+/.test(message)) {
      out.push({ kind: 'json-no-location', detail: `no line and column: ${shown}` });
    }
    if (options.needFile && (typeof problem.file !== 'string' || problem.file === '')) {
      out.push({ kind: 'bad-result', detail: `a library problem must name its file: ${shown}` });
    }
  }
  return out;
}

/** A parse result is either a value or a non-empty list of well-formed problems. */
export function parseResultViolations(result: unknown, options: { needFile?: boolean } = {}): Violation[] {
  const r = result as { ok?: unknown; value?: unknown; warnings?: unknown; problems?: unknown } | null;
  if (r === null || typeof r !== 'object' || typeof r.ok !== 'boolean')
    return [{ kind: 'bad-result', detail: `not a ParseResult: ${String(result)}` }];
  if (r.ok) {
    if (r.value === undefined) return [{ kind: 'bad-result', detail: 'ok without a value' }];
    if (!Array.isArray(r.warnings)) return [{ kind: 'bad-result', detail: 'ok without a warnings list' }];
    return r.warnings.length > 0 ? problemViolations(r.warnings) : [];
  }
  return problemViolations(r.problems, options);
}

/** serialise(parse(serialise(doc))) === serialise(doc), and the text parses back without problems. */
export function roundTripViolations(doc: ThreatModelDocument, catalogue: Catalogue): Violation[] {
  const first = timed('serialiseDocument', () => serialiseDocument(doc));
  if (first.value === undefined) return first.violations;
  const reparsed = timed('parseDocumentText(serialised)', () =>
    parseDocumentText(first.value!, { catalogue }),
  );
  if (reparsed.value === undefined) return reparsed.violations;
  if (!reparsed.value.ok) {
    return [
      {
        kind: 'round-trip',
        detail: `the serialised document does not parse: ${JSON.stringify(reparsed.value.problems.slice(0, 3))}`,
      },
    ];
  }
  const second = serialiseDocument(reparsed.value.value);
  if (second !== first.value)
    return [{ kind: 'round-trip', detail: `not byte-identical:\n${firstDifference(first.value, second)}` }];
  return [];
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 40))} vs ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 40))}`;
}

/** evaluate and both reports never throw on a valid document, and the Markdown stays inert. */
export function reportViolations(
  doc: ThreatModelDocument,
  library: Library,
  options: { markers?: boolean } = {},
): Violation[] {
  const violations: Violation[] = [];
  const findings = timed('evaluate', () => evaluate(doc, library));
  violations.push(...findings.violations);
  const json = timed('exportJsonReport', () => exportJsonReport(doc, library));
  violations.push(...json.violations);
  if (json.value !== undefined) {
    try {
      JSON.parse(json.value);
    } catch (error) {
      violations.push({ kind: 'bad-result', detail: `the JSON report is not JSON: ${describeError(error)}` });
    }
  }
  const md = timed('exportMarkdownReport', () => exportMarkdownReport(doc, library, findings.value));
  violations.push(...md.violations);
  if (md.value !== undefined) violations.push(...markdownViolations(md.value, options));
  for (const [format, text] of [
    ['JSON', json.value?.replace(/\n/g, '')],
    ['Markdown', md.value?.replace(/\n/g, '')],
  ] as const)
    if (text !== undefined && REPORT_CONTROL.test(text))
      violations.push({
        kind: 'control-char',
        detail: `a raw control or bidi character in the ${format} report: ${JSON.stringify(REPORT_CONTROL.exec(text)![0])}`,
      });
  return violations;
}
