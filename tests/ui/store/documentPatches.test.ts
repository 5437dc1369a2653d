import { applyPatches, enablePatches } from 'immer';
import { describe, expect, it } from 'vitest';
import {
  addComponent,
  addDataFlow,
  moveElements,
  removeElements,
  renameDocument,
  serialiseDocument,
  setTriage,
  updateComponent,
  updateMeta,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { syntheticModel } from '../../../bench/syntheticModel';
import { applyDocumentPatches, diffDocuments, patchBytes } from '../../../src/ui/store/documentPatches';

enablePatches();

const base = syntheticModel(200);
const ids = base.components.map((c) => c.id);

/** Commands of every kind the editor runs, each from the base model. */
const edits: [string, (d: ThreatModelDocument) => ThreatModelDocument][] = [
  ['rename', (d) => renameDocument(d, 'Renamed')],
  ['meta field added', (d) => updateMeta(d, { description: 'new' })],
  ['label', (d) => updateComponent(d, ids[17]!, { label: 'Typed' })],
  ['props', (d) => updateComponent(d, ids[3]!, { props: { authenticated: true } })],
  ['add component', (d) => addComponent(d, { id: 'c-new', type: 'llm', label: 'New' })],
  ['add flow', (d) => addDataFlow(d, { id: 'f-new', sourceId: ids[0]!, targetId: ids[1]!, label: '' })],
  ['remove several spread out', (d) => removeElements(d, [ids[0]!, ids[50]!, ids[199]!])],
  ['move', (d) => moveElements(d, [{ id: ids[5]!, position: { x: 1, y: 2 } }])],
  ['triage', (d) => setTriage(d, 'rule.x@c-1', { status: 'accepted', note: 'ok' })],
  ['reorder', (d) => ({ ...d, components: [...d.components].reverse() })],
  ['all replaced', (d) => ({ ...d, components: d.components.map((c) => ({ ...c })) })],
];

describe('document patches', () => {
  it.each(edits)('%s: forward and inverse patches rebuild both versions exactly', (_, edit) => {
    const after = edit(base);
    const { patches, inverse } = diffDocuments(base, after);
    expect(patches.length).toBeGreaterThan(0);
    expect(serialiseDocument(applyDocumentPatches(base, patches))).toBe(serialiseDocument(after));
    expect(serialiseDocument(applyDocumentPatches(after, inverse))).toBe(serialiseDocument(base));
    // The same patches in Immer's own applier: they are real Immer patches.
    expect(applyPatches(base, patches)).toEqual(after);
    expect(applyPatches(after, inverse)).toEqual(base);
  });

  it('finds nothing between a document and itself, and leaves it untouched', () => {
    expect(diffDocuments(base, base)).toEqual({ patches: [], inverse: [] });
    expect(applyDocumentPatches(base, [])).toBe(base);
  });

  it('one edit among 200 components is one small patch, sharing every other object', () => {
    const after = updateComponent(base, ids[17]!, { label: 'Typed' });
    const { patches, inverse } = diffDocuments(base, after);
    expect(patches).toEqual([{ op: 'replace', path: ['components', 17], value: after.components[17] }]);
    expect(patchBytes(inverse)).toBeLessThan(1000);
    const undone = applyDocumentPatches(after, inverse);
    expect(undone.components[17]).toBe(base.components[17]);
    expect(undone.components[16]).toBe(base.components[16]);
    expect(undone.dataFlows).toBe(base.dataFlows);
  });

  it('removing elements spread over the array is one patch per element removed', () => {
    const after = removeElements(base, [ids[0]!, ids[50]!, ids[199]!]);
    const componentPatches = diffDocuments(base, after).patches.filter((p) => p.path[0] === 'components');
    expect(componentPatches.map((p) => p.op)).toEqual(['remove', 'remove', 'remove']);
  });

  it('does not change the document it applies to', () => {
    const after = updateComponent(base, ids[2]!, { label: 'x' });
    const text = serialiseDocument(after);
    applyDocumentPatches(after, diffDocuments(base, after).inverse);
    expect(serialiseDocument(after)).toBe(text);
  });

  it('random edits of arrays (removals, insertions, replacements, moves) round-trip element by element', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: random(12) }, (_, i) => ({ id: `e${round}-${i}` }));
      let b = [...a];
      for (let k = random(5); k > 0; k--) {
        const at = random(b.length + 1);
        const what = random(4);
        if (what === 0 && b.length) b.splice(at % b.length, 1);
        else if (what === 1) b.splice(at, 0, { id: `new-${k}` });
        else if (what === 2 && b.length) b[at % b.length] = { id: `changed-${k}` };
        else if (b.length > 1) b = [...b.slice(1), b[0]!];
      }
      const docA = { ...base, components: a } as unknown as ThreatModelDocument;
      const docB = { ...base, components: b } as unknown as ThreatModelDocument;
      const { patches, inverse } = diffDocuments(docA, docB);
      const forward = applyDocumentPatches(docA, patches).components;
      const back = applyDocumentPatches(docB, inverse).components;
      expect(forward).toHaveLength(b.length);
      b.forEach((x, i) => expect(forward[i]).toBe(x));
      expect(back).toHaveLength(a.length);
      a.forEach((x, i) => expect(back[i]).toBe(x));
      expect(applyPatches(docA, patches).components).toEqual(b);
    }
  });
});
