// `npm run bench:hostile`: time of each hostile input of the hardening issue on today's code
// (tests/fuzz/support/hostile.ts builds them; tests/security/hostile*.test.ts checks the results).
// A benchmark, not a test: it prints figures, it asserts nothing. For comparison it also times the
// former URL regular expression of the Markdown report on one 20,000-character note.
import {
  buildReport,
  csvCell,
  evaluate,
  loadLibrary,
  mdInline,
  parseDocument,
  parseJsonText,
  renderJsonReport,
  renderMarkdownReport,
  shippedLibrary,
} from '../src/core/index';
import {
  manyProblemsPack,
  manyRulesPacks,
  manyUserThreatsModel,
  REGEX_HEAVY_LINES,
  regexHeavyModel,
  repeatedTypesPack,
  typoPack,
} from '../tests/fuzz/support/hostile';

const base = shippedLibrary();
const rows: [string, string, number][] = [];

function time<T>(what: string, input: string, fn: () => T): T {
  const start = performance.now();
  const value = fn();
  rows.push([what, input, performance.now() - start]);
  return value;
}

const pack = (content: unknown) => [{ path: 'pack.json', content }];
const bytes = (value: unknown) => `${(JSON.stringify(value).length / 1024 / 1024).toFixed(1)} MB`;

for (const n of [80_000, 1_000_000]) {
  const content = repeatedTypesPack(n);
  time('loadLibrary: one rule, one type repeated', `${n.toLocaleString('en')} (${bytes(content)})`, () =>
    loadLibrary(pack(content), { base }),
  );
}
{
  const sources = manyRulesPacks(49_000);
  time('loadLibrary: rules on one type', `49,000 in ${sources.length} files (${bytes(sources)})`, () =>
    loadLibrary(sources, { base }),
  );
  const refused = manyRulesPacks(100_000);
  time('loadLibrary: rules on one type (refused)', `100,000 (${bytes(refused)})`, () =>
    loadLibrary(refused, { base }),
  );
}
time('loadLibrary: unknown facts', '20,000 rules', () => loadLibrary(pack(typoPack(20_000)), { base }));
time('loadLibrary: schema problems', `600,000 (${bytes(manyProblemsPack(600_000))})`, () =>
  loadLibrary(pack(manyProblemsPack(600_000)), { base }),
);

{
  const raw = manyUserThreatsModel(150_000);
  const text = JSON.stringify(raw);
  const parsed = time('parseJsonText + parseDocument: user threats', `150,000 (${bytes(raw)})`, () => {
    const json = parseJsonText(text);
    if (!json.ok) throw new Error(json.problem.message);
    return parseDocument(json.value, { catalogue: base.catalogue });
  });
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  const findings = time('evaluate: user threats', '150,000', () => evaluate(parsed.value, base));
  const report = buildReport(parsed.value, base, findings);
  time('JSON report: user threats', '150,000', () => renderJsonReport(report));
  time('Markdown report: user threats', '150,000', () => renderMarkdownReport(report, parsed.value, base));
}
{
  const raw = regexHeavyModel(10_000_000);
  const parsed = parseDocument(raw, { catalogue: base.catalogue });
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  const report = buildReport(parsed.value, base);
  time('JSON report: regex-heavy notes', bytes(raw), () => renderJsonReport(report));
  time('Markdown report: regex-heavy notes', bytes(raw), () =>
    renderMarkdownReport(report, parsed.value, base),
  );
}
for (const [what, line] of REGEX_HEAVY_LINES) time(`mdInline: ${what}`, '10 MB', () => mdInline(line));
{
  const FORMER = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s]*|[^\s@<>()[\]]+@[^\s@<>()[\]]+\.[^\s@]+/gi;
  const note = 'a'.repeat(20_000);
  time('former URL regular expression (for comparison)', "one note of 20,000 'a'", () => [
    ...note.matchAll(FORMER),
  ]);
}
{
  const text = JSON.stringify(
    Array.from({ length: 200_000 }, (_, i) => ({
      id: `x${i}`,
      label: 'a "label"',
      nested: { a: [1, 2], b: 'c' },
    })),
  );
  time('parseJsonText (duplicate-key scan included)', `${(text.length / 1024 / 1024).toFixed(1)} MB`, () =>
    parseJsonText(text),
  );
  time('JSON.parse alone (for comparison)', `${(text.length / 1024 / 1024).toFixed(1)} MB`, () =>
    JSON.parse(text),
  );
}
time('csvCell: separators and formula starts', '10 MB', () =>
  csvCell(';='.repeat(2_500_000) + ' '.repeat(5_000_000)),
);

const width = Math.max(...rows.map((r) => r[0].length));
const inputWidth = Math.max(...rows.map((r) => r[1].length));
for (const [what, input, ms] of rows)
  console.log(`${what.padEnd(width)}  ${input.padEnd(inputWidth)}  ${`${ms.toFixed(0)} ms`.padStart(9)}`);
