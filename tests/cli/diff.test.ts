import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import {
  diffModels,
  evaluate,
  parseDocumentText,
  renderDiffMarkdown,
  shippedLibrary,
  type ModelDiff,
} from '../../src/core/index';
import { memoryIo } from './memoryIo';

const OLD = readFileSync('examples/public-rag-chatbot.aitm.json', 'utf8');
const library = shippedLibrary();

interface Json {
  components: { id: string; label: string; type: string; boundaryId?: string | null }[];
  dataFlows: { id: string; sourceId: string; targetId: string }[];
  triage?: Record<string, unknown>;
}

const openKeys = (text: string) => {
  const parsed = parseDocumentText(text, { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error('does not parse');
  return evaluate(parsed.value, library)
    .filter((f) => f.status === 'open' && f.targetId === 'c-chat-app')
    .map((f) => f.key);
};

/**
 * The next version of the example: monitoring removed with its flows, a second
 * LLM app added, the guardrail renamed, one finding accepted with an owner and one mitigated.
 */
function nextVersion() {
  const json = JSON.parse(OLD) as Json;
  const [accepted, mitigated] = openKeys(OLD);
  json.components = json.components.filter((c) => c.id !== 'c-monitoring');
  json.dataFlows = json.dataFlows.filter((f) => f.targetId !== 'c-monitoring');
  const app = json.components.find((c) => c.id === 'c-chat-app')!;
  json.components.push({ ...app, id: 'c-admin-app', label: 'Admin assistant' });
  // Its flows as the chat app's: the same exposure, so the same findings, on a new element.
  for (const f of json.dataFlows.filter((x) => x.sourceId === 'c-chat-app' || x.targetId === 'c-chat-app'))
    json.dataFlows.push({
      ...f,
      id: `${f.id}-admin`,
      sourceId: f.sourceId === 'c-chat-app' ? 'c-admin-app' : f.sourceId,
      targetId: f.targetId === 'c-chat-app' ? 'c-admin-app' : f.targetId,
    });
  json.components.find((c) => c.id === 'c-input-guard')!.label = 'Prompt shield';
  json.triage = {
    ...json.triage,
    [accepted!]: { status: 'accepted', owner: 'Security lead', note: 'Reviewed in the design review.' },
    [mitigated!]: { status: 'mitigated' },
  };
  return { text: JSON.stringify(json, null, 2), accepted: accepted!, mitigated: mitigated! };
}

const run = (argv: string[], files: Record<string, string>) => {
  const m = memoryIo(files);
  const code = main(argv, m.io);
  return { code, out: m.stdout(), err: m.stderr(), written: m.written };
};

describe('aitm diff', () => {
  const next = nextVersion();
  const files = { 'old.aitm.json': OLD, 'new.aitm.json': next.text };

  it('reports findings added, resolved and re-triaged, and elements added, removed and renamed', () => {
    const { code, out } = run(['diff', 'old.aitm.json', 'new.aitm.json', '--format', 'json'], files);
    expect(code).toBe(0);
    const diff = JSON.parse(out) as ModelDiff;
    expect(diff.format).toBe('ai-threat-model-diff');
    expect(diff.elements.added).toContainEqual({
      id: 'c-admin-app',
      kind: 'component',
      label: 'Admin assistant',
    });
    expect(diff.elements.added.filter((e) => e.kind === 'dataFlow').length).toBeGreaterThan(0);
    expect(diff.elements.removed.map((e) => e.id).sort()).toEqual([
      'c-monitoring',
      'f-guard-events',
      'f-logs',
    ]);
    expect(diff.elements.renamed).toEqual([
      { id: 'c-input-guard', kind: 'component', from: expect.any(String), to: 'Prompt shield' },
    ]);
    expect(diff.findings.added.length).toBeGreaterThan(0);
    expect(
      diff.findings.added.every((f) => f.targetId === 'c-admin-app' || f.targetKind !== 'component'),
    ).toBe(true);
    const resolved = new Map(diff.findings.resolved.map((f) => [f.key, f.reason]));
    expect(resolved.get(next.mitigated)).toBe('mitigated');
    expect([...resolved.values()]).toContain('element-removed');
    const accepted = diff.findings.changed.find((f) => f.key === next.accepted);
    expect(accepted?.changes).toEqual([
      { field: 'status', from: 'open', to: 'accepted' },
      { field: 'owner', to: 'Security lead' },
      { field: 'note', to: 'Reviewed in the design review.' },
    ]);
    expect(diff.summary.findingsAdded).toBe(diff.findings.added.length);
    expect(diff.summary.openBefore).toBeGreaterThan(0);
  });

  it('writes Markdown for a pull-request comment, with the same content', () => {
    const { code, out } = run(['diff', 'old.aitm.json', 'new.aitm.json'], files);
    expect(code).toBe(0);
    const json = JSON.parse(
      run(['diff', 'old.aitm.json', 'new.aitm.json', '--format', 'json'], files).out,
    ) as ModelDiff;
    expect(out).toContain(
      `**${json.summary.findingsAdded} new findings, ${json.summary.findingsResolved} resolved`,
    );
    expect(out).toContain(`### New findings (${json.findings.added.length})`);
    expect(out).toContain('### Resolved findings');
    expect(out).toContain('| renamed | component |');
    expect(out).toContain(`\`${next.accepted}\``);
    expect(out).toContain('status open → accepted');
  });

  it('exits 1 when a new open finding reaches --fail-on-new, 0 when there is none', () => {
    const failing = run(['diff', 'old.aitm.json', 'new.aitm.json', '--fail-on-new', 'low'], files);
    expect(failing.code).toBe(1);
    expect(failing.err).toMatch(/new open findings? at or above low/);
    expect(failing.err).toContain('@c-admin-app');
    expect(failing.out).toContain(':x:');
    // The same model twice: nothing new, whatever was open before.
    const same = run(['diff', 'old.aitm.json', 'old.aitm.json', '--fail-on-new', 'low'], {
      'old.aitm.json': OLD,
    });
    expect(same.code).toBe(0);
    expect(same.out).toContain('No change to findings or elements.');
  });

  it('counts a finding re-opened at the threshold as new for the gate', () => {
    const json = JSON.parse(OLD) as Json;
    const key = Object.keys(json.triage ?? {})[0]!;
    const reopened = { ...json, triage: { ...json.triage, [key]: { status: 'open' } } };
    const r = run(['diff', 'old.aitm.json', 'new.aitm.json', '--fail-on-new', 'low', '--format', 'json'], {
      'old.aitm.json': OLD,
      'new.aitm.json': JSON.stringify(reopened),
    });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.out) as ModelDiff).gate).toEqual({ failOnNew: 'low', findings: [key] });
  });

  it('exits 2 on bad input, naming the file', () => {
    expect(run(['diff', 'old.aitm.json'], files).code).toBe(2);
    const broken = run(['diff', 'old.aitm.json', 'bad.json'], { ...files, 'bad.json': '{"format": 1' });
    expect(broken.code).toBe(2);
    expect(broken.err).toContain('bad.json');
    expect(run(['diff', 'old.aitm.json', 'new.aitm.json', '--fail-on-new', 'severe'], files).code).toBe(2);
    expect(run(['diff', 'old.aitm.json', 'new.aitm.json', '--format', 'html'], files).code).toBe(2);
  });

  it('writes --out through the safe output', () => {
    const r = run(['diff', 'old.aitm.json', 'new.aitm.json', '--out', 'diff.md'], files);
    expect(r.code).toBe(0);
    expect(r.written['diff.md']).toContain('## Threat model diff');
    expect(run(['diff', 'old.aitm.json', 'new.aitm.json', '--out', 'old.aitm.json'], files).code).toBe(2);
  });

  it('truncates a comment past the limit at a row, with a note', () => {
    const parse = (text: string) => {
      const p = parseDocumentText(text, { catalogue: library.catalogue });
      if (!p.ok) throw new Error('does not parse');
      return { doc: p.value, findings: evaluate(p.value, library) };
    };
    const diff = diffModels(parse(OLD), parse(next.text), library);
    const full = renderDiffMarkdown(diff);
    const cut = renderDiffMarkdown(diff, 1500);
    expect(full.length).toBeGreaterThan(1500);
    expect(cut.length).toBeLessThanOrEqual(1500);
    expect(cut).toMatch(/_\d+ more rows? not shown: a comment holds at most 1,500 characters/);
    expect(cut.startsWith(full.slice(0, 200))).toBe(true);
  });
});

describe('--help on every subcommand', () => {
  it.each(['analyze', 'validate', 'convert', 'diff', 'schema'])(
    '%s: --help, -h and help <command>',
    (command) => {
      for (const argv of [
        [command, '--help'],
        [command, '-h'],
        ['help', command],
        [command, 'x.json', '--help'],
      ]) {
        const r = run(argv, {});
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.out).toContain(`Usage: aitm ${command}`);
        expect(r.err).toBe('');
      }
    },
  );

  it('help for an unknown command is a usage error', () => {
    expect(run(['help', 'constructor'], {}).code).toBe(2);
    expect(run(['help'], {}).code).toBe(0);
  });
});
