import { describe, expect, it } from 'vitest';
import { evaluate, shippedLibrary } from '../../../src/core/index';
import { detectFormat, exportThreatDragon, importThreatDragon } from '../../../src/core/interop/index';
import { fixture } from './support';

const library = shippedLibrary();
const options = { catalogue: library.catalogue };

/**
 * Counted by hand from Threat Dragon's own v1 files in tests/fixtures/threat-dragon-v1 (see its
 * README): cells by `type`, threats in every cell's `threats`, flows with `outOfScope: true`.
 */
const EXPECTED = [
  {
    file: 'legacy_model.json',
    diagrams: ['Main Request Data Flow'],
    components: { 'data-store': 4, process: 2, user: 1 },
    flows: 10,
    curves: 4,
    threats: 14,
    outOfScopeFlows: ['Read web app config', 'Read worker config'],
  },
  {
    file: 'v1-threat-model.json',
    diagrams: ['Empty diagram 1', 'Empty diagram 2'],
    components: { 'data-store': 1, process: 1, user: 2 },
    flows: 1,
    curves: 1,
    threats: 0,
    outOfScopeFlows: [],
  },
];

function imported(file: string) {
  const result = importThreatDragon(fixture(`threat-dragon-v1/${file}`), options);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** The cells of a v1 file, straight from the JSON (not through our reader). */
function v1Cells(file: string): Record<string, unknown>[] {
  const json = fixture(`threat-dragon-v1/${file}`) as {
    detail: { diagrams: { diagramJson: { cells: Record<string, unknown>[] } }[] };
  };
  return json.detail.diagrams.flatMap((d) => d.diagramJson.cells);
}

describe("Threat Dragon's own version 1 files", () => {
  it.each(EXPECTED)('$file imports with its diagrams, elements, flows and threats', (e) => {
    expect(detectFormat(fixture(`threat-dragon-v1/${e.file}`))).toBe('threat-dragon-v1');
    const { document, recognised, notes } = imported(e.file);
    expect(recognised).toBe('Threat Dragon version 1 model');
    expect(notes[0]).toMatch(/version 1 model/);
    expect(document.interop?.threatDragon?.diagrams.map((d) => d.title)).toEqual(e.diagrams);
    expect(countBy(document.components, (c) => c.type)).toEqual(e.components);
    expect(document.dataFlows).toHaveLength(e.flows);
    // Curves draw no area: kept verbatim for the way back, not made into trust boundaries.
    expect(document.trustBoundaries).toHaveLength(0);
    expect(document.interop?.threatDragon?.cells).toHaveLength(e.curves);
    expect(document.userThreats).toHaveLength(e.threats);
  });

  it.each(EXPECTED)('$file keeps out-of-scope with its reason', (e) => {
    const { document } = imported(e.file);
    const out = document.dataFlows.filter((f) => f.outOfScope !== undefined);
    expect(out.map((f) => f.label)).toEqual(e.outOfScopeFlows);
    for (const flow of out)
      expect(flow.outOfScope).toEqual({ reason: 'This data flow represents a read from the file system' });
    expect(document.components.filter((c) => c.outOfScope !== undefined)).toEqual([]);
  });

  it.each(EXPECTED)('$file keeps every node size and cell id of the file', (e) => {
    const { document } = imported(e.file);
    const td = document.interop!.threatDragon!;
    const nodes = v1Cells(e.file).filter((c) => c['type'] !== 'tm.Flow' && c['type'] !== 'tm.Boundary');
    expect(nodes).toHaveLength(document.components.length);
    for (const node of nodes) {
      const ours = Object.entries(td.elements ?? {}).find(([, kept]) => kept.cell === node['id']);
      expect(ours, `cell ${String(node['id'])}`).toBeDefined();
      expect(ours![1].size).toEqual(node['size']);
      const component = document.components.find((c) => c.id === ours![0])!;
      // Diagrams stack on our one canvas: the second and later ones move down by their offset.
      const { x, y } = node['position'] as { x: number; y: number };
      expect(component.position).toEqual({ x, y: y + td.diagrams[ours![1].diagram]!.offsetY });
    }
  });

  it('legacy_model.json keeps threat text, type and status, and exports as version 2 with its ids', () => {
    const { document } = imported('legacy_model.json');
    const secrecy = document.userThreats.find((t) => t.title === 'Message secrecy')!;
    expect(secrecy.severity).toBe('low');
    expect(document.interop?.threatDragon?.threats?.[secrecy.id]?.type).toBe('Information disclosure');
    expect(document.interop?.threatDragon?.threats?.[secrecy.id]?.modelType).toBe('STRIDE');

    const out = exportThreatDragon(document, evaluate(document, library)) as {
      version: string;
      detail: { diagrams: { cells: { id: string; shape: string }[] }[] };
    };
    expect(out.version).toMatch(/^2\./);
    const exportedIds = new Set(out.detail.diagrams.flatMap((d) => d.cells.map((c) => c.id)));
    for (const cell of v1Cells('legacy_model.json')) expect(exportedIds).toContain(cell['id']);
    const curves = out.detail.diagrams[0]!.cells.filter((c) => c.shape === 'trust-boundary-curve');
    expect(curves).toHaveLength(4);
  });

  it('v1-threat-model.json exports back as two diagrams, STRIDE and LINDDUN', () => {
    const { document } = imported('v1-threat-model.json');
    const out = exportThreatDragon(document, evaluate(document, library)) as {
      detail: { diagrams: { title: string; diagramType: string; cells: { id: string }[] }[] };
    };
    expect(out.detail.diagrams.map((d) => [d.title, d.diagramType])).toEqual([
      ['Empty diagram 1', 'STRIDE'],
      ['Empty diagram 2', 'LINDDUN'],
    ]);
    expect(out.detail.diagrams[1]!.cells.map((c) => c.id)).toContain('1380bbde-1286-4646-baa3-f11546d77c9d');
  });
});
