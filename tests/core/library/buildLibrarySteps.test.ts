/**
 * loadLibrary in two halves (issue 10): the editor's worker validates packs, and its page builds
 * the same Library from the validated files, in slices that yield between steps. Run to its end
 * the stepwise build must give exactly what loadLibrary gives, even after the validated files
 * crossed from the worker as JSON text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildLibrarySteps,
  evaluate,
  layerRulePacks,
  loadLibrary,
  parseDocumentText,
  runToEnd,
  shippedLibrary,
  validateLibrarySources,
  type Library,
  type ThreatModelDocument,
  type ValidatedLibraryFile,
} from '../../../src/core/index';
import { RULES_PER_STEP } from '../../../src/core/library/loadLibrary';
import { largeRulePack } from '../../../bench/largeInputs';

const base = shippedLibrary();
const examples = ['public-rag-chatbot.aitm.json', 'agent-with-tools.aitm.json'].map((name) => {
  const read = parseDocumentText(readFileSync(`examples/${name}`, 'utf8'), { catalogue: base.catalogue });
  if (!read.ok) throw new Error(`examples/${name} does not read`);
  return read.value as ThreatModelDocument;
});

/** A pack whose rules fire on the examples, so findings can differ if the build did. */
const firingPack = {
  name: 'Firing pack',
  version: '1.0.0',
  threats: [
    {
      id: 'threat.firing',
      title: 'Fires on every component',
      description: 'A rule that matches every component.',
      likelihood: 'medium',
      impact: 'high',
      references: { guidelines: [] },
      mitigations: [],
    },
  ],
  rules: [{ id: 'rule.firing', threat: 'threat.firing', target: 'component' }],
};

const summary = (library: Library) => ({
  name: library.name,
  version: library.version,
  rules: library.rules.map((r) => r.id),
  threats: [...library.threats.keys()],
  byType: [...library.index.componentByType].map(([type, rules]) => [type, rules.map((r) => r.rule.id)]),
  anyType: library.index.componentAnyType.map((r) => r.rule.id),
  byTarget: [...library.index.byTarget].map(([t, rules]) => [t, rules.map((r) => r.rule.id)]),
});

const findings = (library: Library) =>
  examples.map((doc) =>
    evaluate(doc, library).map((f) => JSON.stringify([f.key, f.severity, f.status, f.why])),
  );

describe('building a library in steps', () => {
  const sources = [
    { path: 'large.json', content: largeRulePack(300) },
    { path: 'firing.json', content: firingPack },
  ];

  it('gives what loadLibrary gives, after the validated files crossed as JSON text', () => {
    const loaded = loadLibrary(sources, { base });
    const validated = validateLibrarySources(sources);
    expect(loaded.ok && validated.ok).toBe(true);
    if (!loaded.ok || !validated.ok) return;
    const crossed = JSON.parse(JSON.stringify(validated.value)) as ValidatedLibraryFile[];
    const built = runToEnd(buildLibrarySteps(crossed, { base }));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(summary(built.value)).toEqual(summary(loaded.value));
    expect(built.warnings).toEqual(loaded.warnings);
    expect(findings(built.value)).toEqual(findings(loaded.value));
    // The pack's rule fires: the comparison is not between two empty lists.
    expect(
      findings(built.value)
        .flat()
        .some((f) => f.includes('rule.firing')),
    ).toBe(true);
  });

  it('pauses between slices of rules, so a caller with a clock can spread the work', () => {
    const validated = validateLibrarySources(sources);
    if (!validated.ok) throw new Error('the pack should validate');
    const rules = base.rules.length + (validated.value[0]!.file.rules?.length ?? 0) + 1;
    const steps = buildLibrarySteps(validated.value, { base });
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(Math.ceil(rules / RULES_PER_STEP));
  });

  it('reports the same problems, in the same order, as loadLibrary', () => {
    const bad = {
      name: 'Bad',
      rules: Array.from({ length: RULES_PER_STEP + 5 }, (_, i) => ({
        id: `rule.bad-${String(i).padStart(4, '0')}`,
        threat: `threat.missing-${i}`,
        target: 'component',
        when: { fact: 'prop.noSuchFact', op: 'eq', value: true },
      })),
    };
    const loaded = loadLibrary([{ path: 'bad.json', content: bad }], { base });
    const validated = validateLibrarySources([{ path: 'bad.json', content: bad }]);
    if (!validated.ok || loaded.ok) throw new Error('schema-valid, but dangling');
    const built = runToEnd(buildLibrarySteps(validated.value, { base }));
    expect(built.ok).toBe(false);
    expect(!built.ok && built.problems).toEqual(loaded.problems);
    expect(loaded.problems.length).toBeGreaterThan(RULES_PER_STEP);
  });

  it('layerRulePacks gives each accepted pack validated, in order, and none of a rejected one', () => {
    const layered = layerRulePacks(base, [
      { fileName: 'firing.json', content: firingPack },
      { fileName: 'broken.json', content: { rules: [{ id: 'x' }] } },
      { fileName: 'large.json', content: largeRulePack(20) },
    ]);
    expect(layered.accepted.map((p) => p.fileName)).toEqual(['firing.json', 'large.json']);
    expect(layered.files.map((f) => f.path)).toEqual(['firing.json', 'large.json']);
    const rebuilt = runToEnd(buildLibrarySteps(layered.files, { base }));
    expect(rebuilt.ok && summary(rebuilt.value)).toEqual(summary(layered.library));
  });
});
