import { describe, expect, it } from 'vitest';
import { evaluate, FINDING_KEY_SEPARATOR, type ThreatModelDocument } from '../../../src/core/index';
import { exportThreatDragon, importThreatDragon } from '../../../src/core/interop/index';
import { fixture, interopLibrary, richModel } from './support';

const library = interopLibrary();
const options = { catalogue: library.catalogue };
const FILE = 'threat-dragon/bidirectional-flow.json';
const BIDI_CELL = 'cccccccc-0000-4000-8000-000000000001';
const UI = 'aaaaaaaa-0000-4000-8000-000000000001';
const API = 'aaaaaaaa-0000-4000-8000-000000000002';

type Threat = Record<string, unknown> & { id: string; title: string; status: string };
type Cell = Record<string, unknown> & {
  id: string;
  shape: string;
  source?: { cell: string };
  target?: { cell: string };
  vertices?: unknown[];
  attrs: { line?: { sourceMarker?: { name: string } } };
  data: Record<string, unknown> & { threats?: Threat[] };
};
type Td = { detail: { diagrams: { cells: Cell[] }[] } };

function fromThreatDragon(json: unknown): ThreatModelDocument {
  const result = importThreatDragon(json, options);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value.document;
}

function toThreatDragon(doc: ThreatModelDocument): Td {
  // Through JSON text, as a file would go.
  return JSON.parse(JSON.stringify(exportThreatDragon(doc, evaluate(doc, library)))) as Td;
}

const flowCells = (td: Td) => td.detail.diagrams.flatMap((d) => d.cells).filter((c) => c.shape === 'flow');
const between = (doc: ThreatModelDocument, from: string, to: string) =>
  doc.dataFlows.filter((f) => f.sourceId === from && f.targetId === to);

describe('a bidirectional Threat Dragon flow', () => {
  const original = fixture(FILE) as Td;
  const doc = fromThreatDragon(original);
  const ui = doc.components.find((c) => c.label === 'Chat UI')!.id;
  const api = doc.components.find((c) => c.label === 'Chat API')!.id;

  it('imports as two flows, one each way, both linked to the one cell', () => {
    expect(doc.dataFlows).toHaveLength(3);
    const [first] = between(doc, ui, api);
    const [second] = between(doc, api, ui);
    expect(first).toMatchObject({ label: 'Messages', props: { encrypted: true, protocol: 'HTTPS' } });
    expect(second).toMatchObject({
      label: 'Messages (reverse)',
      props: { encrypted: true, protocol: 'HTTPS' },
    });
    const elements = doc.interop!.threatDragon!.elements!;
    expect(elements[first!.id]).toMatchObject({ cell: BIDI_CELL });
    expect(elements[first!.id]!.reverse).toBeUndefined();
    expect(elements[second!.id]).toEqual({ cell: BIDI_CELL, diagram: 0, reverse: true });
    // The cell's threats stay on the first flow.
    expect(doc.userThreats.map((t) => t.targetId)).toEqual([first!.id, first!.id]);
  });

  it('exports back as one bidirectional cell with its id, label, data and threats', () => {
    const td = toThreatDragon(doc);
    const cells = flowCells(td);
    expect(cells).toHaveLength(2);
    const cell = cells.find((c) => c.id === BIDI_CELL)!;
    const before = flowCells(original).find((c) => c.id === BIDI_CELL)!;
    expect(cell.source?.cell).toBe(UI);
    expect(cell.target?.cell).toBe(API);
    expect(cell.vertices).toEqual(before.vertices);
    expect(cell.attrs.line?.sourceMarker?.name).toBe('block');
    for (const field of ['name', 'description', 'isBidirectional', 'isEncrypted', 'protocol', 'outOfScope'])
      expect(cell.data[field], field).toEqual(before.data[field]);
    const threats = cell.data.threats!;
    // Threat Dragon's own two threats, with their ids and words…
    for (const t of before.data.threats!)
      expect(threats.find((x) => x.id === t.id)).toMatchObject({
        title: t.title,
        status: t.status,
        severity: t['severity'],
        type: t['type'],
        mitigation: t['mitigation'],
        score: t['score'],
      });
    // …and the rule's finding on both of our flows, once.
    const found = threats.filter((t) => t.title === 'Test threat');
    expect(
      evaluate(doc, library).filter((f) => f.title === 'Test threat' && f.targetKind === 'dataFlow'),
    ).toHaveLength(3);
    expect(found).toHaveLength(1);
    const senses = threats.map((t) => JSON.stringify([t.title, t['type'], t.status, t['severity']]));
    expect(new Set(senses).size).toBe(senses.length);
  });

  it('comes back as the same two flows, and a status set on the shared threat triages both findings', () => {
    const td = toThreatDragon(doc);
    const cell = flowCells(td).find((c) => c.id === BIDI_CELL)!;
    cell.data.threats!.find((t) => t.title === 'Test threat')!.status = 'NotApplicable';
    const back = fromThreatDragon(td);
    expect(back.dataFlows.map((f) => [f.id, f.sourceId, f.targetId, f.label])).toEqual(
      doc.dataFlows.map((f) => [f.id, f.sourceId, f.targetId, f.label]),
    );
    expect(back.interop?.threatDragon?.elements).toEqual(doc.interop?.threatDragon?.elements);
    expect(back.userThreats).toEqual(doc.userThreats);
    const [first] = between(back, ui, api);
    const [second] = between(back, api, ui);
    const triaged = Object.entries(back.triage).filter(([, t]) => t.status === 'not-applicable');
    expect(triaged.map(([key]) => key.slice(key.lastIndexOf(FINDING_KEY_SEPARATOR) + 1)).sort()).toEqual(
      [first!.id, second!.id].sort(),
    );
    // And again: a second round trip writes the same file.
    expect(toThreatDragon(back)).toEqual(toThreatDragon(fromThreatDragon(toThreatDragon(back))));
  });

  it('keeps a user threat placed on the second flow on that flow', () => {
    const second = between(doc, api, ui)[0]!;
    const withThreat: ThreatModelDocument = {
      ...doc,
      userThreats: [
        ...doc.userThreats,
        { id: 'ut-answers', targetId: second.id, title: 'Answers spoofed', severity: 'high', status: 'open' },
      ],
    };
    const td = toThreatDragon(withThreat);
    expect(flowCells(td)).toHaveLength(2);
    const cell = flowCells(td).find((c) => c.id === BIDI_CELL)!;
    expect(cell.data.threats!.map((t) => t.title)).toContain('Answers spoofed');
    const back = fromThreatDragon(td);
    expect(back.userThreats.find((t) => t.id === 'ut-answers')?.targetId).toBe(second.id);
  });

  it('made one-way in Threat Dragon, loses its reverse flow and says so', () => {
    const td = toThreatDragon(doc);
    flowCells(td).find((c) => c.id === BIDI_CELL)!.data['isBidirectional'] = false;
    const result = importThreatDragon(td, options);
    if (!result.ok) throw new Error('refused');
    expect(between(result.value.document, api, ui)).toEqual([]);
    expect(result.value.notes.join('\n')).toMatch(/made one-way in Threat Dragon.*"Messages"/);
  });

  it('becomes two directed cells when its reverse flow is reconnected, one when it is deleted', () => {
    const second = between(doc, api, ui)[0]!;
    const store = doc.components.find((c) => c.label === 'History')!.id;
    const rewired = {
      ...doc,
      dataFlows: doc.dataFlows.map((f) => (f.id === second.id ? { ...f, targetId: store } : f)),
    };
    const cells = flowCells(toThreatDragon(rewired));
    expect(cells).toHaveLength(3);
    expect(cells.every((c) => c.data['isBidirectional'] === false)).toBe(true);
    expect(new Set(cells.map((c) => c.id)).size).toBe(3);
    expect(cells.find((c) => c.id === BIDI_CELL)?.source?.cell).toBe(UI);

    const deleted = { ...doc, dataFlows: doc.dataFlows.filter((f) => f.id !== second.id) };
    const one = flowCells(toThreatDragon(deleted)).find((c) => c.id === BIDI_CELL)!;
    expect(one.data['isBidirectional']).toBe(false);
    expect(one.attrs.line?.sourceMarker?.name).toBe('');
  });
});

describe('flows drawn in our editor', () => {
  it('stay directed flows, two opposite flows two cells', () => {
    const doc = richModel(library);
    const [a, b] = doc.components;
    const drawn: ThreatModelDocument = {
      ...doc,
      dataFlows: [
        ...doc.dataFlows,
        { id: 'f-there', sourceId: a!.id, targetId: b!.id, label: 'there' },
        { id: 'f-back', sourceId: b!.id, targetId: a!.id, label: 'back' },
      ],
    };
    const cells = flowCells(toThreatDragon(drawn));
    expect(cells).toHaveLength(drawn.dataFlows.length);
    expect(cells.every((c) => c.data['isBidirectional'] === false)).toBe(true);
    const back = fromThreatDragon(toThreatDragon(drawn));
    expect(back.dataFlows.map((f) => [f.id, f.sourceId, f.targetId])).toEqual(
      drawn.dataFlows.map((f) => [f.id, f.sourceId, f.targetId]),
    );
  });
});
