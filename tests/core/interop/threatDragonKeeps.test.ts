import { describe, expect, it } from 'vitest';
import { buildReport, evaluate, parseDocument, parseJsonText, shippedLibrary } from '../../../src/core/index';
import { exportThreatDragon, importThreatDragon } from '../../../src/core/interop/index';
import { fixture } from './support';

const library = shippedLibrary();
const options = { catalogue: library.catalogue };

type Cell = Record<string, unknown> & { id: string; shape?: string; data?: Record<string, unknown> };
type Td = { detail: { diagrams: { title?: string; cells: Cell[] }[] } };

const FILES = ['v2-threat-model.json', 'three-tier-web-app.json', 'v2-new-model.json'];

function importOk(input: unknown) {
  const result = importThreatDragon(input, options);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

function roundTrip(input: unknown) {
  const { document } = importOk(input);
  const parsed = parseDocument(JSON.parse(JSON.stringify(document)), { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return exportThreatDragon(parsed.value, evaluate(parsed.value, library)) as unknown as Td;
}

const cellsOf = (td: Td) => td.detail.diagrams.flatMap((d) => d.cells);
const threatsOf = (td: Td) =>
  cellsOf(td).flatMap((c) => (c.data?.['threats'] as Record<string, unknown>[] | undefined) ?? []);

describe.each(FILES)('Threat Dragon → ours → Threat Dragon keeps (%s)', (file) => {
  const original = fixture(`threat-dragon/${file}`) as Td;
  const back = roundTrip(original);

  it('every cell id, and the diagrams', () => {
    const ids = cellsOf(back).map((c) => c.id);
    for (const c of cellsOf(original)) expect(ids).toContain(c.id);
    // A file without diagrams comes back with one (Threat Dragon opens either).
    const titles = back.detail.diagrams.map((d) => d.title);
    expect(titles.slice(0, original.detail.diagrams.length)).toEqual(
      original.detail.diagrams.map((d) => d.title),
    );
  });

  it('boundary curves and text blocks as drawn', () => {
    for (const c of cellsOf(original).filter(
      (c) => c.shape === 'trust-boundary-curve' || c.shape === 'td-text-block',
    )) {
      const again = cellsOf(back).find((b) => b.id === c.id)!;
      expect(again.shape).toBe(c.shape);
      expect(again['source']).toEqual(c['source']);
      expect(again['target']).toEqual(c['target']);
      expect(again['vertices']).toEqual(c['vertices']);
    }
  });

  it('threat ids, type, model type, score, number, status, severity and mitigation verbatim', () => {
    const byId = new Map(threatsOf(back).map((t) => [t['id'], t]));
    for (const t of threatsOf(original)) {
      const again = byId.get(t['id'])!;
      expect(again, String(t['title'])).toBeDefined();
      for (const key of [
        'type',
        'modelType',
        'score',
        'number',
        'status',
        'severity',
        'mitigation',
        'description',
      ])
        if (t[key] !== undefined && t[key] !== null) expect(again[key], key).toEqual(t[key]);
    }
  });

  it('out of scope with its reason, and node sizes', () => {
    const byId = new Map(cellsOf(back).map((c) => [c.id, c]));
    for (const c of cellsOf(original)) {
      const again = byId.get(c.id)!;
      if (c.data?.['outOfScope'] === true) {
        expect(again.data?.['outOfScope']).toBe(true);
        expect(again.data?.['reasonOutOfScope']).toBe(c.data['reasonOutOfScope'] ?? '');
      }
      if (['actor', 'process', 'store'].includes(c.shape ?? '')) expect(again['size']).toEqual(c['size']);
    }
  });
});

describe('Threat Dragon import details', () => {
  it('a null in any optional field is no field', () => {
    let cases = 0;
    for (const file of FILES) {
      const original = fixture(`threat-dragon/${file}`) as Record<string, unknown>;
      const targets: [Record<string, unknown>, string][] = [];
      const visit = (o: Record<string, unknown>, required: string[]) => {
        for (const key of Object.keys(o)) if (!required.includes(key)) targets.push([o, key]);
      };
      const copy = JSON.parse(JSON.stringify(original)) as Record<string, unknown> & {
        summary: Record<string, unknown>;
        detail: Record<string, unknown> & { diagrams: (Record<string, unknown> & { cells: Cell[] })[] };
      };
      visit(copy, ['summary', 'detail']);
      visit(copy.summary, ['title']);
      visit(copy.detail, ['diagrams']);
      for (const d of copy.detail.diagrams) {
        visit(d, ['cells']);
        for (const c of d.cells) {
          visit(c, ['id']);
          if (c.data) visit(c.data, []);
          for (const t of (c.data?.['threats'] as Record<string, unknown>[] | undefined) ?? []) visit(t, []);
        }
      }
      for (const [object, key] of targets) {
        const before = object[key];
        object[key] = null;
        const result = importThreatDragon(JSON.parse(JSON.stringify(copy)), options);
        expect(result.ok, `${file}: ${key} = null`).toBe(true);
        object[key] = before;
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(50);
  });

  it('a UTF-8 byte-order mark before the JSON', () => {
    const text = `\ufeff${JSON.stringify(fixture('threat-dragon/v2-threat-model.json'))}`;
    const parsed = parseJsonText(text);
    expect(parsed.ok).toBe(true);
  });

  it('a flow end 10 px from a node is attached to it', () => {
    const td = {
      summary: { title: 't' },
      detail: {
        diagrams: [
          {
            cells: [
              {
                id: 'a',
                shape: 'actor',
                position: { x: 0, y: 0 },
                size: { width: 100, height: 60 },
                data: { name: 'A' },
              },
              {
                id: 'b',
                shape: 'process',
                position: { x: 300, y: 0 },
                size: { width: 100, height: 100 },
                data: { name: 'B' },
              },
              {
                id: 'f',
                shape: 'flow',
                source: { x: 110, y: 30 },
                target: { cell: 'b' },
                data: { name: 'F' },
              },
            ],
          },
        ],
      },
    };
    const { document } = importOk(td);
    expect(document.dataFlows).toHaveLength(1);
  });

  it('imports a Threat Dragon v1 model as Threat Dragon 2 converts it', () => {
    const v1 = {
      summary: { title: 'Demo Threat Model', owner: 'Mike Goodwin' },
      detail: {
        diagrams: [
          {
            title: 'Main Request Data Flow',
            id: 0,
            diagramJson: {
              cells: [
                {
                  type: 'tm.Actor',
                  size: { width: 160, height: 80 },
                  position: { x: 26, y: 38 },
                  id: 'browser',
                  z: 7,
                  attrs: { text: { text: 'Browser' } },
                },
                {
                  type: 'tm.Process',
                  size: { width: 100, height: 100 },
                  position: { x: 208, y: 189 },
                  id: 'web',
                  z: 6,
                  attrs: { text: { text: 'Web\nApplication' } },
                  threats: [
                    {
                      status: 'Open',
                      severity: 'High',
                      title: 'T',
                      type: 'Spoofing',
                      mitigation: 'One.\n\nTwo.',
                    },
                  ],
                },
                {
                  type: 'tm.Boundary',
                  source: { x: 130, y: 232 },
                  target: { x: 291, y: 150 },
                  vertices: [{ x: 177, y: 149 }],
                  id: 'curve',
                  z: 8,
                  attrs: {},
                },
                {
                  type: 'tm.Flow',
                  source: { id: 'browser' },
                  target: { id: 'web' },
                  vertices: [{ x: 245, y: 112 }],
                  id: 'req',
                  labels: [{ position: 0.5, attrs: { text: { text: 'Web Request' } } }],
                  isEncrypted: true,
                  protocol: 'HTTP/S',
                  outOfScope: true,
                  reasonOutOfScope: 'file read',
                  z: 10,
                },
              ],
            },
          },
        ],
      },
    };
    const { document } = importOk(v1);
    expect(document.components.map((c) => c.label).sort()).toEqual(['Browser', 'Web\nApplication']);
    expect(document.dataFlows[0]).toMatchObject({
      label: 'Web Request',
      props: { encrypted: true, protocol: 'HTTP/S' },
      outOfScope: { reason: 'file read' },
    });
    expect(document.userThreats[0]!.mitigations).toEqual([{ title: 'One.\n\nTwo.', state: 'suggested' }]);
    const back = roundTrip(v1);
    expect(cellsOf(back).find((c) => c.id === 'curve')?.shape).toBe('trust-boundary-curve');
    expect(threatsOf(back)[0]!['mitigation']).toBe('One.\n\nTwo.');
  });
});

describe('out-of-scope findings', () => {
  it('are flagged, listed apart in the report and not counted', () => {
    const { document } = importOk(fixture('threat-dragon/v2-threat-model.json'));
    const findings = evaluate(document, library);
    const out = findings.filter((f) => f.outOfScope);
    expect(out.length).toBeGreaterThan(0);
    const report = buildReport(document, library, findings);
    expect(report.summary.findings).toBe(findings.length - out.length);
    expect(report.outOfScopeFindings).toHaveLength(out.length);
    expect(report.findings.some((f) => f.outOfScope)).toBe(false);
  });
});
