import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addComponent,
  moveElements,
  readDocumentFromY,
  removeElements,
  serialiseDocument,
  setTriage,
  trackedTypesY,
  updateComponent,
  updateMeta,
  writeDocumentToY,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { loadExample, options, readOk, sync } from './helpers';

/** Two peers sharing one model, each holding the document it last read or wrote. */
function twoPeers(doc = loadExample('public-rag-chatbot.aitm.json')) {
  const a = new Y.Doc();
  const b = new Y.Doc();
  writeDocumentToY(a, doc, null);
  sync(a, b);
  return { a, b, docA: readOk(a, doc), docB: readOk(b) };
}

describe('incremental writes', () => {
  it('carries each command to the other peer byte for byte', () => {
    const { a, b, docA } = twoPeers();
    let mine: ThreatModelDocument = docA;
    let theirs = readOk(b);
    const first = mine.components[0]!;
    const steps: ((d: ThreatModelDocument) => ThreatModelDocument)[] = [
      (d) => updateComponent(d, first.id, { label: 'Visitor (renamed)' }),
      (d) => updateComponent(d, first.id, { props: { trust: 'authenticated' } }),
      (d) => updateComponent(d, first.id, { props: { trust: null } }),
      (d) => moveElements(d, [{ id: first.id, position: { x: 400, y: 500 } }]),
      (d) => addComponent(d, { ...first, id: 'c-new', label: 'New' }),
      (d) => removeElements(d, [d.components[2]!.id]),
      (d) => setTriage(d, 'rule.x@c-new', { status: 'accepted', owner: 'Ana' }),
      (d) => setTriage(d, 'rule.x@c-new', { mitigations: { 'mitigation.m': 'planned' } }),
      (d) => updateMeta(d, { owner: 'Workshop' }),
      (d) => updateMeta(d, { owner: null }),
    ];
    for (const step of steps) {
      const next = step(mine);
      writeDocumentToY(a, next, mine);
      mine = next;
      sync(a, b);
      theirs = readOk(b, theirs);
      expect(serialiseDocument(theirs)).toBe(serialiseDocument(mine));
      expect(serialiseDocument(readOk(a, mine))).toBe(serialiseDocument(mine));
    }
  });

  it('writes nothing for an unchanged document or an unchanged element', () => {
    const { a, docA } = twoPeers();
    let updates = 0;
    a.on('update', () => updates++);
    writeDocumentToY(a, docA, docA);
    writeDocumentToY(a, { ...docA }, docA);
    expect(updates).toBe(0);
  });

  it('does not overwrite a remote change this peer has not read yet', () => {
    const { a, b, docA, docB } = twoPeers();
    const id = docA.components[0]!.id;
    // b renames; a (still holding the old document) moves the same component.
    writeDocumentToY(b, updateComponent(docB, id, { label: 'From b' }), docB);
    sync(a, b);
    writeDocumentToY(a, moveElements(docA, [{ id, position: { x: 1, y: 2 } }]), docA);
    sync(a, b);
    const merged = readOk(a).components[0]!;
    expect(merged.label).toBe('From b');
    expect(merged.position).toEqual({ x: 1, y: 2 });
  });
});

describe('structural sharing on read', () => {
  it('a one-field remote edit changes one element; everything else is previous', () => {
    const { a, b, docA, docB } = twoPeers();
    const id = docB.components[3]!.id;
    writeDocumentToY(b, updateComponent(docB, id, { label: 'Edited' }), docB);
    sync(a, b);
    const next = readOk(a, docA);
    expect(next).not.toBe(docA);
    expect(next.components[3]!.label).toBe('Edited');
    next.components.forEach((c, i) => {
      if (i === 3) expect(c).not.toBe(docA.components[i]);
      else expect(c).toBe(docA.components[i]);
    });
    expect(next.dataFlows).toBe(docA.dataFlows);
    expect(next.trustBoundaries).toBe(docA.trustBoundaries);
    expect(next.userThreats).toBe(docA.userThreats);
    expect(next.triage).toBe(docA.triage);
    expect(next.meta).toBe(docA.meta);
  });

  it('a read from inside an observer already sees the change that triggered it', () => {
    const { a, b, docA, docB } = twoPeers();
    const id = docB.components[0]!.id;
    const seen: string[] = [];
    a.getMap('model').observeDeep(() => {
      seen.push(readOk(a, docA).components[0]!.label);
    });
    writeDocumentToY(b, updateComponent(docB, id, { label: 'Observed' }), docB);
    sync(a, b);
    expect(seen).toEqual(['Observed']);
  });

  it('reading again without a change returns previous itself', () => {
    const { a, docA } = twoPeers();
    expect(readOk(a, docA)).toBe(docA);
    expect(readOk(a, docA)).toBe(docA);
  });

  it("after a local write, reading back returns the writer's own objects", () => {
    const { a, docA } = twoPeers();
    const next = updateComponent(docA, docA.components[1]!.id, { label: 'Mine' });
    writeDocumentToY(a, next, docA);
    expect(readOk(a, next)).toBe(next);
  });

  it('a remote triage edit keeps every other triage entry', () => {
    const { a, b, docA, docB } = twoPeers();
    const key = Object.keys(docB.triage)[0]!;
    writeDocumentToY(b, setTriage(docB, key, { owner: 'Someone else' }), docB);
    sync(a, b);
    const next = readOk(a, docA);
    expect(next.triage[key]!.owner).toBe('Someone else');
    for (const other of Object.keys(docA.triage)) {
      if (other !== key) expect(next.triage[other]).toBe(docA.triage[other]);
    }
    expect(next.components).toBe(docA.components);
  });

  it('an element changed and changed back is previous again, found by comparison', () => {
    const { a, b, docA, docB } = twoPeers();
    const id = docB.components[0]!.id;
    const edited = updateComponent(docB, id, { label: 'Temporary' });
    writeDocumentToY(b, edited, docB);
    writeDocumentToY(b, docB, edited);
    sync(a, b);
    const next = readOk(a, docA);
    expect(next.components[0]).toBe(docA.components[0]);
  });
});

describe('undo with trackedTypesY', () => {
  it("undoes this peer's change only", () => {
    const { a, b, docA, docB } = twoPeers();
    const mine = { local: 'a' };
    const undo = new Y.UndoManager(trackedTypesY(a), { trackedOrigins: new Set([mine]) });
    const idA = docA.components[0]!.id;
    const idB = docB.components[1]!.id;
    const nextA = addComponent(updateComponent(docA, idA, { label: 'A edit' }), {
      ...docA.components[0]!,
      id: 'c-from-a',
    });
    writeDocumentToY(a, nextA, docA, mine);
    writeDocumentToY(b, updateComponent(docB, idB, { label: 'B edit' }), docB);
    sync(a, b);
    undo.undo();
    const after = readDocumentFromY(a, null, options);
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    expect(after.document.components.find((c) => c.id === idA)!.label).toBe(docA.components[0]!.label);
    expect(after.document.components.some((c) => c.id === 'c-from-a')).toBe(false);
    expect(after.document.components.find((c) => c.id === idB)!.label).toBe('B edit');
  });
});
