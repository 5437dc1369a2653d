import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseDocument, shippedLibrary, type ThreatModelDocument } from '../../../src/core/index';
import {
  BOM,
  exportThreatComposer,
  importDocument,
  importThreatComposer,
  mergeImportedThreats,
  parseImportText,
  TC_CUSTOM,
  type ThreatComposerFile,
} from '../../../src/core/interop/index';
import { readModelFile } from '../../../src/ui/interop/importFile';
import { agenticEdgeModel, FIXTURES, fixture, fixtureText, interopLibrary, richModel } from './support';
import { StrictTcSchema } from './tcStrictSchema';

/**
 * Threat Composer round trips (issue 13): grammar fields on every exported threat, imported
 * grammar and workspace text kept verbatim, shared mitigations stay shared, our own export
 * re-imported is placed and merged, a byte-order mark is tolerated.
 */

const shipped = shippedLibrary();
const options = { catalogue: shipped.catalogue };
const GRAMMAR = ['threatSource', 'prerequisites', 'threatAction', 'threatImpact'] as const;

type TcIn = {
  applicationInfo?: { description?: string };
  architecture?: { description?: string };
  dataflow?: { description?: string };
  assumptions?: { id: string; content: string }[];
  mitigations?: {
    id: string;
    content: string;
    status?: string;
    metadata?: { key: string; value: unknown }[];
  }[];
  mitigationLinks?: { mitigationId: string; linkedId: string }[];
  threats?: (Record<string, unknown> & { id: string; metadata?: { key: string; value: unknown }[] })[];
};

function importOrThrow(input: unknown, opts = options) {
  const result = importThreatComposer(input, opts);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value;
}

/** Import a Threat Composer file and export the model again, with the shipped library's findings. */
function reExport(input: unknown): ThreatComposerFile {
  const doc = importOrThrow(input).document;
  return exportThreatComposer(doc, evaluate(doc, shipped));
}

function strictOk(tc: ThreatComposerFile) {
  const result = StrictTcSchema.safeParse(JSON.parse(JSON.stringify(tc)));
  return result.success ? [] : result.error.issues;
}

function expectGrammarOnEveryThreat(tc: ThreatComposerFile) {
  expect(tc.threats.length).toBeGreaterThan(0);
  for (const t of tc.threats) {
    for (const field of GRAMMAR) expect(t[field], `${field} of ${t.statement}`).toMatch(/\S/);
    expect(t.impactedAssets?.length ?? 0, `assets of ${t.statement}`).toBeGreaterThan(0);
  }
}

const tcFixtures = readdirSync(join(FIXTURES, 'threat-composer')).filter((f) => f.endsWith('.tc.json'));

describe('Threat Composer export writes the threat grammar', () => {
  const examples: [string, ThreatModelDocument][] = readdirSync(join(FIXTURES, 'rule-cases'))
    .filter((f) => f.endsWith('.aitm.json'))
    .map((f) => {
      const parsed = parseDocument(fixture(`rule-cases/${f}`), options);
      if (!parsed.ok) throw new Error(f);
      return [f, parsed.value];
    });

  it.each(examples)(
    'gives every threat of %s a source, prerequisites, action, impact and assets',
    (_, doc) => {
      const findings = evaluate(doc, shipped);
      const tc = exportThreatComposer(doc, findings);
      if (findings.length === 0) return expect(tc.threats).toEqual([]);
      expectGrammarOnEveryThreat(tc);
      expect(strictOk(tc)).toEqual([]);
    },
  );

  it('derives the fields from the finding and its element', () => {
    const library = interopLibrary();
    const doc = richModel(library);
    const tc = exportThreatComposer(doc, evaluate(doc, library));
    expectGrammarOnEveryThreat(tc);
    const flow = tc.threats.find((t) => t.metadata.some((m) => m.value === 'rule.on-flows@f-ask'))!;
    // The flow's data categories are impacted assets beside the flow itself.
    expect(flow.impactedAssets).toEqual(['questions', 'prompts', 'personal data']);
    expect(flow.threatAction).toBe('cause test threat');
    expect(flow.impactedGoal).toEqual(['integrity']);
    expect(flow.threatImpact).toMatch(/unauthorised changes/);
    const model = tc.threats.find((t) => t.metadata.some((m) => m.value === 'rule.on-model@model'))!;
    expect(model.impactedAssets).toEqual(['Support chatbot']);
    expect(model.prerequisites).toBe('with access to the system');
  });

  it('names the origin of the path as the threat source when a path made the rule fire', () => {
    const doc = agenticEdgeModel(shipped);
    const findings = evaluate(doc, shipped);
    const withPath = findings.find((f) => f.trace.path.length > 1 && f.trace.path[0] !== f.targetId);
    expect(withPath).toBeDefined();
    const tc = exportThreatComposer(doc, findings);
    const threat = tc.threats.find((t) => t.metadata.some((m) => m.value === withPath!.key))!;
    const origin = doc.components.find((c) => c.id === withPath!.trace.path[0])!;
    expect(threat.threatSource).toContain(`"${origin.label}"`);
    expect(threat.prerequisites).toMatch(/^who can reach .* through /);
  });

  it('writes the threat description in the comments, and the note verbatim in custom metadata', () => {
    const library = interopLibrary();
    const doc = richModel(library);
    const findings = evaluate(doc, library);
    const tc = exportThreatComposer(doc, findings);
    const f = findings.find((x) => x.key === 'rule.on-models@c-llm')!;
    const t = tc.threats.find((x) => x.metadata.some((m) => m.value === f.key))!;
    const meta = new Map(t.metadata.map((m) => [m.key, m.value]));
    expect(meta.get('Comments')).toContain(f.description.slice(0, 40));
    expect(meta.get(TC_CUSTOM.note)).toBe('Vendor contract covers it');
  });
});

describe('Threat Composer → ours → Threat Composer', () => {
  it.each(tcFixtures)('%s comes back valid, with its grammar, statements and text verbatim', (file) => {
    const original = fixture(`threat-composer/${file}`) as TcIn;
    const out = reExport(original);
    expect(strictOk(out)).toEqual([]);
    expect(out.applicationInfo.description).toBe(original.applicationInfo?.description ?? '');
    expect(out.architecture.description).toBe(original.architecture?.description ?? '');
    expect(out.dataflow.description).toBe(original.dataflow?.description ?? '');
    expect(out.assumptions.map((a) => a.content)).toEqual((original.assumptions ?? []).map((a) => a.content));
    const byId = new Map(out.threats.map((t) => [t.id, t]));
    expect(out.threats).toHaveLength((original.threats ?? []).length);
    for (const t of original.threats ?? []) {
      const back = byId.get(t.id);
      expect(back, `threat ${t.id} keeps its id`).toBeDefined();
      for (const field of [...GRAMMAR, 'impactedGoal', 'impactedAssets', 'statement', 'tags'] as const)
        expect(back![field], `${field} of ${t.id}`).toEqual(t[field]);
      const meta = (m: { key: string; value: unknown }[] | undefined) =>
        Object.fromEntries(
          (m ?? []).filter((x) => !x.key.startsWith('custom:')).map((x) => [x.key, x.value]),
        );
      expect(meta(back!.metadata)).toEqual(meta(t.metadata));
      // Its number too: people cite "T-39" in tickets and notes.
      const number = (x: unknown) => (x as { numericId?: number }).numericId;
      if (number(t) !== undefined) expect(number(back), `numericId of ${t.id}`).toBe(number(t));
    }
  });

  it('keeps the 84 shared mitigations of GenAIChatbot.tc.json (not 122), their links and comments', () => {
    const original = fixture('threat-composer/GenAIChatbot.tc.json') as TcIn;
    const once = reExport(original);
    expect(once.mitigations).toHaveLength(84);
    expect(once.mitigationLinks).toHaveLength(
      original.mitigationLinks!.filter((l) => original.threats!.some((t) => t.id === l.linkedId)).length,
    );
    expect(new Set(once.mitigations.map((m) => m.content))).toEqual(
      new Set(original.mitigations!.map((m) => m.content)),
    );
    const comments = (m: TcIn['mitigations']) =>
      Object.fromEntries(
        (m ?? []).flatMap((x) =>
          (x.metadata ?? []).filter((k) => k.key === 'Comments').map((k) => [x.content, k.value]),
        ),
      );
    expect(comments(once.mitigations)).toEqual(comments(original.mitigations));
    // And again: export → import → export keeps the count.
    const twice = reExport(JSON.parse(JSON.stringify(once)));
    expect(twice.mitigations).toHaveLength(84);
    expect(twice.mitigationLinks).toHaveLength(once.mitigationLinks.length);
    expect(twice.threats.map((t) => t.id)).toEqual(once.threats.map((t) => t.id));
  });

  it('keeps assumptions and mitigations linked to nothing', () => {
    const original = fixture('threat-composer/sample-threat-model.tc.json') as TcIn;
    const out = reExport(original);
    expect(out.mitigations.map((m) => m.content)).toEqual([
      'Enforce a restrictive Content-Security-Policy on all responses.',
    ]);
    expect(out.mitigationLinks).toEqual([]);
    expect(out.assumptions.map((a) => a.content)).toEqual(['TLS 1.2+ protects data in transit.']);
  });

  it('keeps assumption links to threats and multi-line, quoted and comma-separated values', () => {
    const file = {
      schema: 1,
      assumptions: [{ id: 'a1', numericId: 1, content: 'Users are staff' }],
      assumptionLinks: [{ type: 'Threat', assumptionId: 'a1', linkedId: 't1' }],
      mitigations: [
        {
          id: 'm1',
          numericId: 1,
          content: '"Quoted", with a comma',
          status: 'mitigationInProgress',
          metadata: [{ key: 'Comments', value: 'line one\nline two' }],
        },
      ],
      threats: [
        {
          id: 't1',
          numericId: 1,
          threatSource: '"insider"',
          prerequisites: 'with a badge,\nand a key',
          threatAction: 'read files',
          impactedAssets: ['files, folders', ' padded '],
          statement: 'An insider can read files',
          metadata: [{ key: 'Comments', value: 'Seen twice' }],
        },
      ],
    };
    const out = reExport(file);
    expect(out.threats[0]).toMatchObject({
      threatSource: '"insider"',
      prerequisites: 'with a badge,\nand a key',
      threatAction: 'read files',
      impactedAssets: ['files, folders', ' padded '],
    });
    expect(out.threats[0]!.threatImpact).toBeUndefined();
    expect(out.threats[0]!.metadata).toContainEqual({ key: 'Comments', value: 'Seen twice' });
    expect(out.mitigations).toMatchObject([
      {
        content: '"Quoted", with a comma',
        metadata: expect.arrayContaining([{ key: 'Comments', value: 'line one\nline two' }]) as unknown,
      },
    ]);
    expect(out.assumptionLinks).toEqual([
      { type: 'Threat', assumptionId: out.assumptions[0]!.id, linkedId: out.threats[0]!.id },
    ]);
  });
});

describe('our export re-imported', () => {
  const library = interopLibrary();
  const opts = { catalogue: library.catalogue };
  const doc = richModel(library);
  const exported = JSON.parse(JSON.stringify(exportThreatComposer(doc, evaluate(doc, library)))) as unknown;

  it('names the format it recognised', () => {
    expect(importOrThrow(exported, opts).recognised).toBe(
      'Threat Composer workspace (schema 1), exported by this tool',
    );
    expect(importOrThrow(fixture('threat-composer/GenAIChatbot.tc.json')).recognised).toBe(
      'Threat Composer workspace (schema 1)',
    );
  });

  it('merges into the model it came from without duplicating anything', () => {
    const imported = importOrThrow(exported, opts);
    const merged = mergeImportedThreats(doc, imported.document.userThreats, opts, imported.placements);
    if (!merged.ok) throw new Error('merge failed');
    expect(merged.value.document.userThreats).toEqual(doc.userThreats);
    expect(evaluate(merged.value.document, library).length).toBe(evaluate(doc, library).length);
    // Each rule finding came back as its own triage, not as a new threat.
    expect(merged.value.document.triage['rule.on-models@c-llm']).toMatchObject({
      status: 'accepted',
      owner: 'Ana',
      note: 'Vendor contract covers it',
    });
  });

  it('places a threat on the element it was exported from, keeping its id', () => {
    const imported = importOrThrow(exported, opts);
    const without = { ...doc, userThreats: doc.userThreats.filter((t) => t.id !== 'ut-jailbreak') };
    const merged = mergeImportedThreats(without, imported.document.userThreats, opts, imported.placements);
    if (!merged.ok) throw new Error('merge failed');
    const back = merged.value.document.userThreats.find((t) => t.id === 'ut-jailbreak');
    expect(back).toMatchObject({ targetId: 'c-llm', status: 'open', owner: 'Ben' });
    expect(merged.value.document.userThreats).toHaveLength(doc.userThreats.length);
    expect(merged.value.notes.join('\n')).toMatch(/1 threat was placed back/);
  });

  it('carries the placements through the editor reader', () => {
    const read = readModelFile('x.tc.json', JSON.stringify(exported), library.catalogue);
    expect(read.ok && read.placements.find((p) => p.threatId === 'ut-jailbreak')).toEqual({
      threatId: 'ut-jailbreak',
      targetId: 'c-llm',
    });
    expect(read.ok && read.formatLabel).toMatch(/^Threat Composer workspace \(schema 1\)/);
  });
});

describe('a UTF-8 byte-order mark', () => {
  it.each([
    ['GenAIChatbot.tc.json', 'threat-composer/GenAIChatbot.tc.json'],
    ['an AI threat model', 'rule-cases/internal-assistant.aitm.json'],
  ])('is tolerated before %s', (_, path) => {
    const text = `${BOM}${fixtureText(path)}`;
    expect(() => JSON.parse(text) as unknown).toThrow();
    const json = parseImportText(text);
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    expect(importDocument(json.value, options).ok).toBe(true);
    const read = readModelFile(path, text, shipped.catalogue);
    expect(read.ok ? read.formatLabel : read.message).toMatch(/Threat Composer workspace|AI threat model/);
  });
});
