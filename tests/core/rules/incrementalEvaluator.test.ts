import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEvaluator,
  DATA_CATEGORIES,
  evaluate,
  FINDING_STATUSES,
  FLOW_KINDS,
  parseDocumentText,
  shippedLibrary,
  ZONES,
  type Component,
  type DataFlow,
  type Finding,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { syntheticModel } from '../../../bench/syntheticModel';
import { component, flow, model } from '../../support/modelBuilders';

const library = shippedLibrary();
const examplesDir = join(__dirname, '../../../examples');
const examples = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.aitm.json'))
  .sort()
  .map((name) => {
    const parsed = parseDocumentText(readFileSync(join(examplesDir, name), 'utf8'), {
      catalogue: library.catalogue,
    });
    if (!parsed.ok) throw new Error(`${name}: ${parsed.problems[0]?.message}`);
    return parsed.value;
  });
const models: ThreatModelDocument[] = [...examples, syntheticModel(40), syntheticModel(120)];
const typeIds = [...library.catalogue.types.keys()];

/** A finding as every reader sees it, explanation included (toJSON forces `why` and `trace`). */
const plain = (findings: readonly Finding[]) => JSON.parse(JSON.stringify(findings)) as unknown;

/** One random edit; numbers pick elements modulo the current counts so every edit applies. */
type Edit =
  | { op: 'prop'; at: number; pick: number; value: number }
  | { op: 'unsetProp'; at: number; pick: number }
  | { op: 'label'; kind: number; at: number; text: string }
  | { op: 'title'; text: string }
  | { op: 'add'; type: number; boundary: number }
  | { op: 'remove'; at: number }
  | { op: 'connect'; from: number; to: number; kind: number; data: number; label: boolean }
  | { op: 'disconnect'; at: number }
  | { op: 'move'; at: number; boundary: number }
  | { op: 'flowProps'; at: number; pick: number; value: number }
  | { op: 'triage'; at: number; status: number }
  | { op: 'untriage'; at: number }
  | { op: 'userThreat'; at: number; severity: number }
  | { op: 'dropUserThreat'; at: number }
  | { op: 'scope'; flow: boolean; at: number }
  | { op: 'zone'; at: number; zone: number }
  | { op: 'shuffle'; at: number };

const n = fc.nat({ max: 10_000 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('prop' as const), at: n, pick: n, value: n }), weight: 5 },
  { arbitrary: fc.record({ op: fc.constant('unsetProp' as const), at: n, pick: n }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('label' as const),
      kind: fc.nat({ max: 2 }),
      at: n,
      text: fc.constantFrom('', 'Alpha', 'Beta gateway', 'Ω node'),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ op: fc.constant('title' as const), text: fc.constantFrom('T1', 'Other') }),
    weight: 1,
  },
  { arbitrary: fc.record({ op: fc.constant('add' as const), type: n, boundary: n }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('remove' as const), at: n }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('connect' as const),
      from: n,
      to: n,
      kind: n,
      data: n,
      label: fc.boolean(),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('disconnect' as const), at: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('move' as const), at: n, boundary: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('flowProps' as const), at: n, pick: n, value: n }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('triage' as const), at: n, status: n }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('untriage' as const), at: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('userThreat' as const), at: n, severity: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('dropUserThreat' as const), at: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('scope' as const), flow: fc.boolean(), at: n }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('zone' as const), at: n, zone: n }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('shuffle' as const), at: n }), weight: 1 },
);

const replaceAt = <T>(list: readonly T[], i: number, value: T): T[] => {
  const copy = [...list];
  copy[i] = value;
  return copy;
};

let counter = 0;

/** Applies an edit with structural sharing, as the editor's commands do. Returns what it touched. */
function apply(doc: ThreatModelDocument, edit: Edit, current: readonly Finding[]): ThreatModelDocument {
  const comps = doc.components;
  const flows = doc.dataFlows;
  const at = (len: number, i: number) => i % len;
  switch (edit.op) {
    case 'prop': {
      if (comps.length === 0) return doc;
      const i = at(comps.length, edit.at);
      const c = comps[i]!;
      const declared = library.catalogue.types.get(c.type)?.properties ?? [];
      if (declared.length === 0) return doc;
      const p = declared[edit.pick % declared.length]!;
      const value =
        p.kind === 'boolean'
          ? edit.value % 2 === 0
          : p.kind === 'enum'
            ? p.values[edit.value % p.values.length]!
            : `v${edit.value % 3}`;
      return { ...doc, components: replaceAt(comps, i, { ...c, props: { ...c.props, [p.name]: value } }) };
    }
    case 'unsetProp': {
      if (comps.length === 0) return doc;
      const i = at(comps.length, edit.at);
      const c = comps[i]!;
      const names = Object.keys(c.props ?? {});
      if (names.length === 0) return doc;
      const props = { ...c.props };
      delete props[names[edit.pick % names.length]!];
      return { ...doc, components: replaceAt(comps, i, { ...c, props }) };
    }
    case 'label': {
      if (edit.kind === 0 && comps.length > 0) {
        const i = at(comps.length, edit.at);
        return { ...doc, components: replaceAt(comps, i, { ...comps[i]!, label: edit.text }) };
      }
      if (edit.kind === 1 && flows.length > 0) {
        const i = at(flows.length, edit.at);
        return { ...doc, dataFlows: replaceAt(flows, i, { ...flows[i]!, label: edit.text }) };
      }
      const bs = doc.trustBoundaries;
      if (bs.length === 0) return doc;
      const i = at(bs.length, edit.at);
      return { ...doc, trustBoundaries: replaceAt(bs, i, { ...bs[i]!, label: edit.text }) };
    }
    case 'title':
      return { ...doc, meta: { ...doc.meta, title: edit.text } };
    case 'add': {
      const bs = doc.trustBoundaries;
      const boundary = edit.boundary % (bs.length + 1);
      const c: Component = {
        id: `new-${counter++}`,
        type: typeIds[edit.type % typeIds.length]!,
        label: `New ${counter}`,
        ...(boundary < bs.length ? { boundaryId: bs[boundary]!.id } : {}),
      };
      return { ...doc, components: [...comps, c] };
    }
    case 'remove': {
      if (comps.length === 0) return doc;
      const gone = comps[at(comps.length, edit.at)]!.id;
      return {
        ...doc,
        components: comps.filter((c) => c.id !== gone),
        dataFlows: flows.filter((f) => f.sourceId !== gone && f.targetId !== gone),
        userThreats: doc.userThreats.filter((t) => t.targetId !== gone),
      };
    }
    case 'connect': {
      if (comps.length < 2) return doc;
      const s = at(comps.length, edit.from);
      let t = at(comps.length, edit.to);
      if (t === s) t = (t + 1) % comps.length;
      const f: DataFlow = {
        id: `nf-${counter++}`,
        sourceId: comps[s]!.id,
        targetId: comps[t]!.id,
        label: edit.label ? `flow ${counter}` : '',
        props: {
          kind: FLOW_KINDS[edit.kind % FLOW_KINDS.length]!,
          data: [DATA_CATEGORIES[edit.data % DATA_CATEGORIES.length]!],
        },
      };
      return { ...doc, dataFlows: [...flows, f] };
    }
    case 'disconnect': {
      if (flows.length === 0) return doc;
      const i = at(flows.length, edit.at);
      const gone = flows[i]!.id;
      return {
        ...doc,
        dataFlows: flows.filter((_, k) => k !== i),
        userThreats: doc.userThreats.filter((t) => t.targetId !== gone),
      };
    }
    case 'move': {
      if (comps.length === 0) return doc;
      const i = at(comps.length, edit.at);
      const bs = doc.trustBoundaries;
      const b = edit.boundary % (bs.length + 1);
      const { boundaryId: _, ...rest } = comps[i]!;
      const moved = b < bs.length ? { ...rest, boundaryId: bs[b]!.id } : rest;
      return { ...doc, components: replaceAt(comps, i, moved) };
    }
    case 'flowProps': {
      if (flows.length === 0) return doc;
      const i = at(flows.length, edit.at);
      const f = flows[i]!;
      const props = { ...f.props };
      switch (edit.pick % 6) {
        case 0:
          props.encrypted = edit.value % 2 === 0;
          break;
        case 1:
          props.authenticated = edit.value % 2 === 0;
          break;
        case 2:
          props.local = edit.value % 2 === 0;
          break;
        case 3:
          props.kind = FLOW_KINDS[edit.value % FLOW_KINDS.length]!;
          break;
        case 4:
          props.data = [DATA_CATEGORIES[edit.value % DATA_CATEGORIES.length]!];
          break;
        default:
          props.protocol = `p${edit.value % 3}`;
      }
      return { ...doc, dataFlows: replaceAt(flows, i, { ...f, props }) };
    }
    case 'triage': {
      const rules = current.filter((f) => f.origin === 'rule');
      if (rules.length === 0) return doc;
      const f = rules[edit.at % rules.length]!;
      const mitigation = f.mitigations[0];
      return {
        ...doc,
        triage: {
          ...doc.triage,
          [f.key]: {
            status: FINDING_STATUSES[edit.status % FINDING_STATUSES.length]!,
            ...(edit.status % 3 === 0 ? { owner: 'Ann', note: 'checked' } : {}),
            ...(mitigation && edit.status % 2 === 0
              ? { mitigations: { [mitigation.id]: 'implemented' } }
              : {}),
          },
        },
      };
    }
    case 'untriage': {
      const keys = Object.keys(doc.triage);
      if (keys.length === 0) return doc;
      const triage = { ...doc.triage };
      delete triage[keys[edit.at % keys.length]!];
      return { ...doc, triage };
    }
    case 'userThreat': {
      const ids = [...comps.map((c) => c.id), ...flows.map((f) => f.id), 'model'];
      return {
        ...doc,
        userThreats: [
          ...doc.userThreats,
          {
            id: `ut-${counter++}`,
            targetId: ids[edit.at % ids.length]!,
            title: 'Hand-made',
            severity: (['critical', 'high', 'medium', 'low'] as const)[edit.severity % 4]!,
            status: 'open',
          },
        ],
      };
    }
    case 'dropUserThreat': {
      if (doc.userThreats.length === 0) return doc;
      const i = edit.at % doc.userThreats.length;
      return { ...doc, userThreats: doc.userThreats.filter((_, k) => k !== i) };
    }
    case 'scope': {
      if (edit.flow && flows.length > 0) {
        const i = at(flows.length, edit.at);
        const { outOfScope, ...rest } = flows[i]!;
        return {
          ...doc,
          dataFlows: replaceAt(flows, i, outOfScope ? rest : { ...rest, outOfScope: { reason: 'n/a' } }),
        };
      }
      if (comps.length === 0) return doc;
      const i = at(comps.length, edit.at);
      const { outOfScope, ...rest } = comps[i]!;
      return { ...doc, components: replaceAt(comps, i, outOfScope ? rest : { ...rest, outOfScope: {} }) };
    }
    case 'zone': {
      const bs = doc.trustBoundaries;
      if (bs.length === 0) return doc;
      const i = at(bs.length, edit.at);
      return {
        ...doc,
        trustBoundaries: replaceAt(bs, i, { ...bs[i]!, zone: ZONES[edit.zone % ZONES.length]! }),
      };
    }
    case 'shuffle': {
      if (comps.length < 2) return doc;
      const i = at(comps.length, edit.at);
      return { ...doc, components: [...comps.slice(i), ...comps.slice(0, i)] };
    }
  }
}

/** Ids whose findings may change under a label or triage edit (everything else must keep identity). */
function touched(prev: ThreatModelDocument, next: ThreatModelDocument, edit: Edit): Set<string> | undefined {
  if (edit.op === 'triage' || edit.op === 'untriage') return new Set();
  if (edit.op !== 'label') return undefined;
  const ids = new Set<string>();
  const changed = [
    ...next.components.filter((c, i) => c !== prev.components[i]),
    ...next.dataFlows.filter((f, i) => f !== prev.dataFlows[i]),
    ...next.trustBoundaries.filter((b, i) => b !== prev.trustBoundaries[i]),
  ].map((e) => e.id);
  for (const id of changed) ids.add(id);
  for (const f of next.dataFlows) if (ids.has(f.sourceId) || ids.has(f.targetId)) ids.add(f.id);
  return ids;
}

describe('createEvaluator', () => {
  it('gives exactly what evaluate gives after every step of random edit sequences, and keeps untouched findings', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: models.length - 1 }),
        fc.array(fc.tuple(editArb, fc.boolean()), { minLength: 1, maxLength: 12 }),
        (which, edits) => {
          const evaluator = createEvaluator(library);
          let doc = models[which]!;
          let previous = evaluator.evaluate(doc);
          expect(plain(previous)).toStrictEqual(plain(evaluate(doc, library)));
          for (const [edit, force] of edits) {
            const next = apply(doc, edit, previous);
            const result = evaluator.evaluate(next);
            const full = evaluate(next, library);
            expect(result.map((f) => f.key)).toStrictEqual(full.map((f) => f.key));
            // Explanations are compared on some steps only, so later steps also explain findings
            // reused from earlier documents that nobody had explained yet.
            if (force) expect(plain(result)).toStrictEqual(plain(full));
            const ids = touched(doc, next, edit);
            if (ids) {
              const before = new Map(previous.map((f) => [f.key, f]));
              const changedKeys = new Set(
                Object.keys({ ...doc.triage, ...next.triage }).filter(
                  (k) => doc.triage[k] !== next.triage[k],
                ),
              );
              for (const f of result)
                if (!ids.has(f.targetId) && !changedKeys.has(f.key) && f.origin === 'rule')
                  expect(f).toBe(before.get(f.key));
            }
            doc = next;
            previous = result;
          }
          expect(plain(previous)).toStrictEqual(plain(evaluate(doc, library)));
        },
      ),
      { numRuns: 60 },
    );
  });

  // Two copies of one chain (anonymous user → app → LLM → write tool) that no flow connects.
  const chain = (p: string) => [
    component(`${p}-user`, 'user', { trust: 'anonymous' }),
    component(`${p}-app`, 'llm-app'),
    component(`${p}-llm`, 'llm'),
    component(`${p}-tool`, 'agent-tool', { access: 'write' }),
  ];
  const chainFlows = (p: string) => [
    flow(`${p}-user`, `${p}-app`, { kind: 'message', data: ['prompts'] }, `${p}-f1`),
    flow(`${p}-app`, `${p}-llm`, { kind: 'message', data: ['prompts'] }, `${p}-f2`),
    flow(`${p}-llm`, `${p}-tool`, { kind: 'invoke' }, `${p}-f3`),
  ];
  const twoChains = () =>
    model({
      components: [...chain('a'), ...chain('b')],
      dataFlows: [...chainFlows('a'), ...chainFlows('b')],
    });

  it('follows a removed flow to everything it no longer reaches, and keeps the other chain', () => {
    const evaluator = createEvaluator(library);
    const doc = twoChains();
    const first = evaluator.evaluate(doc);
    const cut = { ...doc, dataFlows: doc.dataFlows.filter((f) => f.id !== 'a-f1') };
    const second = evaluator.evaluate(cut);
    expect(plain(second)).toStrictEqual(plain(evaluate(cut, library)));
    // The tool at the end of the cut chain lost findings that rest on untrusted input reaching its LLM.
    const ofTool = (fs: readonly Finding[]) => plain(fs.filter((f) => f.targetId === 'a-tool'));
    expect(ofTool(second)).not.toStrictEqual(ofTool(first));
    const before = new Map(first.map((f) => [f.key, f]));
    const other = second.filter((f) => f.targetId.startsWith('b-'));
    expect(other.length).toBeGreaterThan(0);
    for (const f of other) expect(f).toBe(before.get(f.key));
  });

  it('keeps the findings of components a new flow cannot reach', () => {
    const evaluator = createEvaluator(library);
    const doc = twoChains();
    const first = evaluator.evaluate(doc);
    const joined = {
      ...doc,
      dataFlows: [...doc.dataFlows, flow('a-tool', 'a-user', { kind: 'response' }, 'a-back')],
    };
    const second = evaluator.evaluate(joined);
    expect(plain(second)).toStrictEqual(plain(evaluate(joined, library)));
    const before = new Map(first.map((f) => [f.key, f]));
    for (const f of second.filter((x) => x.targetId.startsWith('b-'))) expect(f).toBe(before.get(f.key));
  });

  it('runs no rule for a label edit: only the findings of that element are new objects, with the new label', () => {
    const evaluator = createEvaluator(library);
    const doc = twoChains();
    const first = evaluator.evaluate(doc);
    const renamed = {
      ...doc,
      components: doc.components.map((c) => (c.id === 'a-llm' ? { ...c, label: 'Renamed model' } : c)),
    };
    const second = evaluator.evaluate(renamed);
    expect(plain(second)).toStrictEqual(plain(evaluate(renamed, library)));
    const before = new Map(first.map((f) => [f.key, f]));
    for (const f of second) {
      if (f.targetId === 'a-llm') {
        expect(f).not.toBe(before.get(f.key));
        expect(f.targetLabel).toBe('Renamed model');
      } else expect(f).toBe(before.get(f.key));
    }
  });

  it('rebuilds only the triaged finding', () => {
    const evaluator = createEvaluator(library);
    const doc = twoChains();
    const first = evaluator.evaluate(doc);
    const key = first.find((f) => f.targetId === 'a-llm')!.key;
    const triaged = { ...doc, triage: { [key]: { status: 'accepted' as const, owner: 'Ann' } } };
    const second = evaluator.evaluate(triaged);
    expect(plain(second)).toStrictEqual(plain(evaluate(triaged, library)));
    const before = new Map(first.map((f) => [f.key, f]));
    for (const f of second)
      if (f.key === key) expect(f.status).toBe('accepted');
      else expect(f).toBe(before.get(f.key));
  });

  it('explains a finding replaced by a later edit as it stood in its own document', () => {
    const evaluator = createEvaluator(library);
    const doc = twoChains();
    const first = evaluator.evaluate(doc);
    const expected = plain(evaluate(doc, library));
    evaluator.evaluate({ ...doc, dataFlows: doc.dataFlows.filter((f) => f.id !== 'a-f1') });
    expect(plain(first)).toStrictEqual(expected);
  });
});
