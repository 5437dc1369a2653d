import { describe, expect, it } from 'vitest';
import { shippedLibrary } from '../../../src/core/index';
import { importDocument, importThreatComposer, importThreatDragon } from '../../../src/core/interop/index';

const options = { catalogue: shippedLibrary().catalogue };
const importers = { importThreatDragon, importThreatComposer, importDocument };

function deep(levels: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

const tdModel = (cells: unknown) => ({ summary: { title: 't' }, detail: { diagrams: [{ id: 0, cells }] } });

describe.each(Object.entries(importers))(
  '%s refuses malformed input with a path, never a throw',
  (_name, run) => {
    it.each([
      ['null', null],
      ['a string', 'not a model'],
      ['a number', 3],
      ['an array', [1, 2]],
    ])('%s', (_label, input) => {
      const result = run(input, options);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]!.path).toBe('$');
    });

    it('a __proto__ key', () => {
      const input = JSON.parse(
        '{"schema": 1, "summary": {"title": "x"}, "detail": {"diagrams": []}, "threats": [{"__proto__": {"polluted": true}}]}',
      ) as unknown;
      const result = run(input, options);
      expect(result).toEqual({
        ok: false,
        problems: [{ path: '$.threats[0].__proto__', message: 'the key "__proto__" is not allowed' }],
      });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('deep nesting', () => {
      const result = run({ schema: 1, summary: { title: 'x' }, detail: deep(100) }, options);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]!.message).toMatch(/nested more than 64 levels/);
    });
  },
);

describe('wrong shapes', () => {
  it('Threat Dragon: every problem with its path', () => {
    const result = importThreatDragon(
      tdModel([
        { id: 'a', shape: 'process', position: { x: 'left', y: 0 } },
        { shape: 'flow' },
        { id: 'b', shape: 'store', data: { threats: [{ title: 5 }] } },
        { id: 'c', shape: 'actor', data: { aitm: { v: 1, kind: 'component', id: 'c' } } },
      ]),
      options,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      '$.detail.diagrams[0].cells[0].position.x',
      '$.detail.diagrams[0].cells[1].id',
      '$.detail.diagrams[0].cells[2].data.threats[0].title',
    ]);
  });

  it('Threat Dragon: our data block, when tampered with, is checked too', () => {
    const result = importThreatDragon(
      tdModel([
        {
          id: 'c',
          shape: 'actor',
          position: { x: 0, y: 0 },
          data: { type: 'tm.Actor', aitm: { v: 1, kind: 'component', id: 'c', type: 'user' } },
        },
      ]),
      options,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.every((p) => p.path.startsWith('$.detail.diagrams[0].cells[0].data.aitm'))).toBe(
        true,
      );
  });

  it('Threat Dragon: missing summary and detail', () => {
    const result = importThreatDragon({ version: '2.0' }, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toEqual(['$.summary', '$.detail']);
  });

  it('Threat Composer: every problem with its path', () => {
    const result = importThreatComposer(
      {
        schema: '1',
        threats: [{ id: 't', numericId: 1, statement: 7 }, { numericId: 2 }],
        mitigations: [{ id: 'm', numericId: 1 }],
        mitigationLinks: 'none',
      },
      options,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      '$.schema',
      '$.threats[0].statement',
      '$.threats[1].id',
      '$.mitigations[0].content',
      '$.mitigationLinks',
    ]);
  });

  it('importDocument: unknown JSON says which formats it reads', () => {
    const result = importDocument({ hello: 'world' }, options);
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: '$', message: expect.stringMatching(/AI threat model.*Threat Dragon v2.*Threat Composer/) },
      ],
    });
  });

  it('importDocument: our own documents go through parseDocument', () => {
    const result = importDocument(
      {
        format: 'ai-threat-model',
        schemaVersion: 1,
        meta: { title: 't' },
        components: [{ id: 'x', type: 'nope', label: 'x' }],
      },
      options,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('$.components[0].type');
  });

  it('very long texts are clamped, not refused', () => {
    const long = 'y'.repeat(30_000);
    const result = importThreatDragon(
      tdModel([
        {
          id: 'a',
          shape: 'process',
          position: { x: 0, y: 0 },
          data: {
            type: 'tm.Process',
            name: long,
            description: long,
            threats: [
              { id: 't', title: long, description: long, mitigation: long, status: 'Open', severity: 'High' },
            ],
          },
        },
      ]),
      options,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.document.components[0]!.label).toHaveLength(500);
    expect(result.value.document.userThreats[0]!.mitigations![0]!.title).toHaveLength(500);
  });
});
