// `npm run bench`: median time of parse, evaluate and Markdown export on synthetic models of
// 100, 1,000 and 10,000 components (about two flows each) with the shipped library, and the
// growth exponent between sizes. A benchmark, not a test: it prints figures, it asserts nothing.
import {
  evaluate,
  exportMarkdownReport,
  parseDocumentText,
  serialiseDocument,
  shippedLibrary,
} from '../src/core/index';
import { syntheticModel } from './syntheticModel';

const library = shippedLibrary();
const sizes = [100, 1_000, 10_000];
const runs = (size: number) => (size >= 10_000 ? 7 : size >= 1_000 ? 15 : 41);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => unknown, count: number): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const rows: {
  size: number;
  flows: number;
  findings: number;
  parse: number;
  evaluate: number;
  markdown: number;
}[] = [];
for (const size of sizes) {
  const doc = syntheticModel(size);
  const text = serialiseDocument(doc);
  const parsed = parseDocumentText(text, { catalogue: library.catalogue });
  if (!parsed.ok)
    throw new Error(`synthetic model invalid: ${parsed.problems[0]?.path} ${parsed.problems[0]?.message}`);
  const findings = evaluate(parsed.value, library);
  rows.push({
    size,
    flows: doc.dataFlows.length,
    findings: findings.length,
    parse: time(() => parseDocumentText(text, { catalogue: library.catalogue }), runs(size)),
    evaluate: time(() => evaluate(parsed.value, library), runs(size)),
    markdown: time(() => exportMarkdownReport(parsed.value, library, findings), runs(size)),
  });
}

const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(10);
console.log(
  `library ${library.name} ${library.version}: ${library.rules.length} rules, ${library.threats.size} threats`,
);
console.log('components   flows  findings     parse  evaluate  markdown');
for (const r of rows)
  console.log(
    `${String(r.size).padStart(10)} ${String(r.flows).padStart(7)} ${String(r.findings).padStart(9)}${ms(r.parse)}${ms(r.evaluate)}${ms(r.markdown)}`,
  );
const exponent = (key: 'parse' | 'evaluate' | 'markdown') => {
  const first = rows[1]!;
  const last = rows[2]!;
  return Math.log(last[key] / first[key]) / Math.log(last.size / first.size);
};
console.log(
  `growth exponent 1,000 → 10,000: parse ${exponent('parse').toFixed(2)}, evaluate ${exponent('evaluate').toFixed(2)}, markdown ${exponent('markdown').toFixed(2)} (1.00 = linear)`,
);
