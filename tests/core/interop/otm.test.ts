import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, parseDocument, shippedLibrary } from '../../../src/core/index';
import { importOtm } from '../../../src/core/interop/otm/import';
import { exportOtm } from '../../../src/core/interop/otm/export';
import { fixture } from './support';
import { expectLinearTime } from '../../support/growth';

const library = shippedLibrary();
const catalogue = library.catalogue;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateOtm = ajv.compile(fixture('schemas/otm_schema.json') as object);

type Obj = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Obj[]) : []);

function imported(path: string) {
  const result = importOtm(fixture(path), { catalogue });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('OTM import', () => {
  for (const file of ['otm/otm-example.json', 'otm/mobile-cloud.otm.json']) {
    it(`imports ${file} with every zone, component, flow, threat and mitigation`, () => {
      const raw = fixture(file) as Obj;
      const { document, notes } = imported(file);
      expect(document.trustBoundaries.map((b) => b.id)).toEqual(list(raw['trustZones']).map((z) => z['id']));
      expect(document.components.map((c) => c.id)).toEqual(list(raw['components']).map((c) => c['id']));
      const flows = list(raw['dataflows']);
      const bidirectional = flows.filter((f) => f['bidirectional'] === true).length;
      expect(document.dataFlows).toHaveLength(flows.length + bidirectional);
      const instances = [...list(raw['components']), ...flows].flatMap((e) => list(e['threats']));
      expect(document.userThreats).toHaveLength(instances.length);
      const mitigationLinks = instances.flatMap((t) => list(t['mitigations']));
      expect(document.userThreats.flatMap((t) => t.mitigations ?? [])).toHaveLength(mitigationLinks.length);
      expect(notes.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
    });
  }

  it('maps trust ratings to zones and keeps positions and sizes', () => {
    const { document } = imported('otm/otm-example.json');
    const internet = document.trustBoundaries.find((b) => b.label === 'Internet')!;
    expect(internet.zone).toBe('internet');
    expect(internet.position).toEqual({ x: 600, y: 100 });
    expect(internet.size).toEqual({ width: 100, height: 100 });
    expect(document.components.find((c) => c.id === 'web-client')!.position).toEqual({ x: 100, y: 100 });
  });

  it('tolerates nulls everywhere optional fields may be', () => {
    const raw = fixture('otm/otm-example.json') as Obj;
    for (const c of list(raw['components'])) {
      c['description'] = null;
      c['representations'] = null;
      c['tags'] = null;
    }
    raw['representations'] = null;
    raw['assets'] = null;
    const result = importOtm(raw, { catalogue });
    expect(result.ok).toBe(true);
  });

  it('refuses wrong types with the JSON path of each problem', () => {
    const raw = fixture('otm/otm-example.json') as Obj;
    raw['components'] = [{ id: 7, name: 'x' }, 'nonsense'];
    raw['dataflows'] = {};
    const result = importOtm(raw, { catalogue });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toContain('$.dataflows');
    expect(paths).toContain('$.components[0].id');
    expect(paths).toContain('$.components[1]');
  });

  it('quotes a wrong value with its control and bidi characters made visible (found by npm run fuzz)', () => {
    const raw = fixture('otm/otm-example.json') as Obj;
    raw['dataflows'] = '\u202eright-to-left override\u0007';
    const result = importOtm(raw, { catalogue });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = result.problems.find((p) => p.path === '$.dataflows')!.message;
    expect(message).toMatch(/^must be a list, got string "/);
    expect([...message].some((ch) => ch < ' ' || (ch >= '\u202a' && ch <= '\u202e'))).toBe(false);
  });

  it('refuses a list over the limits without a crash', () => {
    const raw = fixture('otm/otm-example.json') as Obj;
    raw['components'] = Array.from({ length: 100_001 }, (_, i) => ({ id: `c${i}`, name: 'c', type: 'x' }));
    const result = importOtm(raw, { catalogue });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('$.components');
  });

  it('refuses a file that is not an object, and a missing otmVersion', () => {
    expect(importOtm([], { catalogue }).ok).toBe(false);
    const result = importOtm({ project: { name: 'p', id: 'p' } }, { catalogue });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('$.otmVersion');
  });
});

describe('OTM export', () => {
  const examples = resolve(__dirname, '../../../examples');
  for (const file of readdirSync(examples).filter((f) => f.endsWith('.aitm.json'))) {
    it(`exports examples/${file} valid against otm_schema.json`, () => {
      const parsed = parseDocument(JSON.parse(readFileSync(join(examples, file), 'utf8')), { catalogue });
      if (!parsed.ok) throw new Error('example does not parse');
      const findings = evaluate(parsed.value, library);
      const otm = exportOtm(parsed.value, findings);
      expect(validateOtm(otm), JSON.stringify(validateOtm.errors?.slice(0, 3))).toBe(true);
      const onElements = findings.filter((f) => f.targetKind === 'component' || f.targetKind === 'dataFlow');
      const instances = [...otm.components, ...otm.dataflows].flatMap((e) => e.threats ?? []);
      expect(instances).toHaveLength(onElements.length);
      expect(otm.components).toHaveLength(parsed.value.components.length);
      expect(otm.threats.every((t) => t.risk.likelihood > 0 && t.risk.impact > 0)).toBe(true);
      expect(otm.mitigations.every((m) => m.riskReduction > 0)).toBe(true);
    });
  }

  for (const file of ['otm/otm-example.json', 'otm/mobile-cloud.otm.json']) {
    it(`round trips ${file} keeping ids, names, types and structure`, () => {
      const raw = fixture(file) as Obj;
      const { document } = imported(file);
      const back = exportOtm(
        document,
        evaluate(document, library).filter((f) => f.origin === 'user'),
      );
      expect(validateOtm(back), JSON.stringify(validateOtm.errors?.slice(0, 3))).toBe(true);
      const pick = (items: Obj[], ...keys: string[]) =>
        items.map((i) => Object.fromEntries(keys.map((k) => [k, i[k] ?? null])));
      expect(pick(back.trustZones as unknown as Obj[], 'id', 'name', 'parent', 'risk')).toEqual(
        pick(list(raw['trustZones']), 'id', 'name', 'parent', 'risk'),
      );
      expect(pick(back.components as unknown as Obj[], 'id', 'name', 'type', 'parent')).toEqual(
        pick(list(raw['components']), 'id', 'name', 'type', 'parent'),
      );
      expect(pick(back.dataflows as unknown as Obj[], 'id', 'name', 'source', 'destination')).toEqual(
        pick(list(raw['dataflows']), 'id', 'name', 'source', 'destination'),
      );
      expect(back.dataflows.map((f) => f.bidirectional)).toEqual(
        list(raw['dataflows']).map((f) => f['bidirectional'] === true),
      );
      const instancesOf = (items: Obj[]) =>
        items.map((e) =>
          list(e['threats']).map((t) => ({
            threat: t['threat'],
            state: t['state'],
            mitigations: t['mitigations'],
          })),
        );
      expect(instancesOf(back.components as unknown as Obj[])).toEqual(instancesOf(list(raw['components'])));
      const defs = new Map(list(raw['threats']).map((t) => [t['id'], t]));
      for (const t of back.threats) {
        const original = defs.get(t.id)!;
        expect(t.name).toBe(original['name']);
        expect(t.risk).toEqual({
          likelihood: (original['risk'] as Obj)['likelihood'],
          impact: (original['risk'] as Obj)['impact'],
        });
      }
      const mitigations = new Map(list(raw['mitigations']).map((m) => [m['id'], m]));
      for (const m of back.mitigations) expect(m.riskReduction).toBe(mitigations.get(m.id)!['riskReduction']);
    });
  }
});

describe('OTM export of imported, unplaced threats', () => {
  it('writes an unplaced user threat (e.g. from Threat Composer) as a threat instantiated nowhere', () => {
    const parsed = parseDocument(
      {
        format: 'ai-threat-model',
        schemaVersion: 1,
        meta: { title: 'Unplaced' },
        userThreats: [
          {
            id: 'tc-1',
            targetId: null,
            title: 'Prompt injection',
            severity: 'high',
            status: 'open',
            mitigations: [{ title: 'Filter input', state: 'planned' }],
          },
        ],
      },
      { catalogue },
    );
    if (!parsed.ok) throw new Error('model does not parse');
    const otm = exportOtm(parsed.value, evaluate(parsed.value, library));
    expect(validateOtm(otm)).toBe(true);
    expect(otm.threats.map((t) => t.name)).toContain('Prompt injection');
    expect(otm.mitigations.map((m) => m.name)).toContain('Filter input');
  });
});

describe('OTM at size', () => {
  it('imports and exports 5,000 components with 5,000 bidirectional flows in linear time', () => {
    const model = (n: number) => ({
      otmVersion: '0.2.0',
      project: { name: 'Big', id: 'big' },
      trustZones: [{ id: 'z', name: 'Zone', risk: { trustRating: 50 } }],
      components: Array.from({ length: n }, (_, i) => ({
        id: `c${i}`,
        name: `C ${i}`,
        type: 'CD-SOMETHING',
        parent: { trustZone: 'z' },
      })),
      dataflows: Array.from({ length: n }, (_, i) => ({
        id: `f${i}`,
        name: 'f',
        source: `c${i}`,
        destination: `c${(i + 1) % n}`,
        bidirectional: true,
      })),
    });
    const roundTrip = (raw: unknown) => {
      const result = importOtm(raw, { catalogue });
      if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 2)));
      return { document: result.value.document, back: exportOtm(result.value.document, []) };
    };
    // Timed at 625 and 5,000 of each: about 8 times as long, not 64 (tests/support/growth.ts).
    const { document, back } = expectLinearTime(
      'OTM round trip',
      (n) => {
        const raw = model(n);
        return () => roundTrip(raw);
      },
      5_000,
    );
    expect(document.dataFlows).toHaveLength(2 * 5_000);
    expect(back.dataflows).toHaveLength(5_000);
    expect(back.dataflows.every((f) => f.bidirectional)).toBe(true);
  });
});

describe('OTM export of a bidirectional flow', () => {
  it('writes the two directions as the one bidirectional flow, with the threats found on both', () => {
    const raw = fixture('otm/otm-example.json') as Obj;
    const { document } = imported('otm/otm-example.json');
    const findings = evaluate(document, library);
    const reverse = document.dataFlows.find((f) => f.id === 'webclient-to-webservice.reverse')!;
    const onReverse = findings.filter((f) => f.targetId === reverse.id);
    expect(onReverse.length).toBeGreaterThan(0);
    const out = exportOtm(document, findings);
    expect(validateOtm(out), JSON.stringify(validateOtm.errors?.slice(0, 3))).toBe(true);
    expect(out.dataflows.map((f) => [f.id, f.bidirectional])).toEqual(
      list(raw['dataflows']).map((f) => [f['id'], f['bidirectional'] === true]),
    );
    const flow = out.dataflows.find((f) => f.id === 'webclient-to-webservice')!;
    const ids = (flow.threats ?? []).map((t) => t.threat);
    for (const f of onReverse) expect(ids).toContain(f.key);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
