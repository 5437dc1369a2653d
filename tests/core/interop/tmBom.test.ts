import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, importDocument, parseDocument, shippedLibrary } from '../../../src/core/index';
import { exportTmBom } from '../../../src/core/interop/tm-bom/export';
import { importTmBom } from '../../../src/core/interop/tm-bom/import';
import { fixture } from './support';

const library = shippedLibrary();
const catalogue = library.catalogue;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(fixture('schemas/tm-bom-threat-model.schema.json') as object);

type Obj = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Obj[]) : []);

function imported(raw: unknown) {
  const result = importTmBom(raw, { catalogue });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('TM-BOM import', () => {
  it('imports huskyai.tmbom.json with its components, flows, boundaries, threats and mitigations', () => {
    const raw = fixture('tm-bom/huskyai.tmbom.json') as Obj;
    // The fixture itself breaks the schema (its actors have no trust_zone): import must not need it.
    expect(validate(raw)).toBe(false);
    const { document, notes } = imported(raw);
    expect(document.meta.title).toBe('Husky AI');
    expect(document.trustBoundaries.map((b) => b.id)).toEqual(
      list(raw['trust_zones']).map((z) => z['symbolic_name']),
    );
    const elements = [...list(raw['actors']), ...list(raw['components']), ...list(raw['data_stores'])];
    expect(document.components.map((c) => c.id)).toEqual(elements.map((e) => e['symbolic_name']));
    expect(document.components.filter((c) => c.boundaryId !== undefined)).toHaveLength(
      elements.filter((e) => list(raw['trust_zones']).some((z) => z['symbolic_name'] === e['trust_zone']))
        .length,
    );
    expect(document.dataFlows.map((f) => f.id)).toEqual(
      list(raw['data_flows']).map((f) => f['symbolic_name']),
    );
    const threats = list(raw['threats']);
    const instances = threats.reduce((n, t) => n + Math.max(1, list(t['components_affected']).length), 0);
    expect(document.userThreats).toHaveLength(instances);
    const links = threats.reduce(
      (n, t) =>
        n +
        Math.max(1, list(t['components_affected']).length) *
          list(raw['controls']).filter((c) =>
            (c['threats'] as string[]).includes(t['symbolic_name'] as string),
          ).length,
      0,
    );
    expect(document.userThreats.flatMap((t) => t.mitigations ?? [])).toHaveLength(links);
    expect(notes.length).toBeGreaterThan(0);
  });

  it('imports the CycloneDX form (tmbom-otm-example.cdx.json)', () => {
    const raw = fixture('tm-bom/tmbom-otm-example.cdx.json');
    const result = importDocument(raw, { catalogue });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.format).toBe('tm-bom');
    const doc = result.value.document;
    expect(doc.trustBoundaries.map((b) => b.label)).toEqual(['Internet', 'private']);
    expect(doc.trustBoundaries.map((b) => b.zone)).toEqual(['internet', 'restricted']);
    expect(doc.components.map((c) => [c.label, c.type])).toEqual([
      ['Web Client', 'user'],
      ['Web Service', 'process'],
      ['Customer Database', 'data-store'],
    ]);
    // Two bidirectional flows: two each way.
    expect(doc.dataFlows).toHaveLength(4);
    expect(result.value.notes.some((n) => n.includes('CycloneDX'))).toBe(true);
  });

  it('detects TM-BOM through importDocument and names the format', () => {
    const result = importDocument(fixture('tm-bom/huskyai.tmbom.json'), { catalogue });
    expect(result.ok && result.value.format).toBe('tm-bom');
  });

  it('refuses wrong types with paths, tolerates nulls', () => {
    const raw = fixture('tm-bom/huskyai.tmbom.json') as Obj;
    raw['actors'] = [{ symbolic_name: 3, title: 'x' }, null, 'x'];
    raw['data_flows'] = 'none';
    const result = importTmBom(raw, { catalogue });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = result.problems.map((p) => p.path);
      expect(paths).toContain('$.data_flows');
      expect(paths).toContain('$.actors[0].symbolic_name');
      expect(paths).toContain('$.actors[2]');
    }
    const nulls = fixture('tm-bom/huskyai.tmbom.json') as Obj;
    nulls['assumptions'] = null;
    nulls['risks'] = null;
    for (const c of list(nulls['components'])) c['description'] = null;
    expect(importTmBom(nulls, { catalogue }).ok).toBe(true);
  });

  it('refuses a list over the limits without a crash', () => {
    const raw = fixture('tm-bom/huskyai.tmbom.json') as Obj;
    raw['data_flows'] = Array.from({ length: 200_001 }, () => ({}));
    const result = importTmBom(raw, { catalogue });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('$.data_flows');
  });
});

describe('TM-BOM export', () => {
  const examples = resolve(__dirname, '../../../examples');
  for (const file of readdirSync(examples).filter((f) => f.endsWith('.aitm.json'))) {
    it(`exports examples/${file} valid against threat-model.schema.json`, () => {
      const parsed = parseDocument(JSON.parse(readFileSync(join(examples, file), 'utf8')), { catalogue });
      if (!parsed.ok) throw new Error('example does not parse');
      const findings = evaluate(parsed.value, library);
      const out = exportTmBom(parsed.value, findings);
      expect(validate(out), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(out.actors.length + out.components.length + out.data_stores.length).toBe(
        parsed.value.components.length,
      );
      expect(out.data_flows).toHaveLength(parsed.value.dataFlows.length);
      expect(out.threats).toHaveLength(
        findings.length + parsed.value.userThreats.filter((t) => t.targetId === null).length,
      );
      expect(out.controls.length).toBe(new Set(findings.flatMap((f) => f.mitigations.map((m) => m.id))).size);
    });
  }

  it('round trips huskyai keeping names, titles, kinds, types and structure', () => {
    const raw = fixture('tm-bom/huskyai.tmbom.json') as Obj;
    const { document } = imported(raw);
    const back = exportTmBom(
      document,
      evaluate(document, library).filter((f) => f.origin === 'user'),
    );
    expect(validate(back), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const pick = (items: unknown, ...keys: string[]) =>
      list(items).map((i) => Object.fromEntries(keys.map((k) => [k, i[k] ?? null])));
    // An element without a trust zone (the fixture's actors) gets the one the schema requires.
    const zoned = (items: unknown) =>
      list(items).map((i) => ({ ...i, trust_zone: i['trust_zone'] ?? 'aitm-outside' }));
    for (const key of ['actors', 'components', 'data_stores'])
      expect(pick(back[key], 'symbolic_name', 'title', 'description', 'type', 'trust_zone')).toEqual(
        pick(zoned(raw[key]), 'symbolic_name', 'title', 'description', 'type', 'trust_zone'),
      );
    expect(pick(back.trust_zones, 'symbolic_name', 'title', 'description')).toEqual([
      ...pick(raw['trust_zones'], 'symbolic_name', 'title', 'description'),
      expect.objectContaining({ symbolic_name: 'aitm-outside' }),
    ]);
    expect(
      pick(
        back.data_flows,
        'symbolic_name',
        'title',
        'source',
        'destination',
        'encrypted',
        'has_sensitive_data',
      ),
    ).toEqual(
      pick(
        raw['data_flows'],
        'symbolic_name',
        'title',
        'source',
        'destination',
        'encrypted',
        'has_sensitive_data',
      ),
    );
    expect(
      pick(back.threats, 'symbolic_name', 'title', 'components_affected', 'threat_persona', 'event'),
    ).toEqual(
      pick(raw['threats'], 'symbolic_name', 'title', 'components_affected', 'threat_persona', 'event'),
    );
    expect(back.scope).toEqual(raw['scope']);
    expect(back.risks).toEqual(raw['risks']);
    expect(back.trust_boundaries.slice(0, list(raw['trust_boundaries']).length)).toEqual(
      raw['trust_boundaries'],
    );
    const linked = list(raw['controls']).filter((c) => list(c['threats']).length > 0);
    expect(
      pick(back.controls, 'symbolic_name', 'title', 'status').sort((a, b) =>
        String(a['symbolic_name']).localeCompare(String(b['symbolic_name'])),
      ),
    ).toEqual(
      pick(linked, 'symbolic_name', 'title', 'status').sort((a, b) =>
        String(a['symbolic_name']).localeCompare(String(b['symbolic_name'])),
      ),
    );
  });
});
