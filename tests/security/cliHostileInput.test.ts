/**
 * The CLI in CI faces files from colleagues and other tools. Every hostile input, through every
 * command that reads a file, gives exit code 2 and a message that names the file and the JSON
 * path, with no stack trace, and never pollutes a prototype.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { SHIPPED_LIBRARY_SOURCES } from '../../src/core/index';
import { memoryIo } from '../cli/memoryIo';
import { FUZZ_PACK } from '../fuzz/support/fuzzPack';
import { expectLinearTime } from '../support/growth';

const model = (extra: Record<string, unknown> = {}, component: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'ai-threat-model',
    schemaVersion: 1,
    meta: { title: 'hostile' },
    components: [
      { id: 'api', type: 'inference-api', label: 'API', props: { exposure: 'internet' }, ...component },
    ],
    ...extra,
  });

const deepArrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const deepObjects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;

/** Hostile contents of a model file, and the path the message must name. */
const HOSTILE_MODELS: [string, string, RegExp][] = [
  ['malformed JSON', '{"format": "ai-threat-model", "meta": {', /\$: not valid JSON/],
  ['empty file', '', /\$: not valid JSON/],
  ['a JSON array', '[]', /\$: (a model document must be a JSON object|not a file this tool can read)/],
  ['wrong types', model({ meta: 'title' }), /\$\.meta: expected object/],
  [
    'wrong property type',
    model({}, { props: { authenticated: 'yes' } }),
    /\$\.components\[0\]\.props\.authenticated: expected true or false/,
  ],
  ['unknown field', model({}, { authenticatd: true }), /\$\.components\[0\]\.authenticatd: unknown field/],
  ['unknown top-level field', model({ extra: 1 }), /\$\.extra: unknown field/],
  [
    '__proto__ at the top',
    model().replace('{', '{"__proto__": {"polluted": true},'),
    /\$\.__proto__: the key "__proto__" is not allowed/,
  ],
  [
    '__proto__ in props',
    model({}, { props: JSON.parse('{"__proto__": {"polluted": true}}') }),
    /\$\.components\[0\]\.props\.__proto__: the key "__proto__" is not allowed/,
  ],
  [
    'constructor.prototype',
    model({ triage: { constructor: { prototype: { polluted: true } } } }),
    /\$\.triage\.constructor: the key "constructor" is not allowed/,
  ],
  ['100,000-deep arrays', deepArrays, /\$(\[0\]){64}: nested more than 64 levels deep/],
  ['100,000-deep objects', deepObjects, /\$(\.a){64}: nested more than 64 levels deep/],
  [
    'a newer schema version',
    model({ schemaVersion: 99 }),
    /\$\.schemaVersion: version 99 was written by a newer release/,
  ],
  [
    'an unknown format',
    JSON.stringify({ format: 'other' }),
    /\$(\.format: unknown format|: not a file this tool can read)/,
  ],
  [
    'a huge label',
    model({}, { label: 'x'.repeat(100_000) }),
    /\$\.components\[0\]\.label: must be at most 500 characters/,
  ],
];

const COMMANDS: [string, (file: string) => string[]][] = [
  ['analyze', (f) => ['analyze', f]],
  ['analyze --format md', (f) => ['analyze', f, '--format', 'md', '--fail-on', 'low']],
  ['validate', (f) => ['validate', f]],
  ['convert --to csv', (f) => ['convert', f, '--to', 'csv']],
  ['convert --to threat-dragon', (f) => ['convert', f, '--to', 'threat-dragon']],
];

function run(argv: string[], files: Record<string, string>, sizes: Record<string, number> = {}) {
  const m = memoryIo(files, sizes);
  const code = main(argv, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr(), written: m.written, reads: m.reads };
}

function expectCleanRejection(r: ReturnType<typeof run>, file: string, path: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}: ${path.source}`, 'm'));
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  expect(r.stderr).not.toMatch(/unexpected error|TypeError|RangeError|SyntaxError: /);
  expect(r.stdout).toBe('');
  expect(r.written).toEqual({});
}

afterEach(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

describe('hostile model files: exit 2, file and JSON path named, no stack trace', () => {
  for (const [command, argv] of COMMANDS) {
    it.each(HOSTILE_MODELS)(`${command}: %s`, (_, content, path) => {
      expectCleanRejection(run(argv('m.aitm.json'), { 'm.aitm.json': content }), 'm.aitm.json', path);
    });
  }

  it.each(COMMANDS)('%s: a 100 MB file is refused by its size, before it is read', (_, argv) => {
    const r = run(argv('big.aitm.json'), { 'big.aitm.json': '{}' }, { 'big.aitm.json': 100 * 1024 * 1024 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('big.aitm.json: the file is 100.0 MB; the limit is 64 MB\n');
    expect(r.reads).toEqual([]);
  });

  it('a 100,000-deep file is refused quickly', () => {
    expectCleanRejection(run(['validate', 'd.json'], { 'd.json': deepArrays }), 'd.json', /\$/);
    // Timed at 12,500 and 100,000 levels: about 8 times as long, not 64 (tests/support/growth.ts).
    expectLinearTime(
      'a deep file',
      (n) => {
        const deep = `${'['.repeat(n)}${']'.repeat(n)}`;
        return () => run(['validate', 'd.json'], { 'd.json': deep });
      },
      100_000,
    );
  });

  it('every problem of a file is listed, each with its path', () => {
    const content = model({ extra: 1, meta: { title: 5 } }, { type: 'no-such-type', boundaryId: 'nowhere' });
    const r = run(['validate', 'm.json'], { 'm.json': content });
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toMatch(/^m\.json: \$\S*: \S/);
  });
});

describe('hostile rule packs and library directories', () => {
  const libraryDir = (pack: string) => {
    const files: Record<string, string> = {};
    for (const s of SHIPPED_LIBRARY_SOURCES)
      files[`lib/${s.path.replace('threat-library/', '')}`] = JSON.stringify(s.content);
    files['lib/pack.json'] = pack;
    return files;
  };
  const rule = (when: unknown) =>
    JSON.stringify({
      ...FUZZ_PACK,
      rules: [{ id: 'rule.hostile', threat: 'threat.fuzz-flow', target: 'component', when }],
    });

  const HOSTILE_PACKS: [string, string, RegExp][] = [
    ['malformed JSON', '{"rules": [', /\$: not valid JSON/],
    [
      'an unknown fact',
      rule({ fact: 'prop.authenticatd', op: 'eq', value: true }),
      /\$\.rules\[0\]\.when\.fact: unknown fact "prop\.authenticatd"/,
    ],
    [
      'an unknown operator',
      rule({ fact: 'zone', op: 'matches', value: '.*' }),
      /\$\.rules\[0\]\.when\.op: must be one of/,
    ],
    ['an expression string', rule('process.exit(1)'), /\$\.rules\[0\]\.when: /],
    [
      'a code-like value',
      rule({ fact: 'zone', op: 'eq', value: { $where: 'sleep(1000)' } }),
      /\$\.rules\[0\]\.when/,
    ],
    [
      'conditions nested too deep',
      rule(
        JSON.parse(`${'{"not":'.repeat(20)}{"fact":"zone","op":"eq","value":"internet"}${'}'.repeat(20)}`),
      ),
      /\$\.rules\[0\]\.when(\.not)+: conditions may nest at most 12 levels/,
    ],
    [
      '__proto__ in a rule',
      rule(JSON.parse('{"__proto__": {"polluted": true}, "fact": "zone", "op": "eq", "value": "dmz"}')),
      /\$\.rules\[0\]\.when\.__proto__: the key "__proto__" is not allowed/,
    ],
    ['100,000-deep nesting', deepArrays, /\$(\[0\]){64}: nested more than 64 levels deep/],
    [
      'a duplicate id',
      JSON.stringify({ ...FUZZ_PACK, threats: [...FUZZ_PACK.threats, FUZZ_PACK.threats[0]] }),
      /\$\.threats\[5\]\.id: duplicate threat id "threat\.fuzz-injection"/,
    ],
  ];

  it.each(HOSTILE_PACKS)('validate --kind library: %s', (_, content, path) => {
    expectCleanRejection(
      run(['validate', 'pack.json', '--kind', 'library'], { 'pack.json': content }),
      'pack.json',
      path,
    );
  });

  it.each(HOSTILE_PACKS)('analyze --library DIR: %s', (_, content, path) => {
    const r = run(['analyze', 'm.json', '--library', 'lib'], { 'm.json': model(), ...libraryDir(content) });
    expectCleanRejection(r, 'lib/pack.json', path);
  });

  it('a 100 MB rule pack is refused before it is read', () => {
    const r = run(
      ['analyze', 'm.json', '--library', 'lib'],
      { 'm.json': model(), ...libraryDir('{}') },
      { 'lib/pack.json': 100 * 1024 * 1024 },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('lib/pack.json: the file is 100.0 MB; the limit is 64 MB\n');
    expect(r.reads).not.toContain('lib/pack.json');
  });
});

describe('hostile files of other tools (convert)', () => {
  const TD = (cells: unknown) =>
    JSON.stringify({
      version: '2.3.0',
      summary: { title: 't' },
      detail: {
        contributors: [],
        diagrams: [{ id: 0, title: 'd', diagramType: 'STRIDE', thumbnail: '', version: '2.3.0', cells }],
        diagramTop: 1,
        reviewer: '',
        threatTop: 0,
      },
    });
  it.each<[string, string, RegExp]>([
    [
      'Threat Dragon with __proto__',
      TD(JSON.parse('[{"id": "a", "__proto__": {"polluted": true}}]')),
      /\$\.detail\.diagrams\[0\]\.cells\[0\]\.__proto__: the key "__proto__" is not allowed/,
    ],
    ['Threat Dragon with cells of the wrong type', TD('cells'), /\$\.detail\.diagrams\[0\]\.cells: /],
    [
      'Threat Composer with wrong types',
      JSON.stringify({ schema: 1, threats: 'all of them' }),
      /\$\.threats: /,
    ],
    [
      'Threat Composer 100,000 deep',
      `{"schema": 1, "threats": ${deepArrays}}`,
      /\$\.threats(\[0\]){63}: nested more than 64 levels deep/,
    ],
  ])('%s', (_, content, path) => {
    expectCleanRejection(
      run(['convert', 'in.json', '--to', 'aitm'], { 'in.json': content }),
      'in.json',
      path,
    );
  });
});

describe('messages cannot forge CI workflow commands or hide text', () => {
  const libraryWithName = (name: string, version: string) => {
    const files: Record<string, string> = {};
    for (const s of SHIPPED_LIBRARY_SOURCES) {
      const content = s.path.endsWith('library.json')
        ? { ...(s.content as object), name, version }
        : s.content;
      files[`lib/${s.path.replace('threat-library/', '')}`] = JSON.stringify(content);
    }
    return files;
  };
  /** A workflow command, or a control or bidi character left raw. */
  const FORGED =
    // eslint-disable-next-line no-control-regex -- raw control characters are what this detects
    /^\s*(::|##)|##vso\[|[\u0000-\u0009\u000b-\u001f\u202a-\u202e\u2066-\u2069\u200e\u200f]/i;
  const forged = (text: string) => text.split('\n').filter((line) => FORGED.test(line));

  it('a library name and version with line breaks stay on the one line validate prints', () => {
    const r = run(['validate', 'lib'], libraryWithName('x\n::error::forged', '1\r\n##vso[task.complete]'));
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(forged(r.stdout)).toEqual([]);
  });

  it.each([
    ['an unknown command', (x: string) => [x]],
    ['two inputs to convert', (x: string) => ['convert', x, `${x}2`, '--to', 'csv']],
    ['findings at --fail-on', (x: string) => ['analyze', x, '--fail-on', 'low']],
    ['a missing library folder', (x: string) => ['analyze', 'm.json', '--library', x]],
    ['an --out that is an input', (x: string) => ['convert', x, '--to', 'aitm', '--out', x]],
  ])('%s', (_, argv) => {
    for (const hostile of [
      'a\n::error::forged',
      '::warning::x',
      '##vso[task.setvariable]',
      'rtl\u202eredoc.json\u200f',
    ]) {
      const r = run(argv(hostile), { 'm.json': model(), [hostile]: model() });
      expect(r.code).toBeGreaterThan(0);
      expect(r.stderr).not.toBe('');
      expect(forged(r.stderr)).toEqual([]);
    }
  });
});
