import { describe, expect, it } from 'vitest';
import { evaluate, shippedLibrary } from '../../../src/core/index';
import {
  detectFormat,
  exportThreatComposer,
  exportThreatComposerJson,
  importThreatComposer,
  mergeImportedThreats,
  TC_CUSTOM,
} from '../../../src/core/interop/index';
import { agenticEdgeModel, fixture, interopLibrary, richModel } from './support';
import { StrictTcSchema } from './tcStrictSchema';

const library = interopLibrary();
const options = { catalogue: library.catalogue };

describe('the strict schema in this test', () => {
  it('accepts the real Threat Composer files (so it is not stricter than Threat Composer)', () => {
    for (const file of ['GenAIChatbot.tc.json', 'ThreatModelingForBuilders-Exercise1.tc.json']) {
      expect(StrictTcSchema.safeParse(fixture(`threat-composer/${file}`)).success).toBe(true);
    }
  });

  it('rejects unknown keys, long tags and short link ids (so it is as strict as Threat Composer)', () => {
    const threat = { id: 't', numericId: 1 };
    expect(StrictTcSchema.safeParse({ schema: 1, threats: [{ ...threat, extra: 1 }] }).success).toBe(false);
    expect(
      StrictTcSchema.safeParse({ schema: 1, threats: [{ ...threat, tags: ['x'.repeat(31)] }] }).success,
    ).toBe(false);
    expect(
      StrictTcSchema.safeParse({ schema: 1, mitigationLinks: [{ mitigationId: 'm', linkedId: 't' }] })
        .success,
    ).toBe(false);
    expect(
      StrictTcSchema.safeParse({
        schema: 1,
        threats: [{ ...threat, metadata: [{ key: 'aitm', value: 'x' }] }],
      }).success,
    ).toBe(false);
    expect(StrictTcSchema.safeParse({ schema: 1, workspace: {} }).success).toBe(false);
  });
});

describe('Threat Composer export', () => {
  const doc = richModel(library);
  const findings = evaluate(doc, library);
  const tc = exportThreatComposer(doc, findings);

  it('passes the strict Threat Composer schema', () => {
    const result = StrictTcSchema.safeParse(JSON.parse(JSON.stringify(tc)));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('has 36-character UUID ids, links that resolve, and tags of at most 30 characters', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const threatIds = new Set(tc.threats.map((t) => t.id));
    const mitigationIds = new Set(tc.mitigations.map((m) => m.id));
    for (const id of [...threatIds, ...mitigationIds]) expect(id).toMatch(uuid);
    expect(threatIds.size).toBe(tc.threats.length);
    for (const link of tc.mitigationLinks) {
      expect(link.mitigationId).toHaveLength(36);
      expect(link.linkedId).toHaveLength(36);
      expect(threatIds.has(link.linkedId)).toBe(true);
      expect(mitigationIds.has(link.mitigationId)).toBe(true);
    }
    for (const tag of [...tc.threats, ...tc.mitigations].flatMap((e) => e.tags ?? []))
      expect(tag.length).toBeLessThanOrEqual(30);
  });

  it('writes every finding and every unplaced threat as a threat statement', () => {
    expect(tc.threats).toHaveLength(findings.length + 1);
    const key = (t: (typeof tc.threats)[number]) =>
      t.metadata.find((m) => m.key === TC_CUSTOM.findingKey)?.value;
    expect(tc.threats.map(key)).toEqual([...findings.map((f) => f.key).sort(), 'user.ut-unplaced@unplaced']);
  });

  it('keeps status, priority, STRIDE, our ids and references on each threat', () => {
    const llm = tc.threats.find((t) =>
      t.metadata.some((m) => m.key === TC_CUSTOM.findingKey && m.value === 'rule.on-models@c-llm'),
    )!;
    expect(llm.status).toBe('threatIdentified');
    expect(llm.statement).toBe('Test threat on component "Model"');
    // The target, then the data categories of its flows.
    expect(llm.impactedAssets).toEqual(['Model', 'prompts', 'model output']);
    expect(llm.tags).toEqual(['LLM01', 'ASI01', 'AML.T0051', 'SAIF PIJ', 'NCSC SD-3', 'NCSC OM-2']);
    const meta = Object.fromEntries(llm.metadata.map((m) => [m.key, m.value]));
    expect(meta).toMatchObject({
      STRIDE: ['T'],
      Priority: 'High',
      [TC_CUSTOM.componentIds]: ['c-llm'],
      [TC_CUSTOM.ruleId]: 'rule.on-models',
      [TC_CUSTOM.ncsc]: ['SD-3', 'OM-2'],
      [TC_CUSTOM.atlas]: ['AML.T0051'],
      [TC_CUSTOM.owaspLlm]: ['LLM01'],
      [TC_CUSTOM.owaspAgentic]: ['ASI01'],
      [TC_CUSTOM.saif]: ['PIJ'],
      [TC_CUSTOM.status]: 'accepted',
      [TC_CUSTOM.owner]: 'Ana',
    });
    expect(meta['Comments']).toMatch(/^Owner: Ana\.\n\nNote: Vendor contract covers it\n\nWhy: /);
    const mitigated = tc.threats.find((t) => t.metadata.some((m) => m.value === 'rule.on-flows@f-ask'))!;
    expect(mitigated.status).toBe('threatResolved');
    const na = tc.threats.find((t) => t.metadata.some((m) => m.value === 'rule.on-boundaries@tb-ml'))!;
    expect(na.status).toBe('threatResolvedNotUseful');
  });

  it('shares one mitigation between threats, with the least advanced state as its status', () => {
    const test = tc.mitigations.find((m) => m.content === 'Test mitigation')!;
    expect(test.status).toBe('mitigationIdentified');
    expect(tc.mitigationLinks.filter((l) => l.mitigationId === test.id).length).toBeGreaterThan(1);
    const guardrail = tc.mitigations.find((m) => m.content === 'Output guardrail')!;
    expect(guardrail.status).toBe('mitigationInProgress');
  });

  it('is byte-identical for the same input', () => {
    expect(exportThreatComposerJson(doc, findings)).toBe(
      exportThreatComposerJson(richModel(library), evaluate(richModel(library), library)),
    );
  });

  it('clamps long titles, labels and comments to Threat Composer limits', () => {
    const long = 'x'.repeat(3000);
    const big = {
      ...doc,
      meta: { ...doc.meta, title: long.slice(0, 500) },
      components: doc.components.map((c) => ({ ...c, label: long.slice(0, 500) })),
      triage: { 'rule.on-models@c-llm': { status: 'open' as const, note: long } },
    };
    const out = exportThreatComposer(big, evaluate(big, library));
    const result = StrictTcSchema.safeParse(JSON.parse(JSON.stringify(out)));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});

describe('Threat Composer export of flow kinds, local flows and the newer types', () => {
  const doc = agenticEdgeModel(library);
  const tc = exportThreatComposer(doc, evaluate(doc, library));

  it('still passes the strict Threat Composer schema', () => {
    const result = StrictTcSchema.safeParse(JSON.parse(JSON.stringify(tc)));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('describes each flow with its kind and whether it is local, and each component with its type', () => {
    const flows = tc.dataflow.description.split('\n');
    expect(flows.find((l) => l.endsWith('id `f-run`'))).toMatch(/\(invoke, local, source-code\)/);
    expect(flows.find((l) => l.endsWith('id `f-ota`'))).toMatch(/\(update, model-artifact, system-prompt\)/);
    expect(flows.find((l) => l.endsWith('id `f-token`'))).toMatch(/\(response, encrypted, identity-token\)/);
    const architecture = tc.architecture.description;
    expect(architecture).toMatch(/- Entra ID \(identity-provider, in Site\) — id `c-idp`/);
    expect(architecture).toMatch(/- Camera \(edge-device\) — id `c-cam`/);
    expect(architecture).toMatch(/- Sandbox \(code-interpreter, in Site\) — id `c-code`/);
  });

  it('names the flow of each flow finding in its custom metadata, so the threats stay traceable', () => {
    const componentIds = tc.threats.map(
      (t) => t.metadata.find((m) => m.key === TC_CUSTOM.componentIds)?.value,
    );
    for (const id of ['f-run', 'f-ota', 'f-token']) expect(componentIds).toContainEqual([id]);
  });
});

describe('Threat Composer import', () => {
  const shipped = { catalogue: shippedLibrary().catalogue };

  it('imports the 37 threats of GenAIChatbot.tc.json as unplaced threats with their linked mitigations', () => {
    const input = fixture('threat-composer/GenAIChatbot.tc.json');
    expect(detectFormat(input)).toBe('threat-composer');
    const result = importThreatComposer(input, shipped);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { document, notes } = result.value;
    expect(document.userThreats).toHaveLength(37);
    expect(document.userThreats.every((t) => t.targetId === null && t.source === 'threat-composer')).toBe(
      true,
    );
    expect(document.userThreats.reduce((n, t) => n + (t.mitigations?.length ?? 0), 0)).toBe(122);
    expect(document.userThreats.filter((t) => t.note !== undefined)).toHaveLength(19);
    const bySeverity = (s: string) => document.userThreats.filter((t) => t.severity === s).length;
    expect([bySeverity('high'), bySeverity('medium'), bySeverity('low')]).toEqual([17, 17, 3]);
    expect(document.meta.title).toBe('Sample Generative AI Chatbot Application');
    const first = document.userThreats[0]!;
    expect(first).toMatchObject({
      id: 'tc-e0dd8e30-ea1d-4337-839b-53dac4ebf3d8',
      severity: 'low',
      status: 'open',
    });
    expect(first.title).toMatch(/^An external threat actor can issue strategic queries/);
    expect(first.description).toMatch(/Impacted assets:\n- proprietary LLM algorithms and training data/);
    expect(first.description).toMatch(/STRIDE: I/);
    expect(notes.join('\n')).toMatch(/37 threats were imported as unplaced/);
    expect(document.components).toEqual([]);
  });

  it('imports a file with no threats', () => {
    const result = importThreatComposer(
      fixture('threat-composer/ThreatModelingForBuilders-Exercise1.tc.json'),
      shipped,
    );
    expect(result.ok && result.value.document.userThreats).toEqual([]);
    expect(result.ok && result.value.document.meta.title).toBe('Vehicle registration feature');
  });

  it('tolerates dangling links and says how many there were', () => {
    const file = {
      schema: 1,
      threats: [{ id: 't1', numericId: 1, statement: 'A threat', status: 'threatResolved' }],
      mitigations: [{ id: 'm1', numericId: 1, content: 'Fix', status: 'mitigationResolved' }],
      mitigationLinks: [
        { mitigationId: 'm1', linkedId: 't1' },
        { mitigationId: 'm1', linkedId: 'missing' },
        { mitigationId: 'missing', linkedId: 't1' },
      ],
      assumptionLinks: [{ type: 'Threat', assumptionId: 'nope', linkedId: 't1' }],
    };
    const result = importThreatComposer(file, shipped);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.document.userThreats).toMatchObject([
      {
        title: 'A threat',
        status: 'mitigated',
        severity: 'medium',
        mitigations: [{ title: 'Fix', state: 'implemented' }],
      },
    ]);
    const notes = result.value.notes.join('\n');
    expect(notes).toMatch(/2 mitigation links point at something that does not exist/);
    expect(notes).toMatch(/1 assumption link points/);
    expect(notes).toMatch(/no priority/);
  });

  it('reads back our own export: statuses (including accepted), severities and mitigations', () => {
    const doc = richModel(library);
    const exported = JSON.parse(exportThreatComposerJson(doc, evaluate(doc, library))) as unknown;
    const result = importThreatComposer(exported, options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const threats = result.value.document.userThreats;
    expect(threats).toHaveLength(evaluate(doc, library).length + 1);
    expect(threats.find((t) => t.id === 'ut-unplaced')).toMatchObject({
      status: 'accepted',
      severity: 'low',
      title: 'Imported threat',
    });
    expect(threats.find((t) => t.id === 'ut-jailbreak')).toMatchObject({
      status: 'open',
      severity: 'high',
      owner: 'Ben',
      mitigations: [{ title: 'Output guardrail', state: 'planned' }],
    });
  });

  it('merges imported threats into an existing document, once', () => {
    const doc = richModel(library);
    const imported = importThreatComposer(fixture('threat-composer/GenAIChatbot.tc.json'), options);
    if (!imported.ok) throw new Error('import failed');
    const merged = mergeImportedThreats(doc, imported.value.document.userThreats, options);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.value.document.userThreats).toHaveLength(doc.userThreats.length + 37);
    expect(merged.value.document.components).toEqual(doc.components);
    expect(merged.value.notes[0]).toMatch(/37 threats were added/);
    const again = mergeImportedThreats(merged.value.document, imported.value.document.userThreats, options);
    expect(again.ok && again.value.document.userThreats).toHaveLength(doc.userThreats.length + 37);
    expect(again.ok && again.value.notes.join('\n')).toMatch(/37 threats were already in the model/);
  });

  it('renames a threat whose id clashes with an element, and unplaces one whose target is missing', () => {
    const doc = richModel(library);
    const merged = mergeImportedThreats(
      doc,
      [
        { id: 'c-llm', targetId: null, title: 'clash', severity: 'low', status: 'open' },
        { id: 'elsewhere', targetId: 'c-nowhere', title: 'lost', severity: 'low', status: 'open' },
      ],
      options,
    );
    expect(merged.ok && merged.value.document.userThreats.slice(-2).map((t) => [t.id, t.targetId])).toEqual([
      ['c-llm-2', null],
      ['elsewhere', null],
    ]);
  });
});
