import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  buildSarif,
  evaluate,
  parseDocumentText,
  renderSarif,
  SARIF_FINGERPRINT,
  shippedLibrary,
  type SarifLog,
} from '../../../src/core/index';

const schema = JSON.parse(readFileSync('tests/fixtures/schemas/sarif-schema-2.1.0.json', 'utf8')) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const library = shippedLibrary();
const tool = { name: 'aitm', version: '0.1.0' };
const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.aitm.json'))
  .sort();

function sarifOf(text: string, modelUri = 'model.aitm.json'): SarifLog {
  const parsed = parseDocumentText(text, { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const findings = evaluate(parsed.value, library);
  // Through the text, as the CLI writes it.
  return JSON.parse(
    renderSarif(buildSarif(parsed.value, library, findings, { modelUri, sourceText: text, tool })),
  ) as SarifLog;
}

/** An example with three of its open findings triaged not-applicable, mitigated and accepted. */
function triagedExample() {
  const text = readFileSync('examples/public-rag-chatbot.aitm.json', 'utf8');
  const json = JSON.parse(text) as { triage?: Record<string, unknown> };
  const parsed = parseDocumentText(text, { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error('example does not parse');
  const open = evaluate(parsed.value, library).filter((f) => f.status === 'open');
  const [na, mitigated, accepted] = open.map((f) => f.key);
  json.triage = {
    ...json.triage,
    [na!]: { status: 'not-applicable', note: 'The index holds public pages only.' },
    [mitigated!]: { status: 'mitigated' },
    [accepted!]: { status: 'accepted' },
  };
  return { text: `${JSON.stringify(json, null, 2)}\n`, na: na!, mitigated: mitigated!, accepted: accepted! };
}

describe('SARIF output', () => {
  it.each(examples)('%s is valid SARIF 2.1.0', (file) => {
    const log = sarifOf(readFileSync(`examples/${file}`, 'utf8'), `examples/${file}`);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    // The validator can fail: a level outside SARIF's vocabulary is refused.
    const run = log.runs[0];
    expect(validate({ ...log, runs: [{ ...run, results: [{ ...run.results[0]!, level: 'fatal' }] }] })).toBe(
      false,
    );
  });

  it.each(examples)('%s: every region is the object of its element', (file) => {
    const text = readFileSync(`examples/${file}`, 'utf8');
    const lines = text.split('\n');
    for (const result of sarifOf(text).runs[0].results) {
      const region = result.locations[0]!.physicalLocation!.region!;
      const logical = result.locations[0]!.logicalLocations![0]!;
      expect(lines[region.startLine - 1]![region.startColumn - 1]).toBe('{');
      if (logical.kind === 'model') continue;
      const idLine = lines.findIndex(
        (line, i) =>
          i >= region.startLine - 1 &&
          i <= region.endLine - 1 &&
          line.includes(`"id": ${JSON.stringify(logical.name)}`),
      );
      expect(idLine, `${result.ruleId} on ${logical.name}`).toBeGreaterThanOrEqual(0);
      // The first "id" inside the object is the element's own, not a nested one.
      const firstId = lines.slice(region.startLine - 1, region.endLine).find((l) => l.includes('"id": '));
      expect(firstId).toContain(JSON.stringify(logical.name));
    }
  });

  it('maps severity to level and security-severity, and lists each threat once as a rule', () => {
    const run = sarifOf(readFileSync('examples/agent-with-tools.aitm.json', 'utf8')).runs[0];
    const levels = { critical: 'error', high: 'error', medium: 'warning', low: 'note' } as const;
    const scores = { critical: 9, high: 7, medium: 4, low: 1 } as const;
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(new Set(run.results.map((r) => r.ruleId))).toEqual(new Set(ruleIds));
    for (const result of run.results) {
      const severity = result.properties['severity'] as keyof typeof levels;
      expect(result.level).toBe(levels[severity]);
      const rule = run.tool.driver.rules[result.ruleIndex]!;
      expect(rule.id).toBe(result.ruleId);
      // The rule is rated at its most severe result.
      expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(scores[severity]);
      expect(result.message.text).toContain(' on ');
    }
    const injection = run.tool.driver.rules.find((r) =>
      r.properties.tags.some((t) => t.startsWith('external/owasp-llm/')),
    );
    expect(injection?.help.markdown).toMatch(/\*\*Mitigations\*\*/);
    expect(injection?.help.markdown).toMatch(/\]\(https:\/\/genai\.owasp\.org\/llmrisk\//);
    expect(injection?.help.text).toContain('References:');
  });

  it('suppresses accepted and not-applicable findings with the note, and leaves mitigated ones out', () => {
    const { text, na, mitigated, accepted } = triagedExample();
    const run = sarifOf(text).runs[0];
    const byKey = new Map(run.results.map((r) => [r.partialFingerprints[SARIF_FINGERPRINT], r]));
    expect(byKey.get(na)?.suppressions).toEqual([
      expect.objectContaining({
        kind: 'inSource',
        status: 'accepted',
        justification: 'Not applicable: The index holds public pages only.',
      }),
    ]);
    expect(byKey.get(accepted)?.suppressions?.[0]?.justification).toMatch(/without a note/);
    // The suppression points at the triage entry.
    const line = byKey.get(na)!.suppressions![0]!.location!.physicalLocation!.region!.startLine;
    expect(text.split('\n')[line - 1]).toContain(JSON.stringify(na));
    expect(byKey.has(mitigated)).toBe(false);
    expect(run.properties['mitigatedFindings']).toContain(mitigated);
    for (const r of run.results)
      if (r.properties['status'] === 'open') expect(r.suppressions).toBeUndefined();
    expect(validate({ version: '2.1.0', runs: [run] })).toBe(true);
  });

  it('keeps fingerprints across runs and across an unrelated edit that moves every line', () => {
    const text = readFileSync('examples/public-rag-chatbot.aitm.json', 'utf8');
    const fingerprints = (log: SarifLog) =>
      log.runs[0].results.map((r) => `${r.ruleId} ${r.partialFingerprints[SARIF_FINGERPRINT]}`).sort();
    const first = sarifOf(text);
    expect(fingerprints(sarifOf(text))).toEqual(fingerprints(first));
    const json = JSON.parse(text) as { meta: { description?: string }; trustBoundaries: unknown[] };
    json.meta.description = `${json.meta.description ?? ''}\nA second paragraph.`;
    const edited = JSON.stringify(json, null, 4);
    const second = sarifOf(edited);
    expect(fingerprints(second)).toEqual(fingerprints(first));
    // The lines did move: the regions follow the elements, the fingerprints stay.
    const startLines = (log: SarifLog) =>
      log.runs[0].results.map((r) => r.locations[0]!.physicalLocation!.region!.startLine);
    expect(startLines(second)).not.toEqual(startLines(first));
  });

  it('without a file (standard input) carries logical locations only', () => {
    const text = readFileSync('examples/ml-scoring-service.aitm.json', 'utf8');
    const parsed = parseDocumentText(text, { catalogue: library.catalogue });
    if (!parsed.ok) throw new Error('example does not parse');
    const log = buildSarif(parsed.value, library, evaluate(parsed.value, library), { tool });
    expect(validate(log)).toBe(true);
    for (const r of log.runs[0].results) {
      expect(r.locations[0]!.physicalLocation).toBeUndefined();
      expect(r.locations[0]!.logicalLocations![0]!.name).toBeTruthy();
    }
  });

  it('escapes user text in help Markdown', () => {
    const json = JSON.parse(readFileSync('examples/ml-scoring-service.aitm.json', 'utf8')) as Record<
      string,
      unknown
    > & {
      components: { id: string }[];
    };
    json['userThreats'] = [
      {
        id: 'ut-1',
        targetId: json.components[0]!.id,
        title: 'See [here](https://evil.example) <img src=x>',
        description: '[click](https://evil.example)',
        severity: 'high',
        status: 'open',
      },
    ];
    const log = sarifOf(JSON.stringify(json, null, 2));
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id.startsWith('user.'))!;
    expect(rule.help.markdown).not.toMatch(/\]\(https:\/\/evil/);
    expect(rule.help.markdown).not.toContain('<img');
    expect(rule.properties.tags).toContain('user-threat');
    expect(validate(log)).toBe(true);
  });
});
