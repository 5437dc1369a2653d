import { describe, expect, it } from 'vitest';
import { shippedLibrary } from '../../../src/core/index';
import { detectFormat, importThreatDragon } from '../../../src/core/interop/index';
import { fixture } from './support';

const options = { catalogue: shippedLibrary().catalogue };

/** Counted by hand from the files in tests/fixtures/threat-dragon. */
const EXPECTED = [
  // 4 stores, 2 processes, 1 actor; 10 flows; 3 curve boundaries (not boundaries here); 14 threats.
  { file: 'v2-threat-model.json', components: 7, flows: 10, boundaries: 0, threats: 14, crossing: 8 },
  // 3 processes, 2 boundary boxes, 1 text block; 3 flows, one bidirectional (→ 4); 2 threats.
  { file: 'three-tier-web-app.json', components: 3, flows: 4, boundaries: 2, threats: 2, crossing: 0 },
  { file: 'v2-new-model.json', components: 0, flows: 0, boundaries: 0, threats: 0, crossing: 0 },
];

function imported(file: string) {
  const result = importThreatDragon(fixture(`threat-dragon/${file}`), options);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value;
}

describe('importing the Threat Dragon fixtures', () => {
  it.each(EXPECTED)(
    '$file: $components components, $flows flows, $boundaries boundaries, $threats threats',
    (e) => {
      expect(detectFormat(fixture(`threat-dragon/${e.file}`))).toBe('threat-dragon-v2');
      const { document } = imported(e.file);
      expect(document.components).toHaveLength(e.components);
      expect(document.dataFlows).toHaveLength(e.flows);
      expect(document.trustBoundaries).toHaveLength(e.boundaries);
      expect(document.userThreats).toHaveLength(e.threats);
      expect(document.dataFlows.filter((f) => f.props?.crossesBoundary === true)).toHaveLength(e.crossing);
    },
  );

  it('refuses v2-malformed-new-model.json, naming each JSON path', () => {
    const result = importThreatDragon(fixture('threat-dragon/v2-malformed-new-model.json'), options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      path: '$.detail',
      message: expect.stringMatching(/"detail".*"details"/),
    });
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { path: '$.summary.title', message: 'expected string (missing)' },
        { path: '$.summary.description', message: 'expected string, got number' },
      ]),
    );
  });

  it('maps shapes, names, properties and threats of the demo model', () => {
    const { document, notes } = imported('v2-threat-model.json');
    const byLabel = (label: string) => document.components.find((c) => c.label === label)!;
    expect(byLabel('Browser').type).toBe('user');
    expect(byLabel('Background\nWorker Process').type).toBe('process');
    expect(byLabel('Database').type).toBe('data-store');
    expect(byLabel('Worker Config').props).toEqual({ personalData: true });
    expect(byLabel('Web Application Config').outOfScope).toBeDefined();
    const webRequest = document.dataFlows.find((f) => f.label === 'Web Request')!;
    expect(webRequest.props).toEqual({ encrypted: true, protocol: 'HTTP/S', crossesBoundary: true });
    const readConfig = document.dataFlows.find((f) => f.label === 'Read web app config')!;
    expect(readConfig.props).toBeUndefined();
    const queue = byLabel('Message Queue');
    const queueThreats = document.userThreats.filter((t) => t.targetId === queue.id);
    expect(queueThreats.map((t) => [t.title, t.severity, t.status])).toEqual([
      ['Message secrecy', 'low', 'open'],
      ['Message tampering', 'medium', 'open'],
      ['Fake messages could be placed on the queue', 'high', 'mitigated'],
    ]);
    expect(document.userThreats.every((t) => t.source === 'threat-dragon')).toBe(true);
    expect(document.meta).toEqual({
      title: 'Demo Threat Model',
      description: 'A sample model of a web application, with a queue-decoupled background process.',
      owner: 'Mike Goodwin',
    });
    expect(notes.join('\n')).toMatch(/3 curves were not imported as trust boundaries/);
    expect(notes.join('\n')).toMatch(/isALog/);
  });

  it('places components in boundary boxes by geometry, resolves port-attached flows and notes the text block', () => {
    const { document, notes } = imported('three-tier-web-app.json');
    const boundaryOf = (label: string) => {
      const c = document.components.find((x) => x.label === label)!;
      return document.trustBoundaries.find((b) => b.id === c.boundaryId)?.label;
    };
    expect(boundaryOf('Web UI')).toBe('Internet');
    expect(boundaryOf('Web Service')).toBe('Public Cloud');
    expect(boundaryOf('PostgresSQL')).toBe('Public Cloud');
    expect(document.trustBoundaries.map((b) => [b.label, b.zone])).toEqual([
      ['Internet', 'internet'],
      ['Public Cloud', 'internal'],
    ]);
    const reverse = document.dataFlows.find((f) => f.id.endsWith('-reverse'))!;
    expect(reverse).toMatchObject({
      sourceId: '97731369-531c-4c22-b017-8428cff90ac1',
      targetId: '09b86abf-65dd-49c2-9746-0cf9282f82a1',
    });
    const text = notes.join('\n');
    expect(text).toMatch(
      /Text annotations have no place in this model; they are kept and come back on export to Threat Dragon: "Three Tier Web Application/,
    );
    expect(text).toMatch(/zones were guessed.*"Public Cloud" → internal/);
    expect(document.userThreats.map((t) => [t.severity, t.status, t.mitigations?.[0]?.state])).toEqual([
      ['high', 'mitigated', 'implemented'],
      ['medium', 'mitigated', 'implemented'],
    ]);
  });

  it('is deterministic', () => {
    const a = JSON.stringify(imported('v2-threat-model.json'));
    const b = JSON.stringify(imported('v2-threat-model.json'));
    expect(a).toBe(b);
  });
});

describe('Threat Dragon details', () => {
  const base = () => ({
    version: '2.3.0',
    summary: { title: 'T' },
    detail: {
      contributors: [],
      diagramTop: 1,
      reviewer: '',
      threatTop: 0,
      diagrams: [{ id: 0, title: 'd', cells: [] as unknown[] }],
    },
  });
  const node = (id: string, shape: string, x: number, y: number, data: Record<string, unknown> = {}) => ({
    id,
    shape,
    position: { x, y },
    size: { width: 100, height: 100 },
    data: { type: { actor: 'tm.Actor', process: 'tm.Process', store: 'tm.Store' }[shape], name: id, ...data },
  });
  const run = (cells: unknown[]) => {
    const m = base();
    m.detail.diagrams[0]!.cells = cells;
    return importThreatDragon(m, options);
  };

  it('converts an empty version 1 model and says so', () => {
    const result = importThreatDragon(
      { summary: { title: 'old' }, detail: { diagrams: [{ diagramJson: { cells: [] } }] } },
      options,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.document.meta.title).toBe('old');
    expect(result.value.notes.join('\n')).toMatch(/version 1 model; it was converted/);
  });

  it.each([
    ['Open', 'open'],
    ['open', 'open'],
    ['Mitigated', 'mitigated'],
    ['mitigated', 'mitigated'],
    ['NotApplicable', 'not-applicable'],
    ['Not Applicable', 'not-applicable'],
    ['N/A', 'not-applicable'],
    ['NA', 'not-applicable'],
    ['Accepted', 'accepted'],
    ['Transferred', 'accepted'],
    ['Eliminated', 'mitigated'],
    ['weird', 'open'],
  ])('reads status %s as %s', (status, expected) => {
    const result = run([
      node('a', 'process', 0, 0, { threats: [{ id: 't1', title: 'x', status, severity: 'High' }] }),
    ]);
    expect(result.ok && result.value.document.userThreats[0]!.status).toBe(expected);
  });

  it.each([
    ['High', 'high'],
    ['high ', 'high'],
    ['Critical', 'critical'],
    ['Medium', 'medium'],
    ['low', 'low'],
    ['TBD', 'medium'],
    ['TBA', 'medium'],
    ['', 'medium'],
  ])('reads severity "%s" as %s', (severity, expected) => {
    const result = run([
      node('a', 'process', 0, 0, { threats: [{ id: 't1', title: 'x', status: 'Open', severity }] }),
    ]);
    expect(result.ok && result.value.document.userThreats[0]!.severity).toBe(expected);
  });

  it('marks flows crossing a boundary curve, by geometry or by trustBoundaryIds', () => {
    const curve = {
      id: 'curve',
      shape: 'trust-boundary-curve',
      source: { x: 250, y: -100 },
      target: { x: 250, y: 500 },
      vertices: [{ x: 260, y: 200 }],
      data: { type: 'tm.Boundary' },
    };
    const flow = (id: string, s: string, t: string, data: Record<string, unknown> = {}) => ({
      id,
      shape: 'flow',
      source: { cell: s },
      target: { cell: t },
      data: { type: 'tm.Flow', name: id, ...data },
    });
    const result = run([
      node('left', 'actor', 0, 0),
      node('right', 'process', 400, 0),
      node('left2', 'store', 0, 300),
      curve,
      flow('across', 'left', 'right'),
      flow('beside', 'left', 'left2'),
      flow('hinted', 'left2', 'left', { trustBoundaryIds: ['curve'] }),
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const crossing = Object.fromEntries(
      result.value.document.dataFlows.map((f) => [f.id, f.props?.crossesBoundary === true]),
    );
    expect(crossing).toEqual({ across: true, beside: false, hinted: true });
  });

  it('nests boxes inside boxes and puts each node in the innermost box', () => {
    const box = (id: string, x: number, y: number, w: number, h: number) => ({
      id,
      shape: 'trust-boundary-box',
      position: { x, y },
      size: { width: w, height: h },
      attrs: { label: { text: id } },
      data: { type: 'tm.BoundaryBox' },
    });
    const result = run([
      box('outer', 0, 0, 1000, 1000),
      box('inner', 100, 100, 400, 400),
      box('dmz', 600, 600, 300, 300),
      node('n1', 'process', 150, 150),
      node('n2', 'process', 700, 700),
      node('n3', 'process', 2000, 0),
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { document } = result.value;
    expect(document.trustBoundaries.map((b) => [b.id, b.parentId ?? null, b.zone])).toEqual([
      ['outer', null, 'internal'],
      ['inner', 'outer', 'internal'],
      ['dmz', 'outer', 'dmz'],
    ]);
    expect(document.components.map((c) => [c.id, c.boundaryId ?? null])).toEqual([
      ['n1', 'inner'],
      ['n2', 'dmz'],
      ['n3', null],
    ]);
  });

  it('skips dangling flows and unknown shapes with notes, and keeps their threats unplaced', () => {
    const result = run([
      node('a', 'process', 0, 0),
      {
        id: 'f',
        shape: 'flow',
        source: { cell: 'a' },
        // Far from node a: an end within 16 px of a node is attached to it instead.
        target: { x: 5000, y: 5000 },
        data: {
          type: 'tm.Flow',
          name: 'loose',
          threats: [{ id: 'tf', title: 'on a loose flow', status: 'Open', severity: 'Low' }],
        },
      },
      { id: 'odd', shape: 'cloud', data: { type: 'tm.Cloud' } },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.document.dataFlows).toEqual([]);
    expect(result.value.document.userThreats).toMatchObject([{ title: 'on a loose flow', targetId: null }]);
    const notes = result.value.notes.join('\n');
    expect(notes).toMatch(/not connected.*loose/);
    expect(notes).toMatch(/unknown shapes.*cloud/);
  });

  it('keeps threats drawn on a boundary curve as unplaced threats', () => {
    const result = run([
      {
        id: 'curve',
        shape: 'trust-boundary-curve',
        source: { x: 0, y: 0 },
        target: { x: 10, y: 10 },
        data: {
          type: 'tm.Boundary',
          threats: [{ id: 'tc', title: 'On the curve', status: 'Open', severity: 'Low' }],
        },
      },
    ]);
    expect(result.ok && result.value.document.userThreats).toMatchObject([
      { title: 'On the curve', targetId: null },
    ]);
  });

  it('reads a misspelt shape by its data type', () => {
    const result = run([{ ...node('a', 'process', 0, 0), shape: 'proces' }]);
    expect(result.ok && result.value.document.components[0]!.type).toBe('process');
    expect(result.ok && result.value.notes.join('\n')).toMatch(/unknown shape were read by their data type/);
  });

  it('resolves a flow attached by port id only', () => {
    const withPorts = { ...node('a', 'process', 0, 0), ports: { items: [{ group: 'top', id: 'port-a' }] } };
    const result = run([
      withPorts,
      node('b', 'process', 300, 0),
      {
        id: 'f',
        shape: 'flow',
        source: { port: 'port-a' },
        target: { cell: 'b' },
        data: { type: 'tm.Flow' },
      },
    ]);
    expect(result.ok && result.value.document.dataFlows).toMatchObject([{ sourceId: 'a', targetId: 'b' }]);
  });

  it('repairs ids that our format does not allow and de-duplicates them', () => {
    const result = run([
      node('has space', 'process', 0, 0),
      node('has space', 'process', 300, 0),
      node('-x', 'actor', 600, 0),
    ]);
    expect(result.ok && result.value.document.components.map((c) => c.id)).toEqual([
      'has-space',
      'has-space-2',
      'x',
    ]);
  });

  it('merges several diagrams, each below the previous one', () => {
    const m = base();
    m.detail.diagrams = [
      { id: 0, title: 'a', cells: [node('a', 'process', 0, 0)] },
      { id: 1, title: 'b', cells: [node('b', 'process', 0, 0)] },
    ];
    const result = importThreatDragon(m, options);
    expect(result.ok && result.value.document.components.map((c) => c.position)).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 300 },
    ]);
    expect(result.ok && result.value.notes.join('\n')).toMatch(/2 diagrams/);
  });
});
