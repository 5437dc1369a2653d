import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticModel } from '../../../bench/syntheticModel';
import { DocumentSchema } from '../../../src/core/model/document';
import { checkElements } from '../../../src/core/model/fastElements';
import { parseDocumentStructure, type StructureResult } from '../../../src/core/model/parseStructure';
import { safeParseBounded, zodIssuesToProblems } from '../../../src/core/model/zodProblems';

// The fast check of the large lists (fastElements.ts) must be invisible: for any input, parsing
// the structure with it gives what zod alone gives — the same verdict, the same document (keys in
// the same order) or the same problems — and it must take the fast path for every valid JSON file.

function zodAlone(input: unknown): StructureResult {
  const parsed = safeParseBounded(DocumentSchema, input);
  if ('tooManyProblems' in parsed || !parsed.success) return parsed as StructureResult;
  return { success: true, data: parsed.data };
}

/** The result as something comparable: the document as JSON text (key order counts), or the problems. */
function outcome(result: StructureResult): unknown {
  if (result.success) return { ok: JSON.stringify(result.data) };
  if ('tooManyProblems' in result) return { tooMany: result.tooManyProblems };
  return { problems: zodIssuesToProblems(result.error.issues) };
}

// Values at and around every bound the schemas set, of every JSON type and some that JSON lacks.
const anyValue = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'c1',
    'b0',
    'x'.repeat(100),
    'x'.repeat(101),
    'x'.repeat(200),
    'x'.repeat(201),
    'l'.repeat(500),
    'l'.repeat(501),
    'd'.repeat(20_000),
    'd'.repeat(20_001),
    '-starts-with-dash',
    'has space',
    'ok.id:with_parts-1',
    'user',
    'llm',
    'internet',
    'dmz',
    'third-party',
    'prompts',
    'personal-data',
    'query',
    'response',
    'nope',
    0,
    -0,
    1,
    -1,
    0.5,
    10_000_000,
    10_000_001,
    -10_000_000,
    -10_000_001,
    20_000_000,
    20_000_001,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    false,
    null,
    undefined,
    [],
    {},
  ),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.array(fc.constantFrom('prompts', 'credentials', 'model-output', 'nope', 3), { maxLength: 12 }),
);

/** An object from a base of plausible fields: now and then one dropped or replaced, or one extra. */
function objectOf(base: Record<string, fc.Arbitrary<unknown>>, extraKeys: string[]): fc.Arbitrary<unknown> {
  const keys = Object.keys(base);
  return fc
    .record({
      values: fc.record(base),
      // Unbiased: fast-check favours small integers, which would drop or replace almost every field.
      fates: fc.array(fc.tuple(fc.noBias(fc.nat(149)), anyValue), {
        minLength: keys.length,
        maxLength: keys.length,
      }),
      extra: fc.noBias(
        fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 40 },
          { arbitrary: fc.tuple(fc.constantFrom(...extraKeys), anyValue), weight: 1 },
        ),
      ),
      reversed: fc.boolean(),
    })
    .map(({ values, fates, extra, reversed }) => {
      const out: Record<string, unknown> = {};
      const order = reversed ? [...keys].reverse() : keys;
      for (const key of order) {
        const [fate, other] = fates[keys.indexOf(key)]!;
        if (fate === 0) continue; // dropped
        out[key] = fate === 1 ? other : values[key]; // replaced by anything, or kept
      }
      if (extra) out[extra[0]] = extra[1];
      return out;
    });
}

/**
 * Mostly `arb`, sometimes anything. Unbiased: fast-check's bias favours the extremes of the
 * choice, which would pick "anything" most of the time.
 */
const mostly = (arb: fc.Arbitrary<unknown>) =>
  fc.noBias(fc.oneof({ arbitrary: arb, weight: 40 }, { arbitrary: anyValue, weight: 1 }));

const okId = fc.constantFrom('c1', 'c2', 'b0', 'f1', 'x.y:z_1-2');
const coordinate = mostly(fc.integer({ min: -10_000_000, max: 10_000_000 }));
const position = mostly(objectOf({ x: coordinate, y: coordinate }, ['z']));
const outOfScope = mostly(objectOf({ reason: fc.string({ maxLength: 8 }) }, ['who']));
const props = mostly(
  fc.dictionary(
    fc.constantFrom('trust', 'exposure', 'hasSystemPrompt', 'x'),
    fc.oneof(fc.boolean(), fc.string(), fc.constant(undefined)),
  ),
);

const component = objectOf(
  {
    id: okId,
    type: fc.constantFrom('user', 'llm', 'inference-api'),
    label: fc.string({ maxLength: 8 }),
    description: fc.string({ maxLength: 8 }),
    boundaryId: fc.oneof(okId, fc.constant(null)),
    position,
    props,
    outOfScope,
  },
  ['colour', 'kind'],
);
const flowProps = mostly(
  objectOf(
    {
      encrypted: fc.boolean(),
      authenticated: fc.boolean(),
      protocol: fc.constantFrom('https', 'grpc'),
      data: fc.array(fc.constantFrom('prompts', 'credentials'), { maxLength: 3 }),
      crossesBoundary: fc.boolean(),
      kind: fc.constantFrom('query', 'response'),
      local: fc.boolean(),
    },
    ['encryption'],
  ),
);
const flow = objectOf(
  {
    id: okId,
    sourceId: okId,
    targetId: okId,
    label: fc.string({ maxLength: 8 }),
    description: fc.string({ maxLength: 8 }),
    props: flowProps,
    outOfScope,
  },
  ['kind'],
);
const size = mostly(
  objectOf({ width: fc.integer({ min: 1, max: 20_000_000 }), height: fc.integer({ min: 1, max: 5 }) }, [
    'depth',
  ]),
);
const boundary = objectOf(
  {
    id: okId,
    label: fc.string({ maxLength: 8 }),
    zone: fc.constantFrom('internet', 'internal'),
    parentId: fc.oneof(okId, fc.constant(null)),
    description: fc.string({ maxLength: 8 }),
    position,
    size,
  },
  ['colour'],
);
const list = (item: fc.Arbitrary<unknown>) => mostly(fc.array(item, { maxLength: 4 }));

const documentArb = fc
  .tuple(
    fc.record(
      {
        format: fc.constant('ai-threat-model'),
        schemaVersion: fc.constant(1),
        meta: mostly(fc.constant({ title: 'T' })),
        trustBoundaries: list(boundary),
        components: list(component),
        dataFlows: list(flow),
        triage: mostly(fc.constantFrom({}, { 'k@c1': { status: 'open' } })),
      },
      { requiredKeys: ['format', 'schemaVersion', 'meta', 'trustBoundaries', 'components', 'dataFlows'] },
    ),
    fc.noBias(fc.nat(39)),
  )
  // Now and then an unknown top-level field.
  .map(([doc, n]) => (n === 0 ? { ...doc, notAField: 1 } : doc));

describe('fast structural check of models', () => {
  it('gives what zod gives, for any document', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        expect(outcome(parseDocumentStructure(doc))).toEqual(outcome(zodAlone(doc)));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the fast path for every valid JSON document, and returns zod’s document', () => {
    let valid = 0;
    fc.assert(
      fc.property(documentArb, (generated) => {
        // Through JSON, as every file arrives: no undefined, no NaN.
        const doc = JSON.parse(JSON.stringify(generated)) as Record<string, unknown>;
        const expected = zodAlone(doc);
        if (!expected.success) return;
        valid++;
        expect(checkElements(doc)).toBeDefined();
        const fast = parseDocumentStructure(doc);
        expect(fast.success && JSON.stringify(fast.data)).toBe(JSON.stringify(expected.data));
        expect(fast.success && fast.data).toStrictEqual(expected.data);
      }),
      { numRuns: 3000 },
    );
    // The generator must produce valid documents often enough for this to mean something.
    expect(valid).toBeGreaterThan(300);
  });

  it('agrees with zod on a large synthetic model and takes the fast path', () => {
    const doc = JSON.parse(JSON.stringify(syntheticModel(2000))) as Record<string, unknown>;
    expect(checkElements(doc)).toBeDefined();
    expect(outcome(parseDocumentStructure(doc))).toEqual(outcome(zodAlone(doc)));
  });

  it('leaves an unusual object to zod rather than guessing', () => {
    const doc = syntheticModel(3) as unknown as Record<string, unknown>;
    const components = doc['components'] as Record<string, unknown>[];
    expect(
      checkElements({ ...doc, components: [{ ...components[0], description: undefined }] }),
    ).toBeUndefined();
    expect(
      checkElements({ ...doc, components: [Object.assign(new (class X {})(), components[0])] }),
    ).toBeUndefined();
    const sparse: unknown[] = [...components];
    sparse[sparse.length + 1] = components[0]; // a hole before it
    expect(checkElements({ ...doc, components: sparse })).toBeUndefined();
  });

  it('reports zod’s messages and paths when an element is wrong', () => {
    const doc = JSON.parse(JSON.stringify(syntheticModel(50))) as Record<string, unknown>;
    (doc['components'] as Record<string, unknown>[])[7]!['label'] = 'l'.repeat(501);
    (doc['dataFlows'] as Record<string, unknown>[])[3]!['colour'] = 'red';
    const result = parseDocumentStructure(doc);
    expect(result.success).toBe(false);
    expect(outcome(result)).toEqual({
      problems: [
        { path: '$.components[7].label', message: 'must be at most 500 characters' },
        { path: '$.dataFlows[3].colour', message: 'unknown field' },
      ],
    });
  });
});
