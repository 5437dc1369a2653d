/**
 * Bounded work on hostile files (KI-9 and the Threat Composer links): every input the CLI accepts
 * imports or is refused quickly. Each case that took seconds before is timed at n and 8n, and must
 * take about 8 times as long, not 64 (tests/support/growth.ts): a ratio, not a bound in
 * milliseconds, so a busy runner does not fail it. What a case must say is asserted on its notes
 * or problems.
 */
import { describe, expect, it } from 'vitest';
import { shippedLibrary } from '../../../src/core/index';
import { importThreatComposer, importThreatDragon } from '../../../src/core/interop/index';
import {
  MAX_BOXES,
  MAX_CELLS,
  MAX_CROSSING_TESTS,
  MAX_NESTING,
  MAX_VERTICES,
} from '../../../src/core/interop/threat-dragon/import/limits';
import { expectLinearTime } from '../../support/growth';

const options = { catalogue: shippedLibrary().catalogue };

const tdModel = (...diagrams: unknown[][]) => ({
  summary: { title: 't' },
  detail: { diagrams: diagrams.map((cells, id) => ({ id, cells })) },
});
const node = (id: string, x: number, y: number) => ({
  id,
  shape: 'process',
  position: { x, y },
  size: { width: 10, height: 10 },
  data: { type: 'tm.Process', name: id },
});
const box = (id: string, x: number, y: number, width: number, height: number) => ({
  id,
  shape: 'trust-boundary-box',
  position: { x, y },
  size: { width, height },
  data: { type: 'tm.Boundary', name: id },
});
const flow = (id: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
  id,
  shape: 'flow',
  source: { cell: from },
  target: { cell: to },
  ...extra,
  data: { type: 'tm.Flow', name: id, ...((extra['data'] as object | undefined) ?? {}) },
});
const curve = (
  id: string,
  from: { x: number; y: number },
  to: { x: number; y: number },
  vertices?: { x: number; y: number }[],
) => ({
  id,
  shape: 'trust-boundary-curve',
  source: from,
  target: to,
  ...(vertices ? { vertices } : {}),
  data: { type: 'tm.Boundary' },
});

type DragonResult = ReturnType<typeof importThreatDragon>;
const dragon = (input: unknown) => importThreatDragon(input, options);

function imported(result: DragonResult) {
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value;
}

function refused(result: DragonResult) {
  if (result.ok) throw new Error('expected the import to be refused');
  return { problems: result.problems };
}

/** The import of the model `build(n)` makes, timed at n / 8 and n; the result of the one at n. */
const importsLinearly = (what: string, build: (n: number) => unknown, n: number) =>
  expectLinearTime(
    what,
    (size) => {
      const input = build(size);
      return () => dragon(input);
    },
    n,
  );

describe('Threat Dragon: vertices per edge', () => {
  it(`simplifies edges of more than ${MAX_VERTICES} vertices, with a note naming each, and still finds the crossing`, () => {
    // p and q on y = 5; the flow runs straight between them through 5,000 vertices, and a curve of
    // 3,000 vertices crosses it at x = 500.
    // Timed at 1,250 and 10,000 flow vertices (750 and 6,000 on the curve): over the limit.
    const model = (n: number) => {
      const curveLength = (n * 3) / 5;
      const flowVertices = Array.from({ length: n }, (_, i) => ({ x: 10 + (i * 990) / (n - 1), y: 5 }));
      const curveVertices = Array.from({ length: curveLength }, (_, i) => ({
        x: 500,
        y: -100 + (i * 200) / (curveLength - 1),
      }));
      return tdModel([
        node('p', 0, 0),
        node('q', 1000, 0),
        flow('f', 'p', 'q', { vertices: flowVertices }),
        curve('c', { x: 500, y: -200 }, { x: 500, y: 200 }, curveVertices),
      ]);
    };
    const { document, notes } = imported(importsLinearly('long edges', model, 10_000));
    expect(document.dataFlows[0]!.props?.crossesBoundary).toBe(true);
    const note = notes.find((n) => n.includes('were simplified'));
    expect(note).toContain('more than 1,000 vertices');
    expect(note).toContain('$.detail.diagrams[0].cells[2].vertices');
    expect(note).toContain('$.detail.diagrams[0].cells[3].vertices');
  });

  it('leaves edges at the limit alone, with no note', () => {
    const vertices = Array.from({ length: MAX_VERTICES }, (_, i) => ({ x: 20 + i / 2, y: 5 }));
    const { notes } = imported(
      dragon(
        tdModel([
          node('p', 0, 0),
          node('q', 1000, 0),
          flow('f', 'p', 'q', { vertices }),
          curve('c', { x: 300, y: -200 }, { x: 300, y: 200 }),
        ]),
      ),
    );
    expect(notes.join('\n')).not.toMatch(/simplified/);
  });

  it('a flow and a curve of 20,000 vertices each (12 s before, never crossing) import quickly', () => {
    const model = (n: number) =>
      tdModel([
        node('p', 0, 0),
        node('q', 1000, 0),
        flow('f', 'p', 'q', {
          vertices: Array.from({ length: n }, (_, i) => ({ x: i % 2 ? 0 : 3000, y: 100 + i })),
        }),
        curve(
          'c',
          { x: 0, y: -1 },
          { x: 1, y: -1 },
          Array.from({ length: n }, (_, i) => ({ x: 100_000 + i, y: i % 2 ? 0 : 3000 })),
        ),
      ]);
    const { notes } = imported(importsLinearly('a zigzag flow and curve', model, 20_000));
    expect(notes.join('\n')).toMatch(/simplified/);
  });
});

describe('Threat Dragon: crossing tests share a budget', () => {
  it('stops testing flows against curves when the budget runs out, and lists the flows left untested', () => {
    // n flows × 2,000 curves, none crossing geometrically: over the budget at 1,200 flows (2,400,000
    // pairs), timed there and at 9,600 flows; once it is spent, a flow costs one test.
    const n = 9600;
    expect((n / 8) * 2000).toBeGreaterThan(MAX_CROSSING_TESTS);
    const model = (size: number) =>
      tdModel([
        node('p', 0, 0),
        node('q', 1000, 0),
        ...Array.from({ length: size }, (_, i) => flow(`f${i}`, 'p', 'q')),
        ...Array.from({ length: 2000 }, (_, i) => curve(`c${i}`, { x: i / 2, y: 50 }, { x: i / 2, y: 100 })),
        // Threat Dragon's own record of a crossing still counts once the budget has run out.
        flow('hinted', 'p', 'q', { data: { trustBoundaryIds: ['c7'] } }),
      ]);
    const { document, notes } = imported(importsLinearly('flows against curves', model, n));
    const note = notes.find((n) => n.includes('too large to test every flow'));
    expect(note).toMatch(/more than 2,000,000 tests/);
    expect(note).toMatch(/\$\.detail\.diagrams\[0\]\.cells\[\d+\] \("f\d+"\)/);
    expect(note).toMatch(/and \d+ more\.$/);
    expect(document.dataFlows.find((f) => f.id === 'hinted')!.props?.crossesBoundary).toBe(true);
    expect(document.dataFlows.filter((f) => f.props?.crossesBoundary === true)).toHaveLength(1);
  });

  it('says nothing about a budget for an ordinary diagram', () => {
    const { document, notes } = imported(
      dragon(
        tdModel([
          node('p', 0, 0),
          node('q', 1000, 0),
          flow('f', 'p', 'q'),
          curve('c', { x: 500, y: -50 }, { x: 500, y: 50 }),
        ]),
      ),
    );
    expect(document.dataFlows[0]!.props?.crossesBoundary).toBe(true);
    expect(notes.join('\n')).not.toMatch(/too large/);
  });
});

describe('Threat Dragon: number of cells and boxes', () => {
  it(`refuses more than ${MAX_CELLS} cells in all diagrams, naming the first cell over the limit`, () => {
    const cells = (d: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `t${d}-${i}`, shape: 'text-block' }));
    const { problems } = refused(dragon(tdModel(cells(0, 10_001), cells(1, 10_001))));
    // Timed at 2 × 10,001 and 2 × 80,008 cells: both over the limit.
    importsLinearly('too many cells', (n) => tdModel(cells(0, n), cells(1, n)), 80_008);
    expect(problems).toEqual([
      {
        path: '$.detail.diagrams[1].cells[9999]',
        message: expect.stringMatching(/too many cells: .*20,002 cells in all.*at most 20,000/),
      },
    ]);
  });

  it(`refuses more than ${MAX_BOXES} boundary boxes, naming the first box over the limit`, () => {
    const boxes = Array.from({ length: MAX_BOXES + 1 }, (_, i) => box(`b${i}`, i * 100, 0, 50, 50));
    const { problems } = refused(dragon(tdModel([node('n', 0, 0), ...boxes])));
    expect(problems).toEqual([
      {
        path: `$.detail.diagrams[0].cells[${MAX_BOXES + 1}]`,
        message: expect.stringMatching(/too many boundary boxes: .*2,001.*at most 2,000/),
      },
    ]);
  });

  it('5,000 nested boxes (3 to 6 s before) are refused quickly', () => {
    const boxes = (n: number) =>
      Array.from({ length: n }, (_, i) => box(`b${i}`, i, i, 4 * n - 2 * i, 4 * n - 2 * i));
    const { problems } = refused(dragon(tdModel(boxes(5000))));
    expect(problems[0]!.path).toBe(`$.detail.diagrams[0].cells[${MAX_BOXES}]`);
    // Timed at 2,500 and 20,000 boxes: both over the limit.
    const timed = refused(importsLinearly('nested boxes', (n) => tdModel(boxes(n)), 20_000));
    expect(timed.problems[0]!.path).toBe(`$.detail.diagrams[0].cells[${MAX_BOXES}]`);
  });

  it(`places many nodes in ${MAX_BOXES} side-by-side boxes quickly and correctly`, () => {
    const boxes = Array.from({ length: MAX_BOXES }, (_, i) => box(`b${i}`, i * 100, 0, 50, 50));
    const nodes = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        // Even nodes in box i/2 % MAX_BOXES, odd nodes between boxes.
        node(`n${i}`, ((i >> 1) % MAX_BOXES) * 100 + (i % 2 ? 60 : 20), 20),
      );
    // Each node costs at most one scan of the (capped) boxes: timed at 1,250 and 10,000 nodes.
    const { document } = imported(
      importsLinearly('nodes in side-by-side boxes', (n) => tdModel([...boxes, ...nodes(n)]), 10_000),
    );
    expect(document.trustBoundaries.every((b) => b.parentId === undefined)).toBe(true);
    const boundaryOf = new Map(document.components.map((c) => [c.id, c.boundaryId]));
    expect(boundaryOf.get('n0')).toBe('b0');
    expect(boundaryOf.get('n1')).toBeUndefined();
    expect(boundaryOf.get('n3998')).toBe('b1999');
    expect(boundaryOf.get('n4000')).toBe('b0');
    expect(document.components.filter((c) => c.boundaryId !== undefined)).toHaveLength(5000);
  });
});

describe(`Threat Dragon: boxes nested more than ${MAX_NESTING} levels`, () => {
  const nested = (levels: number) =>
    Array.from({ length: levels }, (_, i) => box(`b${i}`, 10 * i, 10 * i, 1000 - 20 * i, 1000 - 20 * i));

  it(`imports ${MAX_NESTING} levels, the limit of our documents`, () => {
    const { document } = imported(dragon(tdModel([...nested(MAX_NESTING), node('n', 495, 495)])));
    expect(document.trustBoundaries).toHaveLength(MAX_NESTING);
    expect(document.components[0]!.boundaryId).toBe(`b${MAX_NESTING - 1}`);
  });

  it(`refuses ${MAX_NESTING + 1} levels, naming the first box too deep`, () => {
    const { problems } = refused(dragon(tdModel(nested(MAX_NESTING + 1))));
    expect(problems).toEqual([
      {
        path: `$.detail.diagrams[0].cells[${MAX_NESTING}]`,
        message: expect.stringMatching(/nest more than 32 levels deep here/),
      },
    ]);
  });

  it('names the innermost box whatever the order of the cells', () => {
    const { problems } = refused(dragon(tdModel(nested(MAX_NESTING + 1).reverse())));
    expect(problems.map((p) => p.path)).toEqual(['$.detail.diagrams[0].cells[0]']);
  });

  it('refuses 1,000 levels quickly, with one problem per chain', () => {
    const deep = (levels: number) =>
      tdModel(
        nested(levels).map((b, i) => ({
          ...b,
          position: { x: i, y: i },
          size: { width: 4 * levels - 2 * i, height: 4 * levels - 2 * i },
        })),
      );
    expect(refused(dragon(deep(1000))).problems).toHaveLength(1);
    // Timed at 250 and 2,000 levels (the most boxes a diagram may have).
    const { problems } = refused(importsLinearly('deep nesting', deep, MAX_BOXES));
    expect(problems).toHaveLength(1);
  });
});

describe('Threat Dragon: other work that grew with the square of the input', () => {
  it('20,000 cells with unknown shapes (7 s before) import quickly, with a short note', () => {
    const cells = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `u${i}`, shape: `hexagon${i}` }));
    const { notes } = imported(importsLinearly('unknown shapes', (n) => tdModel(cells(n)), 20_000));
    const note = notes.find((n) => n.startsWith('Cells of unknown shapes'))!;
    expect(note).toMatch(/and 19990 more\.$/);
    expect(note.length).toBeLessThan(1000);
  });

  it('20,000 cells with the same id (20 s before) get distinct ids quickly', () => {
    const cells = (n: number) => Array.from({ length: n }, (_, i) => node('x', i * 20, 0));
    const { document } = imported(importsLinearly('clashing ids', (n) => tdModel(cells(n)), 20_000));
    expect(document.components.map((c) => c.id).slice(0, 3)).toEqual(['x', 'x-2', 'x-3']);
    expect(new Set(document.components.map((c) => c.id)).size).toBe(20_000);
  });
});

describe('Threat Composer: links', () => {
  it('40,000 mitigations linked to one threat, twice each (about 4 s before), import quickly, each once, in link order', () => {
    const model = (n: number) => ({
      schema: 1,
      threats: [{ id: 't', statement: 's' }],
      mitigations: Array.from({ length: n / 2 }, (_, i) => ({ id: `m${i}`, content: `mitigation ${i}` })),
      mitigationLinks: Array.from({ length: n }, (_, i) => ({
        mitigationId: `m${i % (n / 2)}`,
        linkedId: 't',
      })),
    });
    const result = expectLinearTime(
      'mitigation links',
      (n) => {
        const input = model(n);
        return () => importThreatComposer(input, options);
      },
      80_000,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const mitigations = result.value.document.userThreats[0]!.mitigations!;
    expect(mitigations).toHaveLength(500);
    expect(mitigations.slice(0, 3).map((m) => m.title)).toEqual([
      'mitigation 0',
      'mitigation 1',
      'mitigation 2',
    ]);
  });

  it('20,000 assumptions linked to one threat, twice each (13 s before), import quickly, each once', () => {
    const model = (n: number) => ({
      schema: 1,
      threats: [{ id: 't', statement: 's' }],
      assumptions: Array.from({ length: n / 2 }, (_, i) => ({ id: `a${i}`, content: `assumption ${i}` })),
      assumptionLinks: Array.from({ length: n }, (_, i) => ({
        assumptionId: `a${i % (n / 2)}`,
        linkedId: 't',
      })),
    });
    const result = expectLinearTime(
      'assumption links',
      (n) => {
        const input = model(n);
        return () => importThreatComposer(input, options);
      },
      40_000,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const description = result.value.document.userThreats[0]!.description!;
    expect(description).toContain('Assumptions:\n- assumption 0\n- assumption 1\n');
    expect(description.match(/- assumption 1\n/g)).toHaveLength(1);
  });
});
