import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import {
  SHIPPED_LIBRARY_SOURCES,
  buildReport,
  evaluate,
  exportMarkdownReport,
  parseDocument,
  renderJsonReport,
  shippedLibrary,
} from '../../src/core/index';
import { combinePacks } from '../../src/ui/library/rulePacks';
import { memoryIo } from './memoryIo';

const model = JSON.stringify({
  format: 'ai-threat-model',
  schemaVersion: 1,
  meta: { title: 'Pack test' },
  components: [
    { id: 'u', type: 'user', label: 'Visitor', props: { trust: 'anonymous' } },
    { id: 'api', type: 'inference-api', label: 'Scoring API', props: { exposure: 'internet' } },
  ],
  dataFlows: [{ id: 'f', sourceId: 'u', targetId: 'api', label: 'requests' }],
});

const threat = (id: string, title: string) => ({
  id,
  title,
  description: 'Found by a pack.',
  likelihood: 'high',
  impact: 'high',
  references: { guidelines: ['DEP-1'], owaspLlm: ['LLM01'] },
  mitigations: ['mitigation.acme-training'],
});

/** Adds a threat on every user, with its mitigation. */
const acme = {
  name: 'Acme rules',
  threats: [threat('threat.acme-phishing', 'Acme: users can be phished')],
  mitigations: [
    {
      id: 'mitigation.acme-training',
      title: 'Acme awareness training',
      guidance: 'Train every user once a year.',
      guidelines: ['DEP-1'],
    },
  ],
  rules: [{ id: 'rule.acme-phishing', threat: 'threat.acme-phishing', target: 'component', types: ['user'] }],
};

/** Builds on acme: reuses its mitigation, so it only loads on top of it. */
const onTop = {
  name: 'On top of Acme',
  threats: [threat('threat.acme-api', 'Acme: the API is scraped')],
  rules: [{ id: 'rule.acme-api', threat: 'threat.acme-api', target: 'component', types: ['inference-api'] }],
};

/** Clashes with acme: the same threat id again, and a dangling mitigation. */
const clash = {
  threats: [{ ...threat('threat.acme-phishing', 'Again'), mitigations: ['mitigation.nowhere'] }],
};

const files = {
  'm.json': model,
  'packs/acme.json': JSON.stringify(acme),
  'packs/on-top.json': JSON.stringify(onTop),
  'packs/clash.json': JSON.stringify(clash),
};

const run = (argv: string[], extra: Record<string, string> = {}) => {
  const m = memoryIo({ ...files, ...extra });
  const code = main(argv, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr() };
};

const doc = () => {
  const parsed = parseDocument(JSON.parse(model), { catalogue: shippedLibrary().catalogue });
  if (!parsed.ok) throw new Error('fixture invalid');
  return parsed.value;
};

const keys = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { key: string }[] }).findings.map((f) => f.key);

describe('analyze --pack', () => {
  it('layers packs in order on the shipped library, so their rules find threats', () => {
    const without = run(['analyze', 'm.json']);
    const withPacks = run(['analyze', 'm.json', '--pack', 'packs/acme.json', '--pack=packs/on-top.json']);
    expect(withPacks.code).toBe(0);
    expect(keys(without.stdout)).not.toContain('rule.acme-phishing@u');
    expect(keys(withPacks.stdout)).toEqual(
      [...keys(without.stdout), 'rule.acme-api@api', 'rule.acme-phishing@u'].sort(),
    );
  });

  it('gives the same report as the editor layering the same packs', () => {
    const packs = [
      { fileName: 'packs/acme.json', content: acme },
      { fileName: 'packs/on-top.json', content: onTop },
    ];
    const editor = combinePacks(shippedLibrary(), packs);
    expect(editor.rejected).toEqual([]);
    expect(editor.active.map((p) => p.name)).toEqual(['Acme rules', 'On top of Acme']);
    const findings = evaluate(doc(), editor.library);

    const argv = ['analyze', 'm.json', '--pack', 'packs/acme.json', '--pack', 'packs/on-top.json'];
    expect(run(argv).stdout).toBe(renderJsonReport(buildReport(doc(), editor.library, findings)));
    expect(run([...argv, '--format', 'md']).stdout).toBe(exportMarkdownReport(doc(), editor.library));
  });

  it('layers on a --library directory as well', () => {
    const lib: Record<string, string> = {};
    for (const s of SHIPPED_LIBRARY_SOURCES.filter((x) => /catalogue|guidelines|library\.json/.test(x.path)))
      lib[`lib/${s.path.replace('threat-library/', '')}`] = JSON.stringify(s.content);
    const r = run(['analyze', 'm.json', '--library', 'lib', '--pack', 'packs/acme.json'], lib);
    expect(r.code).toBe(0);
    expect(keys(r.stdout)).toEqual(['rule.acme-phishing@u']);
  });

  it('fails the run (exit 2) when a pack is rejected, naming the pack file and JSON path', () => {
    const r = run(['analyze', 'm.json', '--pack', 'packs/acme.json', '--pack', 'packs/clash.json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^packs\/clash\.json: \$\.threats\[0\]/);
    expect(r.stderr).toContain('duplicate threat id "threat.acme-phishing"');
    expect(r.stderr).toContain('no mitigation has the id "mitigation.nowhere"');
  });

  it('once a pack is rejected, each pack must load on the ones before it, in the editor too', () => {
    const argv = ['--pack', 'packs/clash.json', '--pack', 'packs/on-top.json', '--pack', 'packs/acme.json'];
    const r = run(['analyze', 'm.json', ...argv]);
    expect(r.code).toBe(2);
    // on-top.json uses acme's mitigation but comes before it.
    expect(r.stderr).toMatch(
      /^packs\/on-top\.json: \$\.threats\[0\]\.mitigations\[0\]: no mitigation has the id "mitigation\.acme-training"$/m,
    );
    expect(r.stderr).not.toMatch(/^packs\/acme\.json/m);
    const editor = combinePacks(shippedLibrary(), [
      { fileName: 'packs/clash.json', content: clash },
      { fileName: 'packs/on-top.json', content: onTop },
      { fileName: 'packs/acme.json', content: acme },
    ]);
    expect(editor.rejected.map((p) => p.fileName)).toEqual(['packs/clash.json', 'packs/on-top.json']);
    expect(editor.active.map((p) => p.fileName)).toEqual(['packs/acme.json']);
  });

  it('the editor sets the same rejected pack aside with the same problems', () => {
    const editor = combinePacks(shippedLibrary(), [
      { fileName: 'packs/acme.json', content: acme },
      { fileName: 'packs/clash.json', content: clash },
    ]);
    expect(editor.active.map((p) => p.fileName)).toEqual(['packs/acme.json']);
    expect(editor.rejected.map((p) => p.fileName)).toEqual(['packs/clash.json']);
    const cli = run(['analyze', 'm.json', '--pack', 'packs/acme.json', '--pack', 'packs/clash.json']);
    expect(cli.stderr.trimEnd().split('\n')).toEqual(
      editor.rejected[0]!.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`),
    );
  });

  it.each<[string, string[], Record<string, string>, RegExp]>([
    ['missing pack', ['--pack', 'nope.json'], {}, /^nope\.json: cannot read the file \(no such file\)/],
    [
      'malformed pack',
      ['--pack', 'bad.json'],
      { 'bad.json': '{"threats": [' },
      /^bad\.json: \$: not valid JSON/,
    ],
    [
      'not a library file',
      ['--pack', 'odd.json'],
      { 'odd.json': '{"rulez": []}' },
      /^odd\.json: \$\.rulez: /,
    ],
    ['no value', ['--pack'], {}, /^option --pack needs a value/],
  ])('%s: exit 2 with a clear message', (_name, pack, extra, message) => {
    const r = run(['analyze', 'm.json', ...pack], extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('prints the loader’s warnings about a pack as warning lines on stderr and still runs', () => {
    // Cites SD-3, which its only mitigation (acme training: DEP-1) does not implement.
    const warned = {
      name: 'Loose pack',
      threats: [
        {
          ...threat('threat.loose', 'Loose: cites more than it mitigates'),
          references: { guidelines: ['DEP-1', 'SD-3'] },
        },
      ],
      rules: [{ id: 'rule.loose', threat: 'threat.loose', target: 'component', types: ['user'] }],
    };
    const r = run(['analyze', 'm.json', '--pack', 'packs/acme.json', '--pack', 'packs/loose.json'], {
      'packs/loose.json': JSON.stringify(warned),
    });
    expect(r.code).toBe(0);
    expect(keys(r.stdout)).toContain('rule.loose@u');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `packs/loose.json: $.threats[0].references.guidelines[1]: warning: guideline "SD-3" is cited, but none of the threat's mitigations implements it`,
    ]);
    // The editor gets the same warning, on the same pack.
    const editor = combinePacks(shippedLibrary(), [
      { fileName: 'packs/acme.json', content: acme },
      { fileName: 'packs/loose.json', content: warned },
    ]);
    expect(editor.active.map((p) => p.warnings?.length ?? 0)).toEqual([0, 1]);
    expect(editor.active[1]!.warnings![0]).toMatchObject({
      file: 'packs/loose.json',
      path: '$.threats[0].references.guidelines[1]',
    });
  });

  it('a pack without warnings prints nothing on stderr', () => {
    expect(run(['analyze', 'm.json', '--pack', 'packs/acme.json']).stderr).toBe('');
  });

  it('reports every rejected pack, not just the first', () => {
    const r = run(['analyze', 'm.json', '--pack', 'bad.json', '--pack', 'packs/on-top.json'], {
      'bad.json': '[',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad\.json: /m);
    expect(r.stderr).toMatch(/^packs\/on-top\.json: /m);
  });
});
