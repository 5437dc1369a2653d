import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import {
  SHIPPED_LIBRARY_SOURCES,
  exportMarkdownReport,
  parseDocument,
  shippedLibrary,
} from '../../src/core/index';
import { memoryIo } from './memoryIo';

const model = (props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'ai-threat-model',
    schemaVersion: 1,
    meta: { title: 'CLI test' },
    components: [
      { id: 'u', type: 'user', label: 'Visitor', props: { trust: 'anonymous' } },
      {
        id: 'api',
        type: 'inference-api',
        label: 'Scoring API',
        props: { exposure: 'internet', returnsScores: true, ...props },
      },
    ],
    dataFlows: [{ id: 'f', sourceId: 'u', targetId: 'api', label: 'requests' }],
    ...extra,
  });

/** A one-rule library directory, so exit codes do not depend on the shipped library's content. */
const libraryDir = (severity: 'high' | 'low') => {
  const files: Record<string, string> = {};
  for (const s of SHIPPED_LIBRARY_SOURCES.filter((x) => /catalogue|guidelines|library\.json/.test(x.path)))
    files[`lib/${s.path.replace('threat-library/', '')}`] = JSON.stringify(s.content);
  files['lib/pack.json'] = JSON.stringify({
    threats: [
      {
        id: 'threat.scores',
        title: 'Scores leak',
        description: 'd',
        likelihood: severity,
        impact: severity,
        references: { guidelines: [] },
        mitigations: [],
      },
    ],
    rules: [
      {
        id: 'rule.scores',
        threat: 'threat.scores',
        target: 'component',
        types: ['inference-api'],
        when: { fact: 'prop.returnsScores', op: 'eq', value: true },
      },
    ],
  });
  return files;
};

const run = (argv: string[], files: Record<string, string>, sizes: Record<string, number> = {}) => {
  const m = memoryIo(files, sizes);
  const code = main(argv, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr(), written: m.written };
};

describe('analyze', () => {
  it('prints the JSON report and exits 0', () => {
    const r = run(['analyze', 'm.json', '--library', 'lib'], { 'm.json': model(), ...libraryDir('high') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { key: string }) => f.key)).toEqual(['rule.scores@api']);
  });

  it('exits 1 when an open finding is at or above --fail-on, naming it', () => {
    const r = run(['analyze', 'm.json', '--library', 'lib', '--fail-on', 'high'], {
      'm.json': model(),
      ...libraryDir('high'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /m\.json: 1 open finding at or above high:\n {2}critical rule\.scores@api {2}Scores leak on Scoring API/,
    );
  });

  it('exits 0 when findings are below the threshold or triaged', () => {
    expect(
      run(['analyze', 'm.json', '--library', 'lib', '--fail-on', 'high'], {
        'm.json': model(),
        ...libraryDir('low'),
      }).code,
    ).toBe(0);
    const accepted = model({}, { triage: { 'rule.scores@api': { status: 'accepted', note: 'ok' } } });
    expect(
      run(['analyze', 'm.json', '--library', 'lib', '--fail-on', 'low'], {
        'm.json': accepted,
        ...libraryDir('high'),
      }).code,
    ).toBe(0);
  });

  it('an accepted finding with no note passes the --fail-on gate with a warning that names it', () => {
    for (const note of [undefined, '   ']) {
      const triage = { 'rule.scores@api': { status: 'accepted', ...(note === undefined ? {} : { note }) } };
      const r = run(['analyze', 'm.json', '--library', 'lib', '--fail-on', 'low'], {
        'm.json': model({}, { triage }),
        ...libraryDir('high'),
      });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(
        'm.json: warning: 1 finding at or above low is accepted without a note saying why:\n' +
          '  critical rule.scores@api  Scores leak on Scoring API\n',
      );
    }
    const justified = model({}, { triage: { 'rule.scores@api': { status: 'accepted', note: 'ok' } } });
    const quiet = run(['analyze', 'm.json', '--library', 'lib', '--fail-on', 'low'], {
      'm.json': justified,
      ...libraryDir('high'),
    });
    expect(quiet.stderr).toBe('');
    const accepted = model({}, { triage: { 'rule.scores@api': { status: 'accepted' } } });
    const r = run(['analyze', 'm.json', '--library', 'lib', '--fail-on', 'low'], {
      'm.json': accepted,
      ...libraryDir('high'),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([
      expect.objectContaining({ key: 'rule.scores@api', status: 'accepted' }),
    ]);
    expect(JSON.parse(r.stdout).findings[0]).not.toHaveProperty('note');
  });

  it('writes Markdown to --out, the same text the editor exports', () => {
    const r = run(['analyze', 'm.json', '--format', 'md', '--out', 'report.md'], { 'm.json': model() });
    expect(r.code).toBe(0);
    const parsed = parseDocument(JSON.parse(model()), { catalogue: shippedLibrary().catalogue });
    if (!parsed.ok) throw new Error('fixture invalid');
    expect(r.written['report.md']).toBe(exportMarkdownReport(parsed.value, shippedLibrary()));
    expect(r.stdout).toBe('');
  });
});

describe('exit code 2 with one clear message and no stack trace', () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  it.each<[string, string[], Record<string, string>, RegExp, Record<string, number>?]>([
    ['missing file', ['analyze', 'nope.json'], {}, /^nope\.json: cannot read the file \(no such file\)/],
    ['malformed JSON', ['analyze', 'm.json'], { 'm.json': '{"format": ' }, /^m\.json: \$: not valid JSON/],
    [
      'wrong types',
      ['analyze', 'm.json'],
      { 'm.json': model({ authenticated: 'yes' }) },
      /^m\.json: \$\.components\[1\]\.props\.authenticated: expected true or false/,
    ],
    [
      'unknown field',
      ['analyze', 'm.json'],
      { 'm.json': model({}, { extra: 1 }) },
      /^m\.json: \$\.extra: unknown field/,
    ],
    [
      'prototype key',
      ['analyze', 'm.json'],
      { 'm.json': model().replace('"meta":{', '"meta":{"__proto__":{"x":1},') },
      /^m\.json: \$\.meta\.__proto__: the key "__proto__" is not allowed/,
    ],
    [
      'deeply nested',
      ['analyze', 'm.json'],
      { 'm.json': deep },
      /^m\.json: \$(\[0\])+: nested more than 64 levels deep/,
    ],
    [
      '100 MB file',
      ['analyze', 'm.json'],
      { 'm.json': '{}' },
      /^m\.json: the file is 100\.0 MB; the limit is 64 MB/,
      { 'm.json': 100 * 1024 * 1024 },
    ],
    [
      'a Threat Dragon file',
      ['analyze', 'm.json'],
      { 'm.json': '{"version":"2.2.0","summary":{},"detail":{}}' },
      /^m\.json: \$\.format: unknown format/,
    ],
    ['unknown command', ['frobnicate'], {}, /unknown command "frobnicate"/],
    [
      'unknown option',
      ['analyze', 'm.json', '--fail-0n', 'high'],
      { 'm.json': model() },
      /unknown option --fail-0n/,
    ],
    [
      'bad --fail-on',
      ['analyze', 'm.json', '--fail-on', 'severe'],
      { 'm.json': model() },
      /--fail-on must be one of critical, high, medium, low; got "severe"/,
    ],
    [
      'bad --format',
      ['analyze', 'm.json', '--format', 'pdf'],
      { 'm.json': model() },
      /--format must be one of json, json-compact, md, sarif/,
    ],
    ['missing model', ['analyze'], {}, /analyze needs exactly one model file/],
    [
      'missing library dir',
      ['analyze', 'm.json', '--library', 'nolib'],
      { 'm.json': model() },
      /^nolib: cannot read the library directory/,
    ],
    [
      'invalid library',
      ['analyze', 'm.json', '--library', 'lib'],
      {
        'm.json': model(),
        'lib/a.json': '{"rules":[{"id":"rule.x","threat":"threat.none","target":"component"}]}',
      },
      /^lib\/a\.json: \$\.rules\[0\]\.threat: no threat has the id "threat\.none"/,
    ],
  ])('%s', (_name, argv, files, message, sizes) => {
    const r = run(argv, files, sizes);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('validate and schema', () => {
  it('validates a model', () => {
    const r = run(['validate', 'm.json'], { 'm.json': model() });
    expect([r.code, r.stdout]).toEqual([
      0,
      'm.json: valid model "CLI test": 2 components, 1 data flows, 0 trust boundaries\n',
    ]);
  });

  it('lists every problem of an invalid model', () => {
    const bad = model({ exposure: 'public', returnsScores: 'yes' });
    const r = run(['validate', 'm.json'], { 'm.json': bad });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'm.json: $.components[1].props.exposure: must be one of "internet", "internal"',
      'm.json: $.components[1].props.returnsScores: expected true or false, got "yes"',
    ]);
  });

  it('validates a library directory and a rule pack', () => {
    const lib = libraryDir('high');
    expect(run(['validate', 'lib'], lib).stdout).toMatch(
      /^lib: valid library .*1 threats, 0 mitigations, 1 rules, 26 component types/,
    );
    const pack = run(['validate', 'pack.json', '--kind', 'library'], { 'pack.json': lib['lib/pack.json']! });
    expect(pack.code).toBe(0);
  });

  it('prints the model JSON Schema', () => {
    const r = run(['schema'], {});
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).properties.format.const).toBe('ai-threat-model');
  });
});
