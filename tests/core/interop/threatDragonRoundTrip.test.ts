import { describe, expect, it } from 'vitest';
import { evaluate, serialiseDocument, type ThreatModelDocument } from '../../../src/core/index';
import {
  exportThreatDragon,
  exportThreatDragonJson,
  importThreatDragon,
  threatDragonCellId,
  threatDragonThreatId,
} from '../../../src/core/interop/index';
import { agenticEdgeModel, interopLibrary, positionedModel, richModel } from './support';

const library = interopLibrary();
const options = { catalogue: library.catalogue };

type Json = Record<string, unknown> & { detail: { diagrams: { cells: Cell[] }[] } };
type Cell = Record<string, unknown> & {
  id: string;
  shape: string;
  data: Record<string, unknown> & { threats?: Threat[] };
};
type Threat = Record<string, unknown> & { id: string; status: string; title: string };

function throughThreatDragon(
  doc: ThreatModelDocument,
  edit?: (json: Json) => void,
): { doc: ThreatModelDocument; notes: string[] } {
  const json = JSON.parse(exportThreatDragonJson(doc, evaluate(doc, library))) as Json;
  edit?.(json);
  const result = importThreatDragon(json, options);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return { doc: result.value.document, notes: result.value.notes };
}

const cells = (json: Json) => json.detail.diagrams[0]!.cells;
const cellOf = (json: Json, ourId: string) => cells(json).find((c) => c.id === threatDragonCellId(ourId))!;

describe('our model → Threat Dragon → our model', () => {
  it('keeps components, flows, boundaries, properties, triage and user threats exactly', () => {
    const doc = richModel(library);
    const back = throughThreatDragon(doc);
    expect(back.notes).toEqual([]);
    expect(back.doc.components).toEqual(doc.components);
    expect(back.doc.dataFlows).toEqual(doc.dataFlows);
    expect(back.doc.trustBoundaries).toEqual(doc.trustBoundaries);
    expect(back.doc.triage).toEqual(doc.triage);
    expect(back.doc.userThreats).toEqual(doc.userThreats);
    expect(back.doc.meta).toEqual(doc.meta);
    expect(serialiseDocument(back.doc)).toBe(serialiseDocument(doc));
  });

  it('keeps positions, boundary geometry and memberships that the drawing contradicts', () => {
    const doc = positionedModel(library);
    const back = throughThreatDragon(doc);
    expect(serialiseDocument(back.doc)).toBe(serialiseDocument(doc));
  });

  it('keeps a document with no boundaries, flows or findings', () => {
    const doc = { ...richModel(library), trustBoundaries: [], dataFlows: [], triage: {}, userThreats: [] };
    const bare = { ...doc, components: doc.components.map(({ boundaryId: _b, ...c }) => c) };
    expect(serialiseDocument(throughThreatDragon(bare).doc)).toBe(serialiseDocument(bare));
  });

  it('round-trips twice to the same Threat Dragon file', () => {
    const doc = richModel(library);
    const first = exportThreatDragonJson(doc, evaluate(doc, library));
    const again = throughThreatDragon(doc).doc;
    expect(exportThreatDragonJson(again, evaluate(again, library))).toBe(first);
  });

  it('draws nested boundaries as nested boxes, so that a reader going by geometry alone finds the same nesting', () => {
    const doc = richModel(library);
    const back = throughThreatDragon(doc, (json) => {
      for (const cell of cells(json)) delete cell.data['aitm'];
    });
    const parents = Object.fromEntries(back.doc.trustBoundaries.map((b) => [b.label, b.parentId ?? null]));
    const labelOf = (cellId: string | null) =>
      cellId === null ? null : back.doc.trustBoundaries.find((b) => b.id === cellId)!.label;
    expect(Object.fromEntries(Object.entries(parents).map(([k, v]) => [k, labelOf(v)]))).toEqual({
      Internet: null,
      'Cloud VPC': null,
      'ML enclave': 'Cloud VPC',
      Secrets: 'ML enclave',
      Vendor: null,
    });
    const memberOf = Object.fromEntries(
      back.doc.components.map((c) => [c.label, c.boundaryId ? labelOf(c.boundaryId) : null]),
    );
    expect(memberOf).toEqual({
      Customer: 'Internet',
      'Chat API': 'Cloud VPC',
      Orchestrator: 'Cloud VPC',
      Model: 'ML enclave',
      'Vector index': 'ML enclave',
      'Customer DB': 'Secrets',
      'Ticketing SaaS': 'Vendor',
      Logs: null,
    });
  });
});

describe('flow kinds, local flows and the types added for agents and edge devices', () => {
  const doc = agenticEdgeModel(library);

  it('come back exactly, with no notes', () => {
    const back = throughThreatDragon(doc);
    expect(back.notes).toEqual([]);
    expect(back.doc.components).toEqual(doc.components);
    expect(back.doc.dataFlows).toEqual(doc.dataFlows);
    expect(serialiseDocument(back.doc)).toBe(serialiseDocument(doc));
  });

  it('travel in our custom data, as Threat Dragon has no field for them', () => {
    const json = JSON.parse(exportThreatDragonJson(doc, evaluate(doc, library))) as Json;
    const run = cellOf(json, 'f-run');
    expect(run.data['aitm']).toMatchObject({ kind: 'dataFlow', props: { kind: 'invoke', local: true } });
    expect(run.data).not.toHaveProperty('kind');
    const camera = cellOf(json, 'c-cam');
    expect(camera.shape).toBe('process');
    expect(camera.data['aitm']).toMatchObject({ type: 'edge-device', props: { physicalAccess: 'public' } });
  });

  it('survive an edit of a Threat Dragon field on the same flow', () => {
    const back = throughThreatDragon(doc, (json) => {
      cellOf(json, 'f-run').data['isEncrypted'] = true;
    }).doc;
    expect(back.dataFlows.find((f) => f.id === 'f-run')!.props).toEqual({
      encrypted: true,
      data: ['source-code'],
      kind: 'invoke',
      local: true,
    });
  });
});

describe('edits made in Threat Dragon', () => {
  const doc = richModel(library);

  it('turn a changed status of a finding into triage, keeping owner and note', () => {
    const back = throughThreatDragon(doc, (json) => {
      const llm = cellOf(json, 'c-llm');
      const threat = llm.data.threats!.find((t) => t.id === threatDragonThreatId('rule.on-models@c-llm'))!;
      expect(threat.status).toBe('Accepted');
      threat.status = 'Mitigated';
      const api = cellOf(json, 'c-api');
      api.data.threats!.find((t) => t.id === threatDragonThreatId('rule.on-models@c-api'))!.status =
        'Not Applicable';
    }).doc;
    expect(back.triage['rule.on-models@c-llm']).toEqual({
      status: 'mitigated',
      owner: 'Ana',
      note: 'Vendor contract covers it',
      mitigations: { 'mitigation.test': 'planned' },
    });
    expect(back.triage['rule.on-models@c-api']).toEqual({ status: 'not-applicable' });
    expect(back.userThreats).toEqual(doc.userThreats);
  });

  it('keep triage and restore user threats rather than duplicating findings as user threats', () => {
    const back = throughThreatDragon(doc).doc;
    expect(back.userThreats.map((t) => t.id)).toEqual(['ut-jailbreak', 'ut-org', 'ut-unplaced']);
  });

  it('apply renamed elements, moved nodes, changed flags and edited user threats', () => {
    const back = throughThreatDragon(doc, (json) => {
      const llm = cellOf(json, 'c-llm');
      llm.data['name'] = 'Foundation model';
      (llm['position'] as { x: number }).x += 5;
      cellOf(json, 'f-ticket').data['isEncrypted'] = true;
      cellOf(json, 'f-ticket').data['protocol'] = 'HTTPS';
      cellOf(json, 'c-db').data['isEncrypted'] = false;
      const jailbreak = llm.data.threats!.find((t) => t.title === 'Jailbreak through role play')!;
      jailbreak.status = 'Mitigated';
      jailbreak['severity'] = 'Critical';
      jailbreak['mitigation'] = '- Output guardrail (implemented)\n- Red-team monthly';
    }).doc;
    const llm = back.components.find((c) => c.id === 'c-llm')!;
    expect(llm.label).toBe('Foundation model');
    expect(llm.position).toBeDefined();
    expect(llm.boundaryId).toBe('tb-ml');
    expect(back.dataFlows.find((f) => f.id === 'f-ticket')!.props).toEqual({
      encrypted: true,
      protocol: 'HTTPS',
    });
    expect(back.components.find((c) => c.id === 'c-db')!.props).toEqual({
      encryptedAtRest: false,
      personalData: true,
    });
    const jailbreak = back.userThreats.find((t) => t.id === 'ut-jailbreak')!;
    expect(jailbreak).toMatchObject({ status: 'mitigated', severity: 'critical', owner: 'Ben' });
    expect(jailbreak.mitigations).toEqual([
      { title: 'Output guardrail', state: 'implemented' },
      { title: 'Red-team monthly', state: 'suggested' },
    ]);
  });

  it('read a threat added in Threat Dragon as a user threat on its element', () => {
    const back = throughThreatDragon(doc, (json) => {
      cellOf(json, 'c-vec').data.threats!.push({
        id: '0f4e4a2c-0000-4000-8000-000000000001',
        title: 'Embedding inversion',
        status: 'Open',
        severity: 'Medium',
        type: 'Information disclosure',
        description: 'Embeddings leak text',
        mitigation: '',
      });
    });
    expect(back.doc.userThreats.find((t) => t.title === 'Embedding inversion')).toMatchObject({
      targetId: 'c-vec',
      severity: 'medium',
      status: 'open',
      source: 'threat-dragon',
    });
  });

  it('move a component into the box it was dragged into', () => {
    const back = throughThreatDragon(doc, (json) => {
      const box = cellOf(json, 'tb-vendor') as Cell & {
        position: { x: number; y: number };
        size: { width: number };
      };
      const ops = cellOf(json, 'c-ops') as Cell & { position: { x: number; y: number } };
      ops.position = { x: box.position.x + box.size.width / 2 - 50, y: box.position.y + 40 };
    }).doc;
    expect(back.components.find((c) => c.id === 'c-ops')!.boundaryId).toBe('tb-vendor');
  });

  it('split a flow made bidirectional into two', () => {
    const back = throughThreatDragon(doc, (json) => {
      cellOf(json, 'f-prompt').data['isBidirectional'] = true;
    });
    expect(back.doc.dataFlows.find((f) => f.id === 'f-prompt-reverse')).toMatchObject({
      sourceId: 'c-app',
      targetId: 'c-api',
    });
    expect(back.notes.join('\n')).toMatch(/Bidirectional/);
  });

  it('drop a user threat deleted in Threat Dragon, with a note', () => {
    const back = throughThreatDragon(doc, (json) => {
      const llm = cellOf(json, 'c-llm');
      llm.data.threats = llm.data.threats!.filter((t) => t.title !== 'Jailbreak through role play');
    });
    expect(back.doc.userThreats.map((t) => t.id)).toEqual(['ut-org', 'ut-unplaced']);
    expect(back.notes.join('\n')).toMatch(/deleted in Threat Dragon.*Jailbreak/);
  });

  it('give a copied cell a new id instead of a duplicate', () => {
    const back = throughThreatDragon(doc, (json) => {
      const copy = structuredClone(cellOf(json, 'c-ops'));
      copy.id = 'copied-cell';
      (copy['position'] as { y: number }).y += 300;
      cells(json).push(copy);
    });
    expect(back.doc.components.filter((c) => c.label === 'Logs').map((c) => c.id)).toEqual([
      'c-ops',
      'c-ops-2',
    ]);
    expect(back.notes.join('\n')).toMatch(/Two cells carry our id "c-ops"/);
  });
});

describe('the Threat Dragon file', () => {
  const doc = richModel(library);
  const findings = evaluate(doc, library);
  const json = exportThreatDragon(doc, findings) as Json;

  it('is byte-identical for the same input', () => {
    expect(exportThreatDragonJson(doc, findings)).toBe(
      exportThreatDragonJson(richModel(library), evaluate(richModel(library), library)),
    );
  });

  it('has what Threat Dragon requires at the top level and on every cell', () => {
    expect(json).toMatchObject({ version: expect.any(String), summary: { title: 'Support chatbot' } });
    expect((json['version'] as string).length).toBeLessThanOrEqual(10);
    const detail = json.detail as unknown as Record<string, unknown>;
    for (const key of ['contributors', 'diagrams', 'diagramTop', 'reviewer', 'threatTop'])
      expect(detail).toHaveProperty(key);
    const diagram = json.detail.diagrams[0] as unknown as Record<string, unknown>;
    for (const key of ['diagramType', 'id', 'thumbnail', 'title', 'version'])
      expect(diagram).toHaveProperty(key);
    expect(detail['diagramTop']).toBeGreaterThan(diagram['id'] as number);
    const ids = new Set<string>();
    for (const cell of cells(json)) {
      expect(cell.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ids.has(cell.id)).toBe(false);
      ids.add(cell.id);
      expect(cell).toHaveProperty('zIndex');
      expect(typeof cell.data['type']).toBe('string');
      expect(typeof cell.data['hasOpenThreats']).toBe('boolean');
      if (cell.shape === 'flow') {
        expect(
          ids.has((cell['source'] as { cell: string }).cell) ||
            cells(json).some((c) => c.id === (cell['source'] as { cell: string }).cell),
        ).toBe(true);
      } else {
        expect(cell).toHaveProperty('position');
        expect(cell).toHaveProperty('size');
      }
    }
  });

  it('uses Threat Dragon shapes for our component types', () => {
    const shapeOf = (id: string) => cellOf(json, id).shape;
    expect(shapeOf('c-user')).toBe('actor');
    expect(shapeOf('c-db')).toBe('store');
    expect(shapeOf('c-vec')).toBe('store');
    expect(shapeOf('c-llm')).toBe('process');
    expect(shapeOf('c-vendor')).toBe('process');
    expect(shapeOf('tb-ml')).toBe('trust-boundary-box');
    expect(shapeOf('f-ask')).toBe('flow');
    expect(cellOf(json, 'f-ask')['source']).toEqual({ cell: threatDragonCellId('c-user') });
    expect(cellOf(json, 'f-ask').data).toMatchObject({
      isEncrypted: true,
      protocol: 'HTTPS',
      isPublicNetwork: true,
    });
    expect(cellOf(json, 'c-db').data).toMatchObject({ isEncrypted: true, storesCredentials: true });
  });

  it('writes findings as threats with status, severity, finding key and references', () => {
    const threat = cellOf(json, 'c-llm').data.threats!.find(
      (t) => t.id === threatDragonThreatId('rule.on-models@c-llm'),
    )!;
    expect(threat).toMatchObject({
      title: 'Test threat',
      status: 'Accepted',
      severity: 'High',
      type: 'Tampering',
      modelType: 'Generic',
      aitm: {
        key: 'rule.on-models@c-llm',
        ruleId: 'rule.on-models',
        threatId: 'threat.test',
        references: { owaspLlm: ['LLM01'] },
      },
    });
    expect(threat['description']).toMatch(
      /References: NCSC SD-3.*ATLAS AML\.T0051.*OWASP LLM LLM01.*SAIF PIJ/s,
    );
    expect(threat['mitigation']).toBe('- Test mitigation (planned)');
    expect(cellOf(json, 'c-llm').data['hasOpenThreats']).toBe(true);
    const numbers = cells(json).flatMap((c) => (c.data.threats ?? []).map((t) => t['number'] as number));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(json.detail as unknown as Record<string, unknown>).toHaveProperty(
      'threatTop',
      Math.max(...numbers),
    );
  });

  it('lists model-level findings and unplaced threats on a text block', () => {
    const block = cells(json).find((c) => c.shape === 'td-text-block')!;
    expect(block.data['name']).toMatch(/Test threat/);
    expect(block.data['name']).toMatch(/Imported threat \(low, accepted, unplaced\)/);
  });
});
