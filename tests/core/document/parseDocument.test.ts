import { describe, expect, it } from 'vitest';
import { parseDocument, parseDocumentText, shippedLibrary, type Problem } from '../../../src/core/index';

const catalogue = () => shippedLibrary().catalogue;
const valid = () => ({
  format: 'ai-threat-model',
  schemaVersion: 1,
  meta: { title: 'Chatbot' },
  trustBoundaries: [{ id: 'tb-cloud', label: 'Cloud', zone: 'internal' }],
  components: [
    { id: 'c-user', type: 'user', label: 'Visitor', props: { trust: 'anonymous' } },
    {
      id: 'c-api',
      type: 'inference-api',
      label: 'API',
      boundaryId: 'tb-cloud',
      props: { exposure: 'internet', authenticated: false },
    },
  ],
  dataFlows: [
    {
      id: 'f-1',
      sourceId: 'c-user',
      targetId: 'c-api',
      label: 'questions',
      props: { encrypted: true, data: ['prompts'] },
    },
  ],
  triage: {},
});

function problemsOf(mutate: (doc: ReturnType<typeof valid>) => unknown): Problem[] {
  const result = parseDocument(mutate(valid()), { catalogue: catalogue() });
  if (result.ok) throw new Error('expected the document to be refused');
  return result.problems;
}

describe('parseDocument', () => {
  it('accepts a valid document and fills defaults', () => {
    const result = parseDocument(valid(), { catalogue: catalogue() });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.userThreats).toEqual([]);
  });

  // Each kind of error, with the JSON path it must name. Mutations work on untyped JSON on purpose.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  it.each<[string, (d: any) => unknown, string, RegExp]>([
    [
      'unknown component type',
      (d) => ((d.components[1].type = 'inference-apy'), d),
      '$.components[1].type',
      /unknown component type "inference-apy"/,
    ],
    [
      'dangling flow target',
      (d) => ((d.dataFlows[0].targetId = 'c-nope'), d),
      '$.dataFlows[0].targetId',
      /no component has the id "c-nope"/,
    ],
    [
      'dangling boundary',
      (d) => ((d.components[1].boundaryId = 'tb-x'), d),
      '$.components[1].boundaryId',
      /no trust boundary has the id "tb-x"/,
    ],
    [
      'dangling parent',
      (d) => ((d.trustBoundaries[0].parentId = 'tb-x'), d),
      '$.trustBoundaries[0].parentId',
      /no trust boundary/,
    ],
    [
      'duplicate id across kinds',
      (d) => ((d.dataFlows[0].id = 'c-user'), d),
      '$.dataFlows[0].id',
      /duplicate id "c-user"/,
    ],
    [
      'wrong property type',
      (d) => ((d.components[1].props.authenticated = 'no'), d),
      '$.components[1].props.authenticated',
      /expected true or false/,
    ],
    [
      'enum property out of range',
      (d) => ((d.components[1].props.exposure = 'public'), d),
      '$.components[1].props.exposure',
      /must be one of "internet", "internal"/,
    ],
    [
      'unknown property',
      (d) => ((d.components[1].props.authenticatd = true), d),
      '$.components[1].props.authenticatd',
      /unknown property for type "inference-api"/,
    ],
    [
      'unknown field',
      (d) => ((d.components[0].colour = 'red'), d),
      '$.components[0].colour',
      /unknown field/,
    ],
    [
      'wrong field type',
      (d) => ((d.components[0].label = 42), d),
      '$.components[0].label',
      /expected string/,
    ],
    [
      'bad zone',
      (d) => ((d.trustBoundaries[0].zone = 'cloud'), d),
      '$.trustBoundaries[0].zone',
      /must be one of "internet"/,
    ],
    [
      'bad data category',
      (d) => ((d.dataFlows[0].props.data = ['secrets']), d),
      '$.dataFlows[0].props.data[0]',
      /must be one of/,
    ],
    ['unknown format', (d) => ((d.format = 'threat-dragon'), d), '$.format', /unknown format/],
    [
      'missing format',
      (d) => (delete d.format, d),
      '$.format',
      /unknown format: expected "ai-threat-model", it is missing/,
    ],
    ['future version', (d) => ((d.schemaVersion = 2), d), '$.schemaVersion', /newer release of this tool/],
    ['bad version', (d) => ((d.schemaVersion = '1'), d), '$.schemaVersion', /positive whole number/],
    [
      'bad triage key',
      (d) => ((d.triage = { nokey: { status: 'open' } }), d),
      '$.triage.nokey',
      /finding key/,
    ],
    [
      'bad triage status',
      (d) => ((d.triage = { 'r@c': { status: 'done' } }), d),
      '$.triage["r@c"].status',
      /must be one of "open"/,
    ],
    [
      'boundary cycle',
      (d) => (
        d.trustBoundaries.push(
          { id: 'tb-a', label: 'A', zone: 'dmz', parentId: 'tb-b' },
          { id: 'tb-b', label: 'B', zone: 'dmz', parentId: 'tb-a' },
        ),
        d
      ),
      '$.trustBoundaries[1].parentId',
      /nested inside itself/,
    ],
    [
      'prototype key',
      (d) =>
        JSON.parse(JSON.stringify(d).replace('"props":{"trust"', '"props":{"__proto__":{"x":1},"trust"')),
      '$.components[0].props.__proto__',
      /"__proto__" is not allowed/,
    ],
    ['not an object', () => [1, 2], '$', /must be a JSON object/],
  ])('%s → %s', (_name, mutate, path, message) => {
    const problems = problemsOf(mutate);
    const match = problems.find((p) => p.path === path);
    expect(match, JSON.stringify(problems)).toBeDefined();
    expect(match!.message).toMatch(message);
  });

  it('returns every problem, not only the first', () => {
    const problems = problemsOf((d) => {
      d.components[1]!.type = 'nope';
      d.dataFlows[0]!.targetId = 'ghost';
      d.components[0]!.props.trust = 'everyone';
      return d;
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      '$.components[0].props.trust',
      '$.components[1].type',
      '$.dataFlows[0].targetId',
    ]);
  });

  it('refuses nesting deeper than the limit with a path, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const problems = problemsOf((d) => ({ ...d, meta: { title: 'x', description: deep } }));
    expect(problems[0]!.path).toMatch(/^\$\.meta\.description(\[0\])+$/);
    expect(problems[0]!.message).toMatch(/nested more than 64 levels/);
  });

  it('reports JSON syntax errors with line and column', () => {
    const result = parseDocumentText('{\n  "format": "ai-threat-model",\n  oops\n}', {
      catalogue: catalogue(),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]!.path).toBe('$');
      expect(result.problems[0]!.message).toMatch(/not valid JSON at line 3/);
    }
  });
});

describe('parseDocument reports structural and reference problems together', () => {
  it('checks the well-formed elements of a document the schema rejects', () => {
    const raw = {
      ...{ format: 'ai-threat-model', schemaVersion: 1, meta: { title: 'x' } },
      components: [
        { id: 'a', type: 'user', label: 42 },
        { id: 'b', type: 'not-a-type', label: 'B' },
      ],
      dataFlows: [
        { id: 'f1', sourceId: 'a', targetId: 'b', label: '' },
        { id: 'f2', sourceId: 'b', targetId: 'ghost', label: '' },
      ],
    };
    const result = parseDocument(raw, { catalogue: catalogue() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual([
      '$.components[0].label',
      '$.components[1].type',
      '$.dataFlows[1].targetId',
    ]);
  });
});
