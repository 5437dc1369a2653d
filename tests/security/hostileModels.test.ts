/**
 * Hostile but valid-looking models: many hand-added threats, text built to make regular
 * expressions backtrack, controls and bidi characters, extreme coordinates, deep valid nesting.
 * Sizes are chosen so the former code crashed or took minutes; the test timeout is the time
 * assertion and the checks are on structure (`npm run bench:hostile` prints the figures).
 */
import { describe, expect, it } from 'vitest';
import {
  buildReport,
  evaluate,
  exportJsonReport,
  exportMarkdownReport,
  LIMITS,
  mdInline,
  mermaidText,
  parseDocument,
  renderJsonReport,
  shippedLibrary,
  type ThreatModelDocument,
} from '../../src/core/index';
import {
  deepBoundariesModel,
  manyUserThreatsModel,
  REGEX_HEAVY_LINES,
  regexHeavyModel,
} from '../fuzz/support/hostile';

const library = shippedLibrary();
const parse = (raw: unknown): ThreatModelDocument => {
  const r = parseDocument(raw, { catalogue: library.catalogue });
  if (!r.ok) throw new Error(JSON.stringify(r.problems.slice(0, 3)));
  return r.value;
};
const problemsOf = (raw: unknown) => {
  const r = parseDocument(raw, { catalogue: library.catalogue });
  return r.ok ? [] : r.problems;
};

describe('many threats added by hand', () => {
  it('150,000 user threats (130,000 crashed analyze) evaluate and report', () => {
    const doc = parse(manyUserThreatsModel(150_000));
    const findings = evaluate(doc, library);
    expect(findings.filter((f) => f.origin === 'user')).toHaveLength(150_000);
    const json = JSON.parse(renderJsonReport(buildReport(doc, library, findings))) as { findings: unknown[] };
    expect(json.findings).toHaveLength(findings.length);
    const md = exportMarkdownReport(doc, library, findings);
    expect(md.match(/^#### LOW — T\d+$/gm)).toHaveLength(150_000);
  });

  it('more than the limit are refused, naming it', () => {
    const problems = problemsOf(manyUserThreatsModel(LIMITS.userThreats.value + 1));
    expect(problems).toEqual([
      expect.objectContaining({
        path: '$.userThreats',
        message: expect.stringContaining('limits.userThreats'),
      }),
    ]);
  });
});

describe('no backtracking regular expression on user text', () => {
  it.each(REGEX_HEAVY_LINES)('mdInline on 10 MB: %s', (_, line) => {
    const out = mdInline(line);
    // Every character survives (escaped or in a code span); nothing is lost or duplicated.
    expect(
      out.replace(/\\(.)/g, '$1').replace(/` | `/g, '').replace(/&amp;/g, '&').length,
    ).toBeGreaterThanOrEqual(line.trim().length);
    expect(out).not.toMatch(/\n/);
  });

  it.each(REGEX_HEAVY_LINES)('mermaidText on 10 MB: %s', (_, line) => {
    expect(mermaidText(line)).not.toMatch(/["\n]/);
  });

  it('the Markdown report of a 10 MB model of such text (2 MB took 92.6 s)', () => {
    const doc = parse(regexHeavyModel(10_000_000));
    const md = exportMarkdownReport(doc, library);
    expect(md.length).toBeGreaterThan(10_000_000);
    expect(md.match(/^\| rule\.gone-\d+@nowhere \|/gm)).toHaveLength(Object.keys(doc.triage).length);
  });
});

describe('control and bidi characters in every report format', () => {
  const hostile = 'safe\u202egnp.exe\u2066x\u2069 \u0007bell \u0085nel \u2028ls \u200fmark \u001b[31mred';
  const doc = parse({
    format: 'ai-threat-model',
    schemaVersion: 1,
    meta: { title: hostile, description: hostile, owner: hostile },
    components: [{ id: 'api', type: 'inference-api', label: hostile, props: { exposure: 'internet' } }],
    triage: { 'rule.gone@x': { status: 'open', note: hostile, owner: hostile } },
  });
  const RAW =
    // eslint-disable-next-line no-control-regex -- finding raw control characters is the point
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  it('Markdown shows them as visible escapes, in text, code spans and the diagram', () => {
    const md = exportMarkdownReport(doc, library);
    expect(md).not.toMatch(RAW);
    expect(md).toContain('safe\\\\u202egnp.exe');
    expect(md).toContain('#8238;');
  });

  it('JSON writes them as \\u escapes, so the parsed report is unchanged', () => {
    const text = exportJsonReport(doc, library);
    expect(text).not.toMatch(RAW);
    expect(text).toContain('\\u202e');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(buildReport(doc, library))));
  });
});

describe('extreme coordinates', () => {
  const at = (position: unknown, size?: unknown) => ({
    format: 'ai-threat-model',
    schemaVersion: 1,
    meta: { title: 'm' },
    trustBoundaries: [
      { id: 'b', label: 'B', zone: 'internal', position: { x: 0, y: 0 }, ...(size ? { size } : {}) },
    ],
    components: [{ id: 'api', type: 'inference-api', label: 'API', position }],
  });

  it.each([
    [{ x: 1e8, y: 0 }, '$.components[0].position.x'],
    [{ x: 0, y: -1e300 }, '$.components[0].position.y'],
  ])('%j is refused, naming the path and the limit', (position, path) => {
    expect(problemsOf(at(position))).toEqual([
      expect.objectContaining({ path, message: expect.stringContaining('limits.coordinate') }),
    ]);
  });

  it('a boundary larger than the limit is refused', () => {
    expect(problemsOf(at({ x: 0, y: 0 }, { width: 5e7, height: 10 }))).toEqual([
      expect.objectContaining({
        path: '$.trustBoundaries[0].size.width',
        message: expect.stringContaining('limits.extent'),
      }),
    ]);
  });

  it('the limit itself is accepted', () => {
    const v = LIMITS.coordinate.value;
    expect(problemsOf(at({ x: -v, y: v }, { width: LIMITS.extent.value, height: 1 }))).toEqual([]);
  });
});

describe('deep valid structures', () => {
  it('boundaries nested to the limit evaluate and report; one more level is refused', () => {
    const doc = parse(deepBoundariesModel(LIMITS.boundaryDepth.value));
    expect(exportMarkdownReport(doc, library).match(/^ *subgraph /gm)).toHaveLength(
      LIMITS.boundaryDepth.value,
    );
    expect(problemsOf(deepBoundariesModel(LIMITS.boundaryDepth.value + 1))).toEqual([
      expect.objectContaining({ message: 'trust boundaries may nest at most 32 levels deep' }),
    ]);
  });
});
