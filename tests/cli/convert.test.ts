import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConvert } from '../../src/cli/convertCommand';
import { main } from '../../src/cli/main';
import { evaluate, parseDocumentText, serialiseDocument, shippedLibrary } from '../../src/core/index';
import { boundary, component, flow, model } from '../support/modelBuilders';
import { memoryIo } from './memoryIo';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures');
const read = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

const MODEL = serialiseDocument(
  model({
    title: 'CLI convert',
    trustBoundaries: [boundary('tb', 'internal', undefined, { label: 'Cloud' })],
    components: [
      component('u', 'user', {}, undefined, { label: 'Visitor' }),
      component('api', 'inference-api', { exposure: 'internet' }, 'tb', { label: '=Scoring API' }),
    ],
    dataFlows: [flow('u', 'api', { encrypted: true }, 'f', { label: 'requests' })],
    userThreats: [
      {
        id: 'ut',
        targetId: 'api',
        title: 'Model theft, by "distillation"',
        severity: 'high',
        status: 'open',
      },
    ],
  }),
);

const FILES = {
  'model.aitm.json': MODEL,
  'td.json': read('threat-dragon/v2-threat-model.json'),
  'three-tier.json': read('threat-dragon/three-tier-web-app.json'),
  'malformed.json': read('threat-dragon/v2-malformed-new-model.json'),
  'chatbot.tc.json': read('threat-composer/GenAIChatbot.tc.json'),
  'v1.json': JSON.stringify({
    summary: { title: 'old' },
    detail: { diagrams: [{ diagramJson: { cells: [] } }] },
  }),
  'broken.json': '{ "summary": ',
  'other.json': '{"hello": "world"}',
};

function run(args: string[], files: Record<string, string> = FILES) {
  const m = memoryIo(files);
  const code = runConvert(args, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr(), written: m.written };
}

const library = shippedLibrary();

describe('aitm convert', () => {
  it('converts a Threat Dragon model to our format on stdout, with notes on stderr', () => {
    const r = run(['td.json', '--to', 'aitm']);
    expect(r.code).toBe(0);
    const parsed = parseDocumentText(r.stdout, { catalogue: library.catalogue });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.components).toHaveLength(7);
    expect(r.stderr).toMatch(/^td\.json: note: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads a file that starts with a byte-order mark and names the format it recognised', () => {
    const r = run(['bom.tc.json', '--to', 'aitm'], { 'bom.tc.json': `\uFEFF${FILES['chatbot.tc.json']}` });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^bom\.tc\.json: read as Threat Composer workspace \(schema 1\)$/m);
    expect(r.stderr).toMatch(/^bom\.tc\.json: note: .*diagram images were not imported/m);
    const parsed = parseDocumentText(r.stdout, { catalogue: library.catalogue });
    expect(parsed.ok && parsed.value.userThreats).toHaveLength(37);
  });

  it('analyses a model file that starts with a byte-order mark', () => {
    const m = memoryIo({ 'bom.aitm.json': `\uFEFF${MODEL}` });
    expect(main(['analyze', 'bom.aitm.json'], m.io)).not.toBe(2);
    expect(m.stderr()).not.toMatch(/not valid JSON/);
  });

  it('writes --out instead of stdout and says what it did', () => {
    const r = run(['chatbot.tc.json', '--to', 'aitm', '--out', 'chatbot.aitm.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const parsed = parseDocumentText(r.written['chatbot.aitm.json']!, { catalogue: library.catalogue });
    expect(parsed.ok && parsed.value.userThreats).toHaveLength(37);
    expect(r.stderr).toMatch(
      /chatbot\.tc\.json \(Threat Composer\) → chatbot\.aitm\.json \(AI threat model\)/,
    );
  });

  it('accepts --to=VALUE and --out=FILE', () => {
    const r = run(['model.aitm.json', '--to=threat-dragon', '--out=model.td.json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.written['model.td.json']!)).toMatchObject({ summary: { title: 'CLI convert' } });
  });

  it('exports to Threat Dragon, Threat Composer and CSV, evaluating the model', () => {
    const doc = parseDocumentText(MODEL, { catalogue: library.catalogue });
    if (!doc.ok) throw new Error('bad model');
    const findings = evaluate(doc.value, library);

    const td = run(['model.aitm.json', '--to', 'threat-dragon']);
    expect(td.code).toBe(0);
    const cells = (
      JSON.parse(td.stdout) as { detail: { diagrams: { cells: { data: { threats?: unknown[] } }[] }[] } }
    ).detail.diagrams[0]!.cells;
    expect(cells.reduce((n, c) => n + (c.data.threats?.length ?? 0), 0)).toBe(
      findings.filter((f) => f.targetKind !== 'model').length,
    );

    const tc = run(['model.aitm.json', '--to', 'threat-composer']);
    expect(tc.code).toBe(0);
    expect((JSON.parse(tc.stdout) as { threats: unknown[] }).threats).toHaveLength(findings.length);

    const csv = run(['model.aitm.json', '--to', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split('\r\n');
    expect(lines[0]).toBe(
      '\ufeff"target","target kind","threat","severity","status","owner","mitigations","references","key","why","target id","description","note"',
    );
    expect(lines).toHaveLength(findings.length + 2);
    expect(csv.stdout).toContain(
      `"'=Scoring API","component","Model theft, by ""distillation""","high","open"`,
    );
  });

  it('converts between the other tools too, and round-trips our format unchanged', () => {
    expect(run(['three-tier.json', '--to', 'threat-composer']).code).toBe(0);
    expect(run(['chatbot.tc.json', '--to', 'threat-dragon']).code).toBe(0);
    const r = run(['model.aitm.json', '--to', 'aitm']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject(JSON.parse(MODEL) as Record<string, unknown>);
  });

  it('is deterministic', () => {
    for (const to of ['aitm', 'threat-dragon', 'threat-composer', 'csv']) {
      expect(run(['td.json', '--to', to]).stdout).toBe(run(['td.json', '--to', to]).stdout);
    }
  });

  it('is dispatched by main', () => {
    const m = memoryIo(FILES);
    expect(main(['convert', 'model.aitm.json', '--to', 'csv'], m.io)).toBe(0);
    expect(m.stdout()).toMatch(/^\ufeff"target","target kind"/);
  });
});

describe('aitm convert refuses, with exit 2 and one clear message', () => {
  it.each([
    [['td.json'], /convert needs --to aitm\|threat-dragon\|threat-composer\|csv/],
    [['--to', 'aitm'], /convert needs exactly one input file/],
    [['a.json', 'b.json', '--to', 'aitm'], /exactly one input file \(got 2: a\.json, b\.json\)/],
    [
      ['td.json', '--to', 'pdf'],
      /--to must be one of aitm, threat-dragon, threat-composer, csv, otm, tm-bom; got "pdf"/,
    ],
    [['td.json', '--to', 'aitm', '--format', 'json'], /unknown option --format/],
    [['td.json', '--to'], /option --to needs a value/],
    [['missing.json', '--to', 'aitm'], /^missing\.json: cannot read the file \(no such file\)/],
    [['broken.json', '--to', 'aitm'], /^broken\.json: \$: not valid JSON/],
    [
      ['malformed.json', '--to', 'aitm'],
      /^malformed\.json: \$\.detail: missing: Threat Dragon v2 keeps the diagrams under "detail"/m,
    ],
    [['malformed.json', '--to', 'aitm'], /^malformed\.json: \$\.summary\.title: /m],
    [['other.json', '--to', 'csv'], /^other\.json: \$: not a file this tool can read/],
  ])('%j', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.written).toEqual({});
  });

  it('refuses a __proto__ key and deep nesting, naming the path', () => {
    let deep = '{}';
    for (let i = 0; i < 80; i++) deep = `{"a":${deep}}`;
    const files = {
      'proto.json': '{"schema":1,"threats":[{"__proto__":{"x":1}}]}',
      'deep.json': `{"schema":1,"x":${deep}}`,
    };
    const proto = run(['proto.json', '--to', 'aitm'], files);
    expect(proto.code).toBe(2);
    expect(proto.stderr).toMatch(
      /^proto\.json: \$\.threats\[0\]\.__proto__: the key "__proto__" is not allowed/,
    );
    const nested = run(['deep.json', '--to', 'aitm'], files);
    expect(nested.code).toBe(2);
    expect(nested.stderr).toMatch(/^deep\.json: \$\.x(\.a)+: nested more than 64 levels deep/);
  });

  it('refuses a file that is too large before reading it', () => {
    const m = memoryIo({ 'big.json': '{}' }, { 'big.json': 500 * 1024 * 1024 });
    expect(runConvert(['big.json', '--to', 'aitm'], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/^big\.json: the file is 500\.0 MB; the limit is/);
  });

  it('reports a file it cannot write', () => {
    const m = memoryIo(FILES);
    m.io.createFile = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    expect(runConvert(['model.aitm.json', '--to', 'csv', '--out', '/ro/out.csv'], m.io)).toBe(2);
    expect(m.stderr()).toMatch(/^\/ro\/out\.csv: cannot write the file/);
  });

  it('prints its usage with --help', () => {
    const m = memoryIo();
    expect(runConvert(['--help'], m.io)).toBe(0);
    expect(m.stdout()).toMatch(/Usage: aitm convert <in> --to/);
  });
});
