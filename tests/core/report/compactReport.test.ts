import Ajv2020 from 'ajv/dist/2020';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticModel } from '../../../bench/syntheticModel';
import {
  buildReport,
  compactReport,
  compactReportJsonSchema,
  expandCompactReport,
  parseDocumentText,
  renderCompactJsonReport,
  renderJsonReport,
  shippedLibrary,
  type Report,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { main } from '../../../src/cli/main';
import { memoryIo } from '../../cli/memoryIo';

// The compact JSON report (`analyze --format json-compact`): lossless against the full report,
// valid against its published JSON Schema, and much smaller. Regenerate the golden with
// `UPDATE_GOLDEN=1 npx vitest run tests/core/report/compactReport.test.ts` after an intended change.
const library = shippedLibrary();
const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.aitm.json'))
  .sort();
const SCHEMA_FILE = 'threat-library/schema/report-compact.schema.json';
const GOLDEN = 'tests/golden/public-rag-chatbot.compact.json';

function example(file: string): ThreatModelDocument {
  const parsed = parseDocumentText(readFileSync(`examples/${file}`, 'utf8'), {
    catalogue: library.catalogue,
  });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return parsed.value;
}

/** The example with its first two components and first flow marked out of scope. */
function withOutOfScope(doc: ThreatModelDocument): ThreatModelDocument {
  return {
    ...doc,
    components: doc.components.map((c, i) => (i < 2 ? { ...c, outOfScope: { reason: 'vendor' } } : c)),
    dataFlows: doc.dataFlows.map((f, i) => (i === 0 ? { ...f, outOfScope: {} } : f)),
  };
}

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(
  JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object,
);

describe('compact JSON report', () => {
  it('publishes the schema generated from the code (npm run schema)', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(compactReportJsonSchema());
  });

  it('matches its golden for the public RAG chatbot', () => {
    const text = renderCompactJsonReport(buildReport(example('public-rag-chatbot.aitm.json'), library));
    if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(GOLDEN)) {
      if (process.env['CI'] === 'true')
        throw new Error(`${GOLDEN} is missing: generate it with UPDATE_GOLDEN=1 and commit it`);
      writeFileSync(GOLDEN, text);
    }
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  const cases = examples.flatMap((file) => [
    [file, () => example(file)] as const,
    [`${file}, partly out of scope`, () => withOutOfScope(example(file))] as const,
  ]);

  it.each(cases)('%s: expands back to the full report, byte for byte, and fits its schema', (_, doc) => {
    const report = buildReport(doc(), library);
    const text = renderCompactJsonReport(report);
    const parsed = JSON.parse(text) as ReturnType<typeof compactReport>;
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    // From the parsed text, as a consumer would: nothing the full form says is lost.
    expect(renderJsonReport(expandCompactReport(parsed))).toBe(renderJsonReport(report));
    expect(expandCompactReport(parsed)).toEqual(JSON.parse(renderJsonReport(report)));
  });

  it('lists each mitigation once and each distinct set of references once', () => {
    const report = buildReport(example('agent-with-tools.aitm.json'), library);
    const compact = compactReport(report);
    const ids = new Set(report.findings.flatMap((f) => f.mitigations.map((m) => m.id)));
    expect(Object.keys(compact.mitigations).sort()).toEqual([...ids].sort());
    const distinct = new Set(report.findings.map((f) => JSON.stringify(f.references)));
    expect(Object.keys(compact.references)).toHaveLength(distinct.size);
    expect(Object.keys(compact.references)[0]).toBe('R1');
    for (const f of compact.findings) {
      expect(Object.hasOwn(compact.references, f.references)).toBe(true);
      for (const m of f.mitigations) expect(m.title).toBeUndefined();
    }
  });

  it('keeps a mitigation text that differs from the first use of its id, so expansion stays exact', () => {
    const report = buildReport(example('public-rag-chatbot.aitm.json'), library);
    const [first, second] = report.findings.filter((f) => f.mitigations.length > 0);
    const shared = first!.mitigations[0]!;
    const edited: Report = {
      ...report,
      findings: report.findings.map((f) =>
        f === second ? { ...f, mitigations: [{ ...shared, title: 'Another text', guidelines: ['X-1'] }] } : f,
      ),
    };
    const compact = compactReport(edited);
    const entry = compact.findings[report.findings.indexOf(second!)]!.mitigations[0]!;
    expect(entry).toMatchObject({ id: shared.id, title: 'Another text', guidelines: ['X-1'] });
    expect(expandCompactReport(compact)).toEqual(edited);
  });

  it('refuses to expand a finding that names a table entry the report does not list', () => {
    const compact = compactReport(buildReport(example('public-rag-chatbot.aitm.json'), library));
    const broken = { ...compact, references: {} };
    expect(() => expandCompactReport(broken)).toThrow(/names references R1, which the report does not list/);
  });

  it('is little more than half the full report at 1,000 components', () => {
    const report = buildReport(syntheticModel(1000), library);
    const full = renderJsonReport(report).length;
    const compact = renderCompactJsonReport(report).length;
    expect(compact).toBeLessThan(full * 0.55);
  });

  it('is what `aitm analyze --format json-compact` prints', () => {
    const text = readFileSync('examples/public-rag-chatbot.aitm.json', 'utf8');
    const m = memoryIo({ 'm.aitm.json': text });
    expect(main(['analyze', 'm.aitm.json', '--format', 'json-compact'], m.io)).toBe(0);
    expect(m.stderr()).toBe('');
    expect(m.stdout()).toBe(
      renderCompactJsonReport(buildReport(example('public-rag-chatbot.aitm.json'), library)),
    );
  });
});
