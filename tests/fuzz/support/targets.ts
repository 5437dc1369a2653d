/**
 * The fuzz targets: each is a fast-check property over one entry point of the tool, run with a
 * few cases by `npm test` (tests/fuzz/*.test.ts) and with many by `npm run fuzz`
 * (scripts/fuzz.ts). Every case is bounded in time (oracles.ts, CASE_BUDGET_MS).
 */
import fc from 'fast-check';
import { main } from '../../../src/cli/main';
import {
  SHIPPED_LIBRARY_SOURCES,
  evaluate,
  loadLibrary,
  parseDocument,
  parseDocumentText,
  shippedLibrary,
  type Catalogue,
  type Library,
  type LibrarySource,
} from '../../../src/core/index';
import { memoryIo } from '../../cli/memoryIo';
import {
  cloneJson,
  documentArb,
  documentWithText,
  mutate,
  mutateText,
  mutationArb,
  rulePackArb,
  textMutationArb,
} from './arbitraries';
import { FUZZ_PACK } from './fuzzPack';
import { csvViolations, parseCsv } from './csvOracle';
import { loadFixtures, loadInterop, type Exporter, type Importer } from './interop';
import { markdownViolations } from './markdownOracle';
import {
  CONTROL,
  parseResultViolations,
  problemViolations,
  reportViolations,
  roundTripViolations,
  timed,
} from './oracles';
import { ALL_TEXT_PAYLOADS } from './payloads';
import { hostileTargets } from './hostileTargets';
import { enforce, type Violation } from './violations';

/** A property of any arity; the hooks let the fuzz script watch progress case by case. */
export type Property = fc.IPropertyWithHooks<unknown[]>;
const erase = <Ts extends unknown[]>(p: fc.IPropertyWithHooks<Ts>): Property => p as unknown as Property;

export interface FuzzTarget {
  name: string;
  /** Cases run by `npm test`: a smoke share, seconds in total. */
  testRuns: number;
  /** Cases run by `npm run fuzz`. */
  fuzzRuns: number;
  property(): Property;
}

/** The shipped library with the fuzz pack on top, so evaluation always has rules to fire. */
export function fuzzLibrary(): Library {
  const result = loadLibrary([{ path: 'tests/fuzz/support/fuzzPack.ts', content: FUZZ_PACK }], {
    base: shippedLibrary(),
  });
  if (!result.ok)
    throw new Error(
      `the fuzz pack does not load on the shipped library:\n${JSON.stringify(result.problems, null, 2)}`,
    );
  return result.value;
}

/** True when an own key anywhere in the value could reach a prototype. */
function hasForbiddenKey(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') return true;
      stack.push((node as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** Problems that say "(missing)" about a value that is there are wrong, not just vague. */
function missingButPresent(
  input: unknown,
  problems: readonly { path: string; message: string }[],
): Violation[] {
  const out: Violation[] = [];
  for (const p of problems) {
    if (!p.message.includes('(missing)')) continue;
    const value = valueAt(input, p.path);
    if (value !== undefined)
      out.push({
        kind: 'vague-message',
        detail: `says (missing) but the value is ${JSON.stringify(value)?.slice(0, 60)}: ${JSON.stringify(p)}`,
      });
  }
  return out;
}

/** The value a formatPath-style path points to, or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string));
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function checkParse(input: unknown, catalogue: Catalogue, library: Library, markers = false): Violation[] {
  const r = timed('parseDocument', () => parseDocument(input, { catalogue }));
  if (!r.value) return r.violations;
  const violations = [...r.violations, ...parseResultViolations(r.value)];
  if (!r.value.ok) violations.push(...missingButPresent(input, r.value.problems));
  else {
    if (hasForbiddenKey(input))
      violations.push({
        kind: 'not-rejected',
        detail: 'a document with a __proto__/constructor/prototype key was accepted',
      });
    violations.push(
      ...roundTripViolations(r.value.value, catalogue),
      ...reportViolations(r.value.value, library, { markers }),
    );
  }
  return violations;
}

function checkLibrary(sources: LibrarySource[], base: Library | undefined, docs: unknown[]): Violation[] {
  const r = timed('loadLibrary', () => loadLibrary(sources, base ? { base } : {}));
  if (!r.value) return r.violations;
  const violations = [...r.violations, ...parseResultViolations(r.value, { needFile: true })];
  if (r.value.ok) {
    const library = r.value.value;
    for (const doc of docs) {
      const parsed = timed('parseDocument', () => parseDocument(doc, { catalogue: library.catalogue }));
      violations.push(...parsed.violations);
      if (parsed.value?.ok) violations.push(...reportViolations(parsed.value.value, library));
    }
  }
  return violations;
}

function checkImport(
  importer: Importer,
  input: unknown,
  catalogue: Catalogue,
  library: Library,
  mustSucceed = false,
): Violation[] {
  const r = timed(importer.name, () => importer.run(input, { catalogue }));
  if (r.value === undefined) return r.violations;
  const violations = [...r.violations, ...parseResultViolations(r.value)];
  const result = r.value as {
    ok: boolean;
    value?: { document?: unknown; notes?: unknown };
    problems?: unknown;
  };
  if (!result.ok) {
    if (mustSucceed)
      violations.push({
        kind: 'importer-output',
        detail: `our own export does not import back: ${JSON.stringify(result.problems).slice(0, 500)}`,
      });
    return violations;
  }
  const document = result.value?.document;
  const reparsed = parseDocument(cloneJson(document), { catalogue });
  if (!reparsed.ok) {
    violations.push({
      kind: 'importer-output',
      detail: `the imported document does not pass parseDocument: ${JSON.stringify(reparsed.problems.slice(0, 3))}`,
    });
    return violations;
  }
  const notes = result.value?.notes;
  if (!Array.isArray(notes) || notes.some((n) => typeof n !== 'string'))
    violations.push({ kind: 'importer-output', detail: 'notes must be a list of strings' });
  else
    for (const n of notes as string[])
      if (CONTROL.test(n))
        violations.push({
          kind: 'control-char',
          detail: `control character in an import note: ${JSON.stringify(n.slice(0, 200))}`,
        });
  violations.push(
    ...roundTripViolations(reparsed.value, catalogue),
    ...reportViolations(reparsed.value, library),
  );
  return violations;
}

const docShapedArb = fc.record(
  {
    format: fc.oneof(fc.constant('ai-threat-model'), fc.jsonValue({ maxDepth: 1 })),
    schemaVersion: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
    meta: fc.oneof(
      fc.record({ title: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    trustBoundaries: fc.jsonValue({ maxDepth: 3 }),
    components: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.array(
        fc.dictionary(
          fc.constantFrom('id', 'type', 'label', 'props', 'boundaryId', 'position', 'description', 'extra'),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        { maxLength: 4 },
      ),
    ),
    dataFlows: fc.jsonValue({ maxDepth: 3 }),
    triage: fc.jsonValue({ maxDepth: 3 }),
    userThreats: fc.jsonValue({ maxDepth: 3 }),
  },
  { requiredKeys: [] },
);

const libraryShapedArb = fc.record(
  {
    name: fc.jsonValue({ maxDepth: 1 }),
    componentTypes: fc.jsonValue({ maxDepth: 3 }),
    guidelines: fc.jsonValue({ maxDepth: 3 }),
    threats: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(cloneJson(FUZZ_PACK.threats))),
    mitigations: fc.jsonValue({ maxDepth: 3 }),
    rules: fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.array(
        fc.record(
          {
            id: fc.constant('rule.j'),
            threat: fc.constant('threat.fuzz-flow'),
            target: fc.jsonValue({ maxDepth: 0 }),
            when: fc.jsonValue({ maxDepth: 4 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
    ),
  },
  { requiredKeys: [] },
);

/** A deep nesting written as text, as a hostile file would: cheap to build, expensive to recurse into. */
const deepText = (depth: number, open: string, close: string) =>
  `${open.repeat(depth)}${close.repeat(depth)}`;

export async function fuzzTargets(): Promise<FuzzTarget[]> {
  const library = fuzzLibrary();
  const shipped = shippedLibrary();
  const { catalogue } = library;
  const docArb = documentArb(catalogue);
  const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 4 });
  const interop = await loadInterop();
  const fixtures = loadFixtures();

  const targets: FuzzTarget[] = [
    {
      name: 'parseDocument: arbitrary JSON',
      testRuns: 60,
      fuzzRuns: 2000,
      property: () =>
        erase(
          fc.property(fc.oneof(fc.jsonValue(), docShapedArb), (input) =>
            enforce(checkParse(input, catalogue, library), () => JSON.stringify(input).slice(0, 500)),
          ),
        ),
    },
    {
      name: 'parseDocument: valid documents (round trip, evaluate, reports)',
      testRuns: 40,
      fuzzRuns: 1500,
      property: () =>
        erase(
          fc.property(documentArb(catalogue, { markers: true }), (doc) => {
            const r = parseDocument(doc, { catalogue });
            if (!r.ok)
              throw new Error(`a valid document was rejected: ${JSON.stringify(r.problems.slice(0, 3))}`);
            enforce([
              ...roundTripViolations(r.value, catalogue),
              ...reportViolations(r.value, library, { markers: true }),
            ]);
          }),
        ),
    },
    {
      name: 'parseDocument: mutated documents',
      testRuns: 60,
      fuzzRuns: 2000,
      property: () =>
        erase(
          fc.property(docArb, mutations, (doc, ms) =>
            enforce(checkParse(mutate(doc, ms), catalogue, library), () => JSON.stringify(ms).slice(0, 500)),
          ),
        ),
    },
    {
      name: 'parseDocumentText: damaged files',
      testRuns: 40,
      fuzzRuns: 1500,
      property: () =>
        erase(
          fc.property(docArb, fc.array(textMutationArb, { minLength: 1, maxLength: 3 }), (doc, ms) => {
            const text = mutateText(JSON.stringify(doc, null, 2), ms);
            const r = timed('parseDocumentText', () => parseDocumentText(text, { catalogue }));
            const violations = [...r.violations, ...(r.value ? parseResultViolations(r.value) : [])];
            if (r.value?.ok) violations.push(...roundTripViolations(r.value.value, catalogue));
            enforce(violations, () => JSON.stringify(ms));
          }),
        ),
    },
    {
      name: 'loadLibrary: arbitrary JSON rule packs',
      testRuns: 40,
      fuzzRuns: 1000,
      property: () =>
        erase(
          fc.property(fc.oneof(fc.jsonValue(), libraryShapedArb), (content) =>
            enforce(checkLibrary([{ path: 'pack.json', content }], shipped, []), () =>
              JSON.stringify(content).slice(0, 500),
            ),
          ),
        ),
    },
    {
      name: 'loadLibrary: mutated rule packs and library files',
      testRuns: 30,
      fuzzRuns: 800,
      property: () =>
        erase(
          fc.property(fc.nat(SHIPPED_LIBRARY_SOURCES.length), mutations, docArb, (which, ms, doc) => {
            const violations =
              which === SHIPPED_LIBRARY_SOURCES.length
                ? checkLibrary([{ path: 'pack.json', content: mutate(FUZZ_PACK, ms) }], shipped, [doc])
                : checkLibrary(
                    SHIPPED_LIBRARY_SOURCES.map((s, i) =>
                      i === which ? { path: s.path, content: mutate(s.content, ms) } : s,
                    ),
                    undefined,
                    [doc],
                  );
            enforce(violations, () => `${which} ${JSON.stringify(ms).slice(0, 500)}`);
          }),
        ),
    },
    {
      name: 'loadLibrary: random rules, then evaluate',
      testRuns: 20,
      fuzzRuns: 500,
      property: () =>
        erase(
          fc.property(rulePackArb(library), docArb, (pack, doc) =>
            enforce(checkLibrary([{ path: 'pack.json', content: pack }], shipped, [doc]), () =>
              JSON.stringify(pack).slice(0, 1500),
            ),
          ),
        ),
    },
    {
      name: 'reports: hostile text in every field',
      testRuns: 15,
      fuzzRuns: 300,
      property: () =>
        erase(
          fc.property(fc.shuffledSubarray(ALL_TEXT_PAYLOADS, { minLength: 1 }), (texts) => {
            const r = parseDocument(documentWithText(texts), { catalogue });
            if (!r.ok)
              throw new Error(`the payload document was rejected: ${JSON.stringify(r.problems.slice(0, 3))}`);
            enforce(reportViolations(r.value, library));
          }),
        ),
    },
    {
      name: 'CLI main: hostile files and arguments',
      testRuns: 40,
      fuzzRuns: 800,
      property: () =>
        erase(
          fc.property(cliCaseArb(docArb), (c) => enforce(checkCli(c), () => JSON.stringify(c).slice(0, 800))),
        ),
    },
  ];

  for (const importer of interop.importers) {
    const own = fixtures.filter((f) => importer.tool === 'any' || f.tool === importer.tool);
    const inputs = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record({
            fixture: fc.constantFrom(...(own.length > 0 ? own : fixtures)),
            ms: fc.array(mutationArb, { maxLength: 4 }),
          })
          .map(({ fixture, ms }) => mutate(fixture.content, ms)),
      },
      {
        weight: 1,
        arbitrary: fixtures.length > 0 ? fc.constantFrom(...fixtures).map((f) => f.content) : fc.jsonValue(),
      },
      { weight: 1, arbitrary: fc.jsonValue() },
    );
    targets.push({
      name: `${importer.name}: mutated ${importer.tool} files`,
      testRuns: importer.tool === 'threat-composer' ? 10 : 20,
      fuzzRuns: importer.tool === 'threat-composer' ? 300 : 600,
      property: () =>
        erase(fc.property(inputs, (input) => enforce(checkImport(importer, input, catalogue, library)))),
    });
  }
  for (const exporter of interop.exporters) {
    const importDocument = interop.importers.find((i) => i.tool === 'any');
    targets.push({
      name: `${exporter.name}: export, then import back`,
      testRuns: 15,
      fuzzRuns: 400,
      property: () =>
        erase(
          fc.property(documentArb(catalogue), (doc) =>
            enforce(checkExport(exporter, importDocument, doc, catalogue, library)),
          ),
        ),
    });
  }
  const csv = interop.csv;
  if (csv) {
    targets.push({
      name: `${csv.name}: formulas stay inert`,
      testRuns: 20,
      fuzzRuns: 400,
      property: () =>
        erase(
          fc.property(
            fc.oneof(docArb, fc.shuffledSubarray(ALL_TEXT_PAYLOADS, { minLength: 1 }).map(documentWithText)),
            (raw) => {
              const r = parseDocument(raw, { catalogue });
              if (!r.ok) return;
              const findings = evaluate(r.value, library);
              const out = timed(csv.name, () => csv.run(findings));
              enforce([
                ...out.violations,
                ...(typeof out.value === 'string'
                  ? csvViolations(out.value, findings.length + 1, headerWidth(out.value))
                  : []),
              ]);
            },
          ),
        ),
    });
  }
  targets.push(...hostileTargets(library, shipped));
  return targets;
}

/** Cells in the header row: the width every row must keep, whatever user text is in it. */
const headerWidth = (csv: string) => parseCsv(csv)[0]?.length ?? 0;

function checkExport(
  exporter: Exporter,
  importer: Importer | undefined,
  raw: unknown,
  catalogue: Catalogue,
  library: Library,
): Violation[] {
  const parsed = parseDocument(raw, { catalogue });
  if (!parsed.ok)
    return [
      {
        kind: 'bad-result',
        detail: `a generated document was rejected: ${JSON.stringify(parsed.problems.slice(0, 2))}`,
      },
    ];
  const findings = evaluate(parsed.value, library);
  const out = timed(exporter.name, () => exporter.run(parsed.value, findings));
  if (typeof out.value !== 'string')
    return [
      ...out.violations,
      ...(out.value === undefined
        ? []
        : [{ kind: 'bad-result' as const, detail: 'an exporter must return text' }]),
    ];
  if (!importer) return out.violations;
  return [...out.violations, ...checkImport(importer, JSON.parse(out.value), catalogue, library, true)];
}

// ------------------------------------------------------------------ CLI

interface CliCase {
  argv: string[];
  files: Record<string, string>;
  sizes: Record<string, number>;
  /** Set when the case validates the model alone, so the message format can be checked line by line. */
  plainValidate: boolean;
}

const COMMANDS = ['analyze', 'validate', 'convert', 'schema', 'help', '--help', 'nonsense', ''];
const TARGETS = [
  'model.aitm.json',
  'model.aitm.json',
  'big.aitm.json',
  'missing.json',
  'lib',
  'pack.json',
  'deep.json',
  'td.json',
  'td.json',
];
const OPTIONS = [
  '--format',
  '--out',
  '--fail-on',
  '--library',
  '--kind',
  '--to',
  '--bogus',
  '--format=md',
  '--fail-on=low',
];
const VALUES = [
  'md',
  'json',
  'high',
  'low',
  'critical',
  'lib',
  'missing',
  'model',
  'library',
  'threat-dragon',
  'threat-composer',
  'csv',
  'aitm',
  'out.md',
  '',
  '--out',
  '<script>',
];

function cliCaseArb(docArb: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<CliCase> {
  const modelText = fc.oneof(
    docArb.map((d) => JSON.stringify(d, null, 2)),
    fc
      .tuple(docArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
      .map(([d, ms]) => JSON.stringify(mutate(d, ms))),
    fc
      .tuple(docArb, fc.array(textMutationArb, { minLength: 1, maxLength: 3 }))
      .map(([d, ms]) => mutateText(JSON.stringify(d), ms)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 50 }),
  );
  return fc
    .record({
      command: fc.constantFrom(...COMMANDS),
      target: fc.constantFrom(...TARGETS),
      options: fc.array(fc.tuple(fc.constantFrom(...OPTIONS), fc.constantFrom(...VALUES)), { maxLength: 3 }),
      model: modelText,
      pack: fc.oneof(
        fc.constant(FUZZ_PACK as unknown),
        fc.array(mutationArb, { minLength: 1, maxLength: 2 }).map((ms) => mutate(FUZZ_PACK, ms)),
      ),
      libraryFile: fc.nat(SHIPPED_LIBRARY_SOURCES.length - 1),
      libraryMutations: fc.array(mutationArb, { maxLength: 2 }),
      fixture: fc.nat(),
    })
    .map((g) => {
      const files: Record<string, string> = {
        'model.aitm.json': g.model,
        'big.aitm.json': '{}',
        'pack.json': JSON.stringify(g.pack),
        'deep.json': deepText(100_000, '[', ']'),
      };
      SHIPPED_LIBRARY_SOURCES.forEach((s, i) => {
        const content = i === g.libraryFile ? mutate(s.content, g.libraryMutations) : s.content;
        files[`lib/${s.path.replace('threat-library/', '')}`] = JSON.stringify(content);
      });
      files['lib/pack.json'] = files['pack.json']!;
      const fixtures = loadFixturesOnce();
      if (fixtures.length > 0)
        files['td.json'] = JSON.stringify(fixtures[g.fixture % fixtures.length]!.content);
      const argv = [g.command, g.target, ...g.options.flat()].filter((a, i) => i > 0 || a !== '');
      return {
        argv,
        files,
        sizes: { 'big.aitm.json': 50 * 1024 * 1024 },
        plainValidate: g.command === 'validate' && g.target === 'model.aitm.json' && g.options.length === 0,
      };
    });
}

let fixtureCache: ReturnType<typeof loadFixtures> | undefined;
const loadFixturesOnce = () => (fixtureCache ??= loadFixtures());

function checkCli(c: CliCase): Violation[] {
  const m = memoryIo(c.files, c.sizes);
  const r = timed(`main(${JSON.stringify(c.argv)})`, () => main(c.argv, m.io));
  const violations = [...r.violations];
  if (r.value === undefined) return violations;
  const code = r.value;
  const stderr = m.stderr();
  const stdout = m.stdout();
  if (![0, 1, 2].includes(code)) violations.push({ kind: 'cli-exit-code', detail: `exit code ${code}` });
  if (/^ {4}at /m.test(stderr) || /^ {4}at .*:\d+:\d+\)?$/m.test(stdout))
    violations.push({ kind: 'cli-stack-trace', detail: stderr.slice(0, 500) });
  if (/unexpected error/i.test(stderr))
    violations.push({ kind: 'cli-unexpected-error', detail: stderr.slice(0, 500) });
  if (code === 2 && stderr.trim() === '' && !stdout.startsWith('Usage'))
    violations.push({ kind: 'cli-message', detail: 'exit 2 without a message' });
  if (CONTROL.test(stderr.replace(/\n/g, '')))
    violations.push({
      kind: 'control-char',
      detail: `control character on stderr: ${JSON.stringify(stderr.slice(0, 300))}`,
    });
  for (const line of stderr.split('\n')) {
    if (/^::/.test(line))
      violations.push({
        kind: 'cli-message',
        detail: `forged CI workflow command on stderr: ${JSON.stringify(line.slice(0, 200))}`,
      });
  }
  if (c.plainValidate && code === 2) {
    const lines = stderr.trimEnd().split('\n');
    const bad = lines.filter(
      (l) => !l.startsWith('model.aitm.json: $') && !/^model\.aitm\.json: … and \d+ more problems$/.test(l),
    );
    if (bad.length > 0) {
      const forged = /\\[nru]|[\u0085\u2028\u2029]/.test(c.files['model.aitm.json']!);
      violations.push({
        kind: 'cli-message',
        detail: `${forged ? 'forged ' : ''}stderr line without "model.aitm.json: $path": ${JSON.stringify(bad[0]!.slice(0, 200))}`,
      });
    }
  }
  if (code !== 2 && c.argv[0] === 'analyze') {
    const report = c.argv.includes('--out') ? m.written[c.argv[c.argv.indexOf('--out') + 1] ?? ''] : stdout;
    if (!report) violations.push({ kind: 'cli-message', detail: 'analyze succeeded without a report' });
    else if (report.startsWith('# ')) violations.push(...markdownViolations(report));
  }
  if (
    c.plainValidate &&
    code === 0 &&
    !parseDocumentText(c.files['model.aitm.json']!, { catalogue: shippedLibrary().catalogue }).ok
  ) {
    violations.push({
      kind: 'bad-result',
      detail: 'validate accepted a model that parseDocumentText rejects',
    });
  }
  violations.push(...(code === 2 && c.plainValidate ? problemLinesViolations(stderr) : []));
  return violations;
}

/** Each "file: path: message" line of a rejection, checked like a Problem. */
function problemLinesViolations(stderr: string): Violation[] {
  const problems = stderr
    .trimEnd()
    .split('\n')
    .map((line) => /^model\.aitm\.json: (\$\S*): (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ path: m[1]!, message: m[2]! }));
  return problems.length > 0 ? problemViolations(problems).filter((v) => v.kind !== 'bad-path') : [];
}
