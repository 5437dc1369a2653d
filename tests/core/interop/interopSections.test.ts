import { describe, expect, it } from 'vitest';
import {
  evaluate,
  parseDocument,
  serialiseDocument,
  shippedLibrary,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { exportOtm, exportTmBom, importOtm, importTmBom } from '../../../src/core/interop/index';
import { fixture } from './support';

const library = shippedLibrary();
const options = { catalogue: library.catalogue };

type Obj = Record<string, unknown>;

function imported(kind: 'otm' | 'tm-bom', path: string): ThreatModelDocument {
  const result = (kind === 'otm' ? importOtm : importTmBom)(fixture(path), options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value.document;
}

/** Every description in a document: model, boundaries, components, flows, user threats. */
function descriptions(doc: ThreatModelDocument): string[] {
  return [doc.meta, ...doc.trustBoundaries, ...doc.components, ...doc.dataFlows, ...doc.userThreats].flatMap(
    (e) => (e.description === undefined ? [] : [e.description]),
  );
}

/** Through the saved file and back, as the editor would keep it. */
function saved(doc: ThreatModelDocument): ThreatModelDocument {
  const parsed = parseDocument(JSON.parse(serialiseDocument(doc)), options);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

describe("OTM and TM-BOM extras live in the model's interop section", () => {
  it.each(['otm/otm-example.json', 'otm/mobile-cloud.otm.json'])(
    '%s: descriptions stay the file’s text; ids, types, ratings and threat states are in interop.otm',
    (path) => {
      const doc = imported('otm', path);
      for (const d of descriptions(doc)) expect(d).not.toContain('[otm]');
      const otm = doc.interop?.otm;
      expect(otm).toBeDefined();
      expect(Object.keys(otm?.threats ?? {}).length).toBe(doc.userThreats.length);
      for (const t of doc.userThreats) expect(otm!.threats![t.id]!.threat).toEqual(expect.any(String));
      // Survives saving, and the export writes the kept fields back.
      const again = saved(doc);
      expect(again.interop?.otm).toEqual(otm);
      const raw = fixture(path) as Obj;
      const out = exportOtm(
        again,
        evaluate(again, library).filter((f) => f.origin === 'user'),
      ) as unknown as Obj;
      const zones = (o: Obj) =>
        (o['trustZones'] as Obj[])
          .filter((z) => (z['attributes'] as Obj | undefined)?.['aitmOutside'] !== true)
          .map((z) => [z['id'], z['type'] ?? null, (z['risk'] as Obj | undefined)?.['trustRating'] ?? null]);
      expect(zones(out)).toEqual(zones(raw));
      const types = (o: Obj) => (o['components'] as Obj[]).map((c) => [c['id'], c['type']]);
      expect(types(out)).toEqual(types(raw));
    },
  );

  it('TM-BOM: descriptions stay the file’s text; names, kinds and the model’s parts are in interop.tmBom', () => {
    const doc = imported('tm-bom', 'tm-bom/huskyai.tmbom.json');
    for (const d of descriptions(doc)) expect(d).not.toContain('[tm-bom]');
    const raw = fixture('tm-bom/huskyai.tmbom.json') as Obj;
    expect(doc.meta.description).toBe(raw['description'] ?? (raw['scope'] as Obj)['description']);
    const tmBom = doc.interop?.tmBom;
    expect(tmBom?.model?.['scope']).toEqual(raw['scope']);
    expect(tmBom?.model?.['assumptions']).toEqual(raw['assumptions']);
    for (const c of doc.components)
      expect(tmBom?.elements?.[c.id]?.['kind']).toMatch(/^(actor|component|data_store)$/);
    for (const t of doc.userThreats) expect(tmBom?.threats?.[t.id]?.['threat']).toEqual(expect.any(String));
    expect(saved(doc).interop?.tmBom).toEqual(tmBom);
  });

  it('TM-BOM in CycloneDX form keeps bom-refs and kinds in interop.tmBom, not in descriptions', () => {
    const doc = imported('tm-bom', 'tm-bom/tmbom-otm-example.cdx.json');
    for (const d of descriptions(doc)) expect(d).not.toContain('[tm-bom]');
    for (const c of doc.components)
      expect(doc.interop?.tmBom?.elements?.[c.id]?.['kind']).toEqual(expect.any(String));
  });

  it('a document with the old description lines keeps that text as it is, and exports it as text', () => {
    const doc = imported('otm', 'otm/otm-example.json');
    const old = '[otm] {"type":"legacy-type","id":"legacy-id"}';
    const c = doc.components[0]!;
    const withLine: ThreatModelDocument = {
      ...doc,
      interop: {},
      components: doc.components.map((x) => (x.id === c.id ? { ...x, description: `Gateway\n\n${old}` } : x)),
    };
    const again = saved(withLine);
    expect(again.components[0]!.description).toBe(`Gateway\n\n${old}`);
    const out = exportOtm(again, []) as unknown as { components: Obj[] };
    expect(out.components[0]!['description']).toBe(`Gateway\n\n${old}`);
    expect(out.components[0]!['id']).toBe(c.id);
    const tm = exportTmBom(again, []) as unknown as Obj;
    const all = [...(tm['actors'] as Obj[]), ...(tm['components'] as Obj[]), ...(tm['data_stores'] as Obj[])];
    expect(all.map((x) => x['description'])).toContain(`Gateway\n\n${old}`);
  });

  it('refuses an interop section that breaks its schema, naming the JSON path', () => {
    const doc = imported('otm', 'otm/otm-example.json');
    const raw = JSON.parse(serialiseDocument(doc)) as Obj;
    (raw['interop'] as Obj)['otm'] = { elements: { x: { rating: 'high' } } };
    const parsed = parseDocument(raw, options);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.path)).toContain('$.interop.otm.elements.x.rating');
    (raw['interop'] as Obj)['otm'] = { unknown: true };
    const strict = parseDocument(raw, options);
    expect(strict.ok).toBe(false);
  });
});
