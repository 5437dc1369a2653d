import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDataFlow,
  addUserThreat,
  parseDocument,
  readDocumentFromY,
  removeElements,
  serialiseDocument,
  updateComponent,
  updateTrustBoundary,
  writeDocumentToY,
} from '../../../src/core/index';
import { loadExample, options, readOk, sync } from './helpers';

function twoPeers() {
  const doc = loadExample('public-rag-chatbot.aitm.json');
  const a = new Y.Doc();
  const b = new Y.Doc();
  writeDocumentToY(a, doc, null);
  sync(a, b);
  return { a, b, doc };
}

function readBoth(a: Y.Doc, b: Y.Doc) {
  const ra = readDocumentFromY(a, null, options);
  const rb = readDocumentFromY(b, null, options);
  if (!ra.ok || !rb.ok) throw new Error('a merged room must stay readable');
  expect(serialiseDocument(ra.document)).toBe(serialiseDocument(rb.document));
  expect(parseDocument(JSON.parse(serialiseDocument(ra.document)), options).ok).toBe(true);
  return ra;
}

describe('repairs after concurrent edits', () => {
  it('a flow connected to a component deleted at the same moment is dropped and reported', () => {
    const { a, b, doc } = twoPeers();
    const [source, target] = [doc.components[0]!, doc.components[1]!];
    writeDocumentToY(a, removeElements(doc, [target.id]), doc);
    const flow = { id: 'f-concurrent', sourceId: source.id, targetId: target.id, label: 'new' };
    writeDocumentToY(b, addDataFlow(doc, flow), doc);
    sync(a, b);
    const merged = readBoth(a, b);
    expect(merged.document.components.some((c) => c.id === target.id)).toBe(false);
    expect(merged.document.dataFlows.some((f) => f.id === 'f-concurrent')).toBe(false);
    expect(merged.repairs.map((r) => r.message).join('\n')).toContain('dropped data flow "f-concurrent"');
    // Written back whole, the repair leaves the room: the next read has nothing to repair.
    writeDocumentToY(a, merged.document, null);
    sync(a, b);
    const again = readDocumentFromY(b, null, options);
    expect(again.ok && again.repairs).toEqual([]);
    expect(again.ok && serialiseDocument(again.document)).toBe(serialiseDocument(merged.document));
  });

  it('editing a component another participant deleted leaves it deleted', () => {
    const { a, b, doc } = twoPeers();
    const id = doc.components[4]!.id;
    writeDocumentToY(a, removeElements(doc, [id]), doc);
    writeDocumentToY(b, updateComponent(doc, id, { label: 'Still here?' }), doc);
    sync(a, b);
    const merged = readBoth(a, b);
    expect(merged.document.components.some((c) => c.id === id)).toBe(false);
  });

  it('a component moved into a boundary deleted meanwhile ends up in no boundary', () => {
    const { a, b, doc } = twoPeers();
    const boundary = doc.trustBoundaries.find(
      (tb) => !doc.trustBoundaries.some((o) => o.parentId === tb.id),
    )!;
    const component = doc.components.find((c) => c.boundaryId !== boundary.id)!;
    writeDocumentToY(a, removeElements(doc, [boundary.id]), doc);
    writeDocumentToY(b, updateComponent(doc, component.id, { boundaryId: boundary.id }), doc);
    sync(a, b);
    const merged = readBoth(a, b);
    expect(merged.document.components.find((c) => c.id === component.id)!.boundaryId).toBeNull();
    expect(merged.repairs.length).toBeGreaterThan(0);
  });

  it('a threat attached to an element deleted meanwhile becomes unattached', () => {
    const { a, b, doc } = twoPeers();
    const id = doc.components[2]!.id;
    writeDocumentToY(a, removeElements(doc, [id]), doc);
    const threat = {
      id: 'ut-concurrent',
      targetId: id,
      title: 'Concurrent',
      severity: 'high' as const,
      status: 'open' as const,
    };
    writeDocumentToY(b, addUserThreat(doc, threat), doc);
    sync(a, b);
    const merged = readBoth(a, b);
    expect(merged.document.userThreats.find((t) => t.id === 'ut-concurrent')!.targetId).toBeNull();
  });

  it('two boundaries nested into each other at once: the cycle is cut at the smaller id, everywhere', () => {
    const { a, b, doc } = twoPeers();
    const roots = doc.trustBoundaries.filter((tb) => tb.parentId == null);
    const x = roots[0]!;
    const y = roots[1]!;
    writeDocumentToY(a, updateTrustBoundary(doc, x.id, { parentId: y.id }), doc);
    writeDocumentToY(b, updateTrustBoundary(doc, y.id, { parentId: x.id }), doc);
    sync(a, b);
    const merged = readBoth(a, b);
    const [smaller, larger] = [x.id, y.id].sort() as [string, string];
    const byId = new Map(merged.document.trustBoundaries.map((tb) => [tb.id, tb]));
    expect(byId.get(smaller)!.parentId).toBeNull();
    expect(byId.get(larger)!.parentId).toBe(smaller);
    expect(merged.repairs.map((r) => r.message).join('\n')).toContain('nested inside itself');
  });

  it('a repaired read still keeps previous objects for the rest', () => {
    const { a, b, doc } = twoPeers();
    const docA = readOk(a, doc);
    const [source, target] = [doc.components[0]!, doc.components[1]!];
    writeDocumentToY(a, removeElements(docA, [target.id]), docA);
    const flow = { id: 'f-concurrent', sourceId: source.id, targetId: target.id, label: 'new' };
    writeDocumentToY(b, addDataFlow(doc, flow), doc);
    sync(a, b);
    const next = readOk(a, docA);
    expect(next.trustBoundaries).toBe(docA.trustBoundaries);
    expect(next.components[0]).toBe(docA.components[0]);
  });
});
