// `npm run bench`: on synthetic models of 1,000, 10,000 and 30,000 components (about two flows
// each) with the shipped library — median times of parse, full evaluation next to a plain-JS floor
// at the same rule count (engineFloor.ts says what the floor does) and their ratio, Markdown
// export, and the incremental evaluator on six edits: a property, a label, a triage entry, a new
// flow (a reachability change), a new component (indices move) and a component deleted. The
// engine and the floor are built into one bundle first, as the app and the CLI ship them
// (shippedBuild.ts). A benchmark, not a test: it prints figures, it asserts nothing.
import type { EditMaker, Finding, ThreatModelDocument } from './engineBenchSubjects';
import { importShippedBuild } from './shippedBuild';

// The engine and the floor as they ship: built into one bundle, as the CLI and the app are.
const {
  createEvaluator,
  evaluate,
  exportMarkdownReport,
  parseDocumentText,
  serialiseDocument,
  shippedLibrary,
  plainFloor,
  labelEdit,
  newComponentEdit,
  removeComponentEdit,
  newFlowEdit,
  propertyEdit,
  triageEdit,
  syntheticModel,
} = await importShippedBuild<typeof import('./engineBenchSubjects')>('engineBenchSubjects.ts');

const library = shippedLibrary();
const sizes = [1_000, 10_000, 30_000];
const runs = (size: number) => (size >= 30_000 ? 3 : size >= 10_000 ? 7 : 15);
const comparedRuns = (size: number) => (size >= 30_000 ? 7 : size >= 10_000 ? 21 : 101);
/** Graph analyses the engine runs per evaluation (graphFacts.ts), plus one per path condition in the library. */
const graphPasses = 12 + countPathConditions();

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Median of `count` timed calls after a warm-up of at least 5 calls and 300 ms, so that neither the
 * engine nor the floor is timed before the JIT has compiled it (one warm-up call left the 1,000
 * size, timed first, measuring mostly unoptimised code).
 */
function time(fn: () => unknown, count: number): number {
  const warm = performance.now();
  for (let i = 0; i < 5 || performance.now() - warm < 300; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Median time of `evaluator.evaluate` on one edit after another, each on the previous result. */
function timeEdits(doc: ThreatModelDocument, edit: EditMaker, count: number): number {
  const evaluator = createEvaluator(library);
  let current = doc;
  let findings: readonly Finding[] = evaluator.evaluate(current);
  const samples: number[] = [];
  for (let step = 0; step < count + 2; step++) {
    const next = edit(current, step, findings);
    const start = performance.now();
    findings = evaluator.evaluate(next);
    if (step >= 2) samples.push(performance.now() - start); // the first two warm up
    current = next;
  }
  return median(samples);
}

interface Row {
  size: number;
  flows: number;
  findings: number;
  parse: number;
  full: number;
  floor: number;
  markdown: number;
  property: number;
  label: number;
  triage: number;
  newFlow: number;
  newComponent: number;
  removeComponent: number;
}
const rows: Row[] = [];
for (const size of sizes) {
  const doc = syntheticModel(size);
  const text = serialiseDocument(doc);
  const parsed = parseDocumentText(text, { catalogue: library.catalogue });
  if (!parsed.ok)
    throw new Error(`synthetic model invalid: ${parsed.problems[0]?.path} ${parsed.problems[0]?.message}`);
  const model = parsed.value;
  const findings = evaluate(model, library);
  const n = runs(size);
  // Parse is timed first, as it always was.
  const parse = time(() => parseDocumentText(text, { catalogue: library.catalogue }), n);
  // One after the other, each with its own garbage: timed in alternation, the floor collected the
  // engine's garbage and measured 25 % slower. Three rounds of each, the lowest median of each
  // kept, so that a burst of load from elsewhere on the machine weighs on neither side.
  const compared = (fn: () => unknown) => time(fn, comparedRuns(size));
  let full = Infinity;
  let floor = Infinity;
  for (let round = 0; round < 3; round++) {
    full = Math.min(
      full,
      compared(() => evaluate(model, library)),
    );
    floor = Math.min(
      floor,
      compared(() => plainFloor(model, library, findings.length, graphPasses)),
    );
  }
  rows.push({
    size,
    flows: doc.dataFlows.length,
    findings: findings.length,
    parse,
    full,
    floor,
    markdown: time(() => exportMarkdownReport(model, library, findings), n),
    property: timeEdits(model, propertyEdit, 21),
    label: timeEdits(model, labelEdit, 21),
    triage: timeEdits(model, triageEdit, 21),
    newFlow: timeEdits(model, newFlowEdit, n),
    newComponent: timeEdits(model, newComponentEdit, n),
    removeComponent: timeEdits(model, removeComponentEdit, n),
  });
}

const ms = (v: number, width = 10) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`.padStart(width);
console.log(
  `library ${library.name} ${library.version}: ${library.rules.length} rules, ${library.threats.size} threats; floor runs ${graphPasses} graph passes`,
);
console.log('components   flows  findings     parse      full     floor  ratio  markdown');
for (const r of rows)
  console.log(
    `${String(r.size).padStart(10)} ${String(r.flows).padStart(7)} ${String(r.findings).padStart(9)}${ms(r.parse)}${ms(r.full)}${ms(r.floor)} ${`${(r.full / r.floor).toFixed(1)}×`.padStart(6)}${ms(r.markdown)}`,
  );
console.log(
  'incremental (one edit, median):  property      label     triage   new flow  new component  remove component',
);
for (const r of rows)
  console.log(
    `${String(r.size).padStart(10)} components         ${ms(r.property)} ${ms(r.label)} ${ms(r.triage)} ${ms(r.newFlow)} ${ms(r.newComponent, 14)} ${ms(r.removeComponent, 17)}`,
  );
const exponent = (key: 'parse' | 'full' | 'markdown') => {
  const first = rows[0]!;
  const last = rows[1]!;
  return Math.log(last[key] / first[key]) / Math.log(last.size / first.size);
};
console.log(
  `growth exponent 1,000 → 10,000: parse ${exponent('parse').toFixed(2)}, evaluate ${exponent('full').toFixed(2)}, markdown ${exponent('markdown').toFixed(2)} (1.00 = linear)`,
);

function countPathConditions(): number {
  let count = 0;
  const walk = (c: unknown): void => {
    if (!c || typeof c !== 'object') return;
    const o = c as Record<string, unknown>;
    if ('upstream' in o || 'downstream' in o) count++;
    for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
  };
  for (const rule of library.rules) walk(rule);
  return count;
}
