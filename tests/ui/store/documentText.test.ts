import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  addUserThreat,
  createEmptyDocument,
  parseDocumentText,
  removeElements,
  serialiseDocument,
  setTriage,
  shippedLibrary,
  updateComponent,
  updateDataFlow,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { prepareDocumentText, serialiseDocumentCached } from '../../../src/ui/store/documentText';
import { freezeDocument } from '../../../src/ui/store/freezeDocument';
import { syntheticModel } from '../../../bench/syntheticModel';

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
    return [name, parsed.value] as const;
  });

/** A document with every optional part: schema, interop, user threats, odd triage keys and text. */
function everything(): ThreatModelDocument {
  const doc = syntheticModel(30);
  const first = doc.components[0]!;
  return {
    ...doc,
    $schema: 'https://example.test/schema.json',
    meta: { ...doc.meta, description: 'Line one\nline two "quoted" \u2028 \u0000', owner: 'Ω team' },
    components: [
      { ...first, description: 'multi\nline', outOfScope: { reason: 'vendor' }, props: { z: true, a: 'x' } },
      ...doc.components.slice(1),
    ],
    dataFlows: doc.dataFlows.map((f, i) => (i === 0 ? { ...f, outOfScope: { reason: 'n/a' } } : f)),
    triage: {
      'rule.b@c1': { status: 'accepted', owner: 'me', note: 'ok\n' },
      '10': { status: 'mitigated', mitigations: { 'm.z': 'implemented', 'm.a': 'planned' } },
      '2': { status: 'open' },
      'rule.a@c0': { status: 'not-applicable' },
    } as ThreatModelDocument['triage'],
    userThreats: [
      {
        id: 'ut-1',
        targetId: first.id,
        title: 'Hand-made',
        description: '',
        severity: 'high',
        status: 'open',
      } as ThreatModelDocument['userThreats'][number],
    ],
    interop: { tool: { nested: [1, { b: 2, a: [] }], empty: {} }, list: [] },
  } as ThreatModelDocument;
}

const same = (doc: ThreatModelDocument) => expect(serialiseDocumentCached(doc)).toBe(serialiseDocument(doc));

describe('autosave text kept per part', () => {
  it('is byte-identical to serialiseDocument for every example and edge case', () => {
    for (const [, doc] of examples) {
      same(doc);
      same(freezeDocument(structuredClone(doc)));
    }
    same(createEmptyDocument('Empty'));
    same(freezeDocument(createEmptyDocument('Empty')));
    same(everything());
    same(freezeDocument(everything()));
    same(freezeDocument(syntheticModel(500)));
  });

  it('stays identical through edits that reuse the text of unchanged parts', () => {
    let doc = freezeDocument(everything());
    same(doc);
    const c = doc.components[3]!;
    const f = doc.dataFlows[2]!;
    const edits: ((d: ThreatModelDocument) => ThreatModelDocument)[] = [
      (d) => updateComponent(d, c.id, { label: 'Renamed\n"x"', props: { authenticated: true } }),
      (d) => updateDataFlow(d, f.id, { props: { encrypted: true }, label: 'tls' }),
      (d) => setTriage(d, 'rule.a@c0', { status: 'accepted', note: 'why' }),
      (d) => setTriage(d, '3', { status: 'mitigated' }),
      (d) => addUserThreat(d, { ...d.userThreats[0]!, id: 'ut-2', title: 'Second' }),
      (d) => removeElements(d, [c.id]),
      (d) => ({ ...d, meta: { ...d.meta, title: 'New title' } }),
      (d) => ({ ...d, interop: undefined }),
    ];
    for (const edit of edits) {
      doc = freezeDocument(edit(doc));
      same(doc);
    }
  });

  it('stringifies only the parts an edit replaced', () => {
    const doc = freezeDocument(syntheticModel(500));
    serialiseDocumentCached(doc);
    const c = doc.components[7]!;
    const next = freezeDocument(updateComponent(doc, c.id, { props: { authenticated: true } }));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const text = serialiseDocumentCached(next);
      // The edited component, meta, a few scalars and the keys: not 500 components and 1,000 flows.
      expect(stringify.mock.calls.length).toBeLessThan(20);
      stringify.mockRestore();
      expect(text).toBe(serialiseDocument(next));
    } finally {
      stringify.mockRestore();
    }
  });

  it('prepares the text of a new document in batches, so that its save only joins', () => {
    const doc = freezeDocument(syntheticModel(400)); // 16 boundaries, 400 components, 800 flows
    const done: boolean[] = [];
    for (let i = 0; i < 10 && !done.includes(true); i++) done.push(prepareDocumentText(doc, 300));
    // 1,216 items by 300: four batches not yet done, the fifth completes.
    expect(done).toEqual([false, false, false, false, true]);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const text = serialiseDocumentCached(doc);
      expect(stringify.mock.calls.length).toBeLessThan(20);
      stringify.mockRestore();
      expect(text).toBe(serialiseDocument(doc));
    } finally {
      stringify.mockRestore();
    }
  });

  it('never serves the text of a part that changed in place (not frozen)', () => {
    const doc = everything();
    same(doc);
    doc.components[1]!.label = 'Changed in place';
    doc.dataFlows.pop();
    same(doc);
  });
});
