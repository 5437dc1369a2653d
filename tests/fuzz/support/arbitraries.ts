/**
 * Generators of hostile input: free text, structurally valid documents of every component type,
 * rule packs with random conditions, and mutations (JSON-level and text-level) of any valid file.
 */
import fc from 'fast-check';
import {
  CONTRACT_COMPONENT_TYPES,
  DATA_CATEGORIES,
  FINDING_STATUSES,
  MITIGATION_STATES,
  OPERATORS,
  SEVERITIES,
  TARGET_KINDS,
  ZONES,
  type Catalogue,
  type Library,
  type OperatorName,
} from '../../../src/core/index';
import { FUZZ_PACK } from './fuzzPack';
import { MARK_CLOSE, MARK_OPEN } from './markdownOracle';
import { ALL_TEXT_PAYLOADS, FORBIDDEN_KEYS } from './payloads';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ------------------------------------------------------------------ text

/** Free text as a hostile author writes it: payloads, random code points, and mixes of both. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ALL_TEXT_PAYLOADS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom(...'<>[]()!`*_#|\\&%";:@ \n=+-~{}'.split(''), 'a', 'http://', 'www.', '%%{'),
      maxLength: 30,
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...ALL_TEXT_PAYLOADS), fc.string({ maxLength: 10 })), {
        minLength: 2,
        maxLength: 4,
      })
      .map((parts) => parts.join('')),
  },
);

/** Text that also fits a 500-character label, optionally wrapped in the region markers of markdownOracle. */
const labelArb = (markers: boolean) =>
  textArb.map((t) => {
    const clean = t.replace(/[\u2983\u2984]/g, '').slice(0, 480);
    return markers ? `${MARK_OPEN} ${clean} ${MARK_CLOSE}` : clean;
  });

/** Ids that satisfy the document's id pattern, with some that collide with words the code uses. */
export const idArb = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'model',
      'unplaced',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '0',
      '1e3',
      'a'.repeat(200),
      'user.x',
      'rule.fuzz-props',
    ),
  },
);

// ------------------------------------------------------------------ documents

/**
 * Canvas coordinates well within LIMITS.coordinate (beyond it is a refusal, tested on its own):
 * the Threat Dragon export lays out unplaced elements below and beside the placed ones, and what it
 * writes must stay within the limit to import back.
 */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const positionArb = fc.record({ x: finite, y: finite });
const sizeArb = fc.record({
  width: fc.double({ noNaN: true, min: 1, max: 1e6 }),
  height: fc.double({ noNaN: true, min: 1, max: 1e6 }),
});
const RULE_IDS = [...FUZZ_PACK.rules.map((r) => r.id), 'rule.x', 'user.t1'];
const MITIGATION_IDS = [...FUZZ_PACK.mitigations.map((m) => m.id), 'mitigation.unknown', '10', '9'];

/**
 * A valid document (as raw JSON) drawn from the catalogue: boundaries nested through earlier
 * boundaries, components of every type with random valid properties, flows between any two
 * components (self-loops and parallel flows included), triage, and user threats.
 */
export function documentArb(
  catalogue: Catalogue,
  options: { markers?: boolean } = {},
): fc.Arbitrary<Record<string, unknown>> {
  const label = labelArb(options.markers ?? false);
  const types = [...catalogue.types.values()];
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  return fc
    .record({
      ids: fc.uniqueArray(idArb, { minLength: 40, maxLength: 40 }),
      schema: maybe(fc.constantFrom('./schema/model.schema.json', 'https://example.invalid/x.json')),
      meta: fc.record(
        { title: label, description: maybe(label), owner: maybe(label), version: maybe(label) },
        { requiredKeys: ['title'] },
      ),
      boundaries: fc.array(
        fc.record({
          label,
          zone: fc.constantFrom(...ZONES),
          parent: maybe(fc.option(fc.nat(), { nil: null })),
          description: maybe(label),
          position: maybe(positionArb),
          size: maybe(sizeArb),
        }),
        { maxLength: 5 },
      ),
      components: fc.array(
        fc.record({
          type: fc.nat(),
          label,
          description: maybe(label),
          boundary: maybe(fc.option(fc.nat(), { nil: null })),
          position: maybe(positionArb),
          props: maybe(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), label), { maxLength: 6 })),
        }),
        { maxLength: 10 },
      ),
      flows: fc.array(
        fc.record({
          source: fc.nat(),
          target: fc.nat(),
          label,
          description: maybe(label),
          props: maybe(
            fc.record(
              {
                encrypted: fc.boolean(),
                authenticated: fc.boolean(),
                protocol: label.map((t) => t.slice(0, 100)),
                data: fc.array(fc.constantFrom(...DATA_CATEGORIES), { maxLength: 22 }),
                crossesBoundary: fc.boolean(),
              },
              { requiredKeys: [] },
            ),
          ),
        }),
        { maxLength: 16 },
      ),
      triage: fc.array(
        fc.record({
          rule: fc.constantFrom(...RULE_IDS),
          target: fc.nat(),
          status: fc.constantFrom(...FINDING_STATUSES),
          owner: maybe(label),
          note: maybe(label),
          mitigations: maybe(
            fc.dictionary(fc.constantFrom(...MITIGATION_IDS), fc.constantFrom(...MITIGATION_STATES)),
          ),
        }),
        { maxLength: 4 },
      ),
      userThreats: fc.array(
        fc.record({
          target: fc.option(fc.nat(), { nil: null }),
          title: label.map((t) => t || 'untitled'),
          description: maybe(label),
          severity: fc.constantFrom(...SEVERITIES),
          status: fc.constantFrom(...FINDING_STATUSES),
          owner: maybe(label),
          note: maybe(label),
          mitigations: maybe(
            fc.array(
              fc.record({ title: label, state: fc.constantFrom(...MITIGATION_STATES, 'suggested' as const) }),
              { maxLength: 3 },
            ),
          ),
          source: maybe(fc.constantFrom('threat-dragon', 'threat-composer', '<b>x</b>')),
        }),
        { maxLength: 3 },
      ),
    })
    .map((g) => {
      const ids = [...g.ids];
      const take = () => ids.shift()!;
      const trustBoundaries = g.boundaries.map((b, i) => {
        const out: Record<string, unknown> = { id: take(), label: b.label, zone: b.zone };
        if (b.parent !== undefined)
          out['parentId'] = b.parent === null || i === 0 ? null : `@b${b.parent % i}`;
        if (b.description !== undefined) out['description'] = b.description;
        if (b.position !== undefined) out['position'] = b.position;
        if (b.size !== undefined) out['size'] = b.size;
        return out;
      });
      for (const b of trustBoundaries) {
        if (typeof b['parentId'] === 'string')
          b['parentId'] = trustBoundaries[Number((b['parentId'] as string).slice(2))]!['id'];
      }
      const boundaryIds = trustBoundaries.map((b) => b['id'] as string);
      const components = g.components.map((c) => {
        const type = types[c.type % types.length]!;
        const out: Record<string, unknown> = { id: take(), type: type.id, label: c.label };
        if (c.description !== undefined) out['description'] = c.description;
        if (c.boundary !== undefined)
          out['boundaryId'] =
            c.boundary === null || boundaryIds.length === 0
              ? null
              : boundaryIds[c.boundary % boundaryIds.length];
        if (c.position !== undefined) out['position'] = c.position;
        if (c.props !== undefined) {
          const props: Record<string, unknown> = {};
          for (const [which, pick, flag, text] of type.properties.length > 0 ? c.props : []) {
            const declaration = type.properties[which % type.properties.length]!;
            if (declaration.kind === 'boolean') props[declaration.name] = flag;
            else if (declaration.kind === 'enum')
              props[declaration.name] = declaration.values[pick % declaration.values.length];
            else props[declaration.name] = text;
          }
          out['props'] = props;
        }
        return out;
      });
      const componentIds = components.map((c) => c['id'] as string);
      const dataFlows =
        componentIds.length === 0
          ? []
          : g.flows.map((f) => {
              const out: Record<string, unknown> = {
                id: take(),
                sourceId: componentIds[f.source % componentIds.length],
                targetId: componentIds[f.target % componentIds.length],
                label: f.label,
              };
              if (f.description !== undefined) out['description'] = f.description;
              if (f.props !== undefined) out['props'] = f.props;
              return out;
            });
      const elementIds = [
        ...componentIds,
        ...dataFlows.map((f) => f['id'] as string),
        ...boundaryIds,
        'model',
      ];
      const userThreats = g.userThreats.map((t) => {
        const out: Record<string, unknown> = {
          id: take(),
          targetId: t.target === null ? null : elementIds[t.target % elementIds.length],
          title: t.title,
          severity: t.severity,
          status: t.status,
        };
        for (const key of ['description', 'owner', 'note', 'mitigations', 'source'] as const)
          if (t[key] !== undefined) out[key] = t[key];
        return out;
      });
      const triage: Record<string, unknown> = {};
      for (const t of g.triage) {
        const entry: Record<string, unknown> = { status: t.status };
        for (const key of ['owner', 'note', 'mitigations'] as const)
          if (t[key] !== undefined) entry[key] = t[key];
        triage[`${t.rule}@${elementIds[t.target % elementIds.length]}`] = entry;
      }
      const doc: Record<string, unknown> = {};
      if (g.schema !== undefined) doc['$schema'] = g.schema;
      Object.assign(doc, {
        format: 'ai-threat-model',
        schemaVersion: 1,
        meta: g.meta,
        trustBoundaries,
        components,
        dataFlows,
        triage,
      });
      if (userThreats.length > 0) doc['userThreats'] = userThreats;
      return doc;
    });
}

/** A document where every free-text field is one of the payloads of payloads.ts, in turn. */
export function documentWithText(texts: readonly string[]): Record<string, unknown> {
  const t = (i: number) => texts[i % texts.length]!.slice(0, 500);
  const types = CONTRACT_COMPONENT_TYPES;
  return {
    format: 'ai-threat-model',
    schemaVersion: 1,
    meta: { title: t(0), description: t(1), owner: t(2), version: t(3) },
    trustBoundaries: [
      { id: 'tb-1', label: t(4), zone: 'internet', description: t(5) },
      { id: 'tb-2', label: t(6), zone: 'internal', parentId: 'tb-1' },
    ],
    components: types.map((type, i) => ({
      id: `c-${i}`,
      type,
      label: t(7 + i),
      description: t(8 + i),
      boundaryId: i % 3 === 0 ? null : i % 3 === 1 ? 'tb-1' : 'tb-2',
    })),
    dataFlows: types.map((_, i) => ({
      id: `f-${i}`,
      sourceId: `c-${i}`,
      targetId: `c-${(i * 7 + 3) % types.length}`,
      label: t(30 + i),
      props: { protocol: t(31 + i).slice(0, 100), data: ['prompts', 'personal-data'] },
    })),
    triage: Object.fromEntries(
      types.flatMap((_, i) => [
        [`rule.fuzz-props@c-${i}`, { status: 'accepted', owner: t(50 + i), note: t(51 + i) }],
        [`rule.gone@c-${i}`, { status: 'accepted', owner: t(52 + i), note: t(53 + i) }],
      ]),
    ),
    userThreats: [
      {
        id: 'u-1',
        targetId: 'c-1',
        title: t(60) || 'x',
        description: t(61),
        severity: 'high',
        status: 'accepted',
        owner: t(62),
        note: t(63),
        mitigations: [{ title: t(64), state: 'planned' }],
        source: 'threat-dragon',
      },
      {
        id: 'u-2',
        targetId: null,
        title: t(65) || 'x',
        severity: 'low',
        status: 'open',
        source: t(66).slice(0, 100),
      },
    ],
  };
}

// ------------------------------------------------------------------ rule packs

/** A leaf over a fact of the target, usually well-typed, sometimes not. */
function leafArb(library: Library, target: (typeof TARGET_KINDS)[number]) {
  const facts = [...(library.facts.get(target)?.values() ?? [])];
  const names = Object.keys(OPERATORS) as OperatorName[];
  return fc
    .record({
      fact: fc.nat(),
      op: fc.nat(),
      pick: fc.nat(),
      typed: fc.nat(9),
      wild: fc.jsonValue({ maxDepth: 1 }),
      name: fc.string({ maxLength: 20 }),
    })
    .map((g) => {
      const fact = facts[g.fact % facts.length];
      if (!fact || g.typed === 0)
        return { fact: fact ? fact.name : g.name, op: names[g.op % names.length]!, value: g.wild } as Record<
          string,
          unknown
        >;
      const ops = names.filter((n) => OPERATORS[n].facts.includes(fact.valueType));
      const op = OPERATORS[ops[g.op % ops.length]!];
      const values = fact.values ?? ['x', 'prompts', 'internet'];
      const one = values[g.pick % values.length]!;
      const value = (() => {
        switch (op.value) {
          case 'same':
            return fact.valueType === 'boolean'
              ? g.pick % 2 === 0
              : fact.valueType === 'number'
                ? g.pick % 5
                : one;
          case 'string':
            return one;
          case 'stringList':
            return values.filter((_, i) => (g.pick >> i) & 1);
          case 'number':
            return g.pick % 7;
          case 'optionalBoolean':
            return g.pick % 3 === 0 ? undefined : g.pick % 3 === 1;
        }
      })();
      return value === undefined ? { fact: fact.name, op: op.name } : { fact: fact.name, op: op.name, value };
    });
}

/** Conditions nested up to a little beyond MAX_CONDITION_DEPTH. */
export function conditionArb(library: Library, target: (typeof TARGET_KINDS)[number]): fc.Arbitrary<unknown> {
  const leaf = leafArb(library, target);
  const { condition } = fc.letrec<{ condition: unknown }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', maxDepth: 14 },
      leaf,
      fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('condition') }),
    ),
  }));
  return condition;
}

/** A rule pack (one library file) of random rules over random facts, on top of the given library. */
export function rulePackArb(library: Library): fc.Arbitrary<Record<string, unknown>> {
  const typeIds = [...library.catalogue.types.keys()];
  const ruleArb = fc.constantFrom(...TARGET_KINDS).chain((target) =>
    fc.record(
      {
        id: fc.stringMatching(/^[a-z0-9]{1,8}$/).map((s) => `rule.pack-${s}`),
        threat: fc.constantFrom('threat.pack-a', 'threat.pack-b', 'threat.missing'),
        target: fc.constant(target),
        types: fc.subarray([...typeIds, 'no-such-type'], { minLength: 1 }),
        when: conditionArb(library, target),
        summary: textArb.map((t) => t.slice(0, 500)),
        likelihood: fc.constantFrom('low', 'medium', 'high'),
        adjust: fc.array(
          fc.record({
            when: conditionArb(library, target),
            likelihood: fc.integer({ min: -2, max: 2 }),
            impact: fc.integer({ min: -2, max: 2 }),
            reason: textArb.map((t) => t.slice(0, 300) || 'r'),
          }),
          { maxLength: 2 },
        ),
        byDesign: fc.array(
          fc.record({
            when: conditionArb(library, target),
            mitigations: fc.constant(['mitigation.pack-a']),
            effect: fc.constantFrom('lower', 'mitigated'),
            reason: fc.constant('by design'),
          }),
          { maxLength: 2 },
        ),
        mitigations: fc.subarray(['mitigation.pack-a', 'mitigation.pack-org', 'mitigation.missing']),
      },
      { requiredKeys: ['id', 'threat', 'target'] },
    ),
  );
  return fc
    .record({
      rules: fc.array(ruleArb, { maxLength: 4 }),
      title: textArb.map((t) => t.slice(0, 200) || 't'),
      extraType: fc.boolean(),
    })
    .map(({ rules, title, extraType }) => ({
      name: 'random pack',
      version: '1',
      ...(extraType
        ? {
            componentTypes: [
              {
                id: 'pack-type',
                label: title.slice(0, 80),
                category: 'generic',
                icon: 'x',
                description: title,
                properties: [
                  {
                    name: 'authenticated',
                    label: 'Shadowing kind',
                    kind: 'enum',
                    values: ['yes', 'no'],
                    default: 'no',
                  },
                ],
              },
            ],
          }
        : {}),
      threats: [
        {
          id: 'threat.pack-a',
          title,
          description: title,
          likelihood: 'high',
          impact: 'high',
          references: { guidelines: ['SD-3'] },
          mitigations: ['mitigation.pack-a'],
        },
        {
          id: 'threat.pack-b',
          title: 'b',
          description: 'b',
          likelihood: 'low',
          impact: 'medium',
          references: { guidelines: [] },
        },
      ],
      mitigations: [
        { id: 'mitigation.pack-a', title, guidance: 'g', guidelines: ['SD-3'] },
        {
          id: 'mitigation.pack-org',
          title: 'org',
          guidance: 'g',
          guidelines: ['SD-1'],
          organisational: true,
        },
      ],
      rules: uniqueById(rules),
    }));
}

function uniqueById(rules: Record<string, unknown>[]): Record<string, unknown>[] {
  const seen = new Set<unknown>();
  return rules.filter((r) => !seen.has(r['id']) && (seen.add(r['id']), true));
}

// ------------------------------------------------------------------ mutations

/** One change to a JSON value, applied at the node with index `at` in depth-first order. */
export type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'retype'; at: number; value: Json }
  | { op: 'forbidden-key'; at: number; key: (typeof FORBIDDEN_KEYS)[number]; value: Json }
  | { op: 'nest'; at: number; depth: number; arrays: boolean }
  | { op: 'huge-string'; at: number; length: number; unit: string }
  | { op: 'duplicate'; at: number }
  | { op: 'unknown-key'; at: number; key: string; value: Json }
  | { op: 'text'; at: number; text: string };

const wrongTypeArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    -0,
    '',
    'x',
    [],
    {},
    [[]],
    { a: 1 },
    '1',
    'true',
    'null',
  ),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: wrongTypeArb }),
  fc.record({
    op: fc.constant('forbidden-key' as const),
    at: fc.nat(),
    key: fc.constantFrom(...FORBIDDEN_KEYS),
    value: wrongTypeArb,
  }),
  fc.record({
    op: fc.constant('nest' as const),
    at: fc.nat(),
    depth: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.constant(2_000)),
    arrays: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('huge-string' as const),
    at: fc.nat(),
    length: fc.oneof(fc.constant(20_001), fc.integer({ min: 500, max: 300_000 })),
    unit: fc.constantFrom('A', '<', '|', '\u0000', '\ud83d\ude00', 'é'),
  }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('unknown-key' as const),
    at: fc.nat(),
    key: fc.oneof(
      fc.constantFrom('authenticatd', 'extra', '', ' ', 'a\nb', 'x.y'),
      fc.string({ maxLength: 12 }),
    ),
    value: wrongTypeArb,
  }),
  fc.record({ op: fc.constant('text' as const), at: fc.nat(), text: textArb }),
);

/** A deep copy that keeps own `__proto__` keys (JSON round trip; structuredClone would not). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

interface Slot {
  parent: Json[] | { [key: string]: Json } | null;
  key: string | number;
  value: Json;
}

function slots(root: Json): Slot[] {
  const out: Slot[] = [{ parent: null, key: '', value: root }];
  const stack: Json[] = [root];
  while (stack.length > 0 && out.length < 5000) {
    const node = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const entries: [string | number, Json][] = Array.isArray(node)
      ? node.map((v, i) => [i, v])
      : Object.keys(node).map((k) => [k, node[k]!]);
    for (const [key, value] of entries) {
      out.push({ parent: node, key, value });
      stack.push(value);
    }
  }
  return out;
}

function setOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies the mutations in turn to a copy of `root`; the original is untouched. */
export function mutate(root: unknown, mutations: readonly Mutation[]): unknown {
  let doc = cloneJson(root) as Json;
  for (const m of mutations) {
    const all = slots(doc);
    const slot = all[m.at % all.length]!;
    const replace = (value: Json) => {
      if (slot.parent === null) doc = value;
      else if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
      else setOwn(slot.parent, slot.key as string, value);
    };
    switch (m.op) {
      case 'delete':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else if (slot.parent) delete slot.parent[slot.key as string];
        break;
      case 'retype':
        replace(m.value);
        break;
      case 'forbidden-key':
      case 'unknown-key': {
        const target =
          slot.value !== null && typeof slot.value === 'object' && !Array.isArray(slot.value)
            ? slot.value
            : null;
        if (target) setOwn(target, m.key, m.value);
        else replace({ [m.key === '__proto__' ? 'x' : m.key]: m.value });
        break;
      }
      case 'nest': {
        let value = slot.value;
        for (let i = 0; i < m.depth; i++) value = m.arrays ? [value] : { a: value };
        replace(value);
        break;
      }
      case 'huge-string':
        replace(m.unit.repeat(Math.ceil(m.length / m.unit.length)));
        break;
      case 'duplicate': {
        // A value nested thousands deep by earlier mutations is beyond JSON.stringify's own stack:
        // it is duplicated by reference then (the input stays JSON data, only shared).
        const copy = (value: Json) => {
          try {
            return cloneJson(value);
          } catch (error) {
            if (error instanceof RangeError) return value;
            throw error;
          }
        };
        if (Array.isArray(slot.value) && slot.value.length > 0) slot.value.push(copy(slot.value[0]!));
        else if (Array.isArray(slot.parent)) slot.parent.push(copy(slot.value));
        break;
      }
      case 'text':
        replace(m.text);
        break;
    }
  }
  return doc;
}

/** Text-level damage to a JSON file: truncation, stray characters, a BOM, a slice repeated. */
export type TextMutation = {
  op: 'truncate' | 'insert' | 'replace' | 'repeat' | 'bom';
  at: number;
  text: string;
};

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.record({
  op: fc.constantFrom(
    'truncate' as const,
    'insert' as const,
    'replace' as const,
    'repeat' as const,
    'bom' as const,
  ),
  at: fc.nat(),
  text: fc.oneof(
    fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '\u0000',
      '\u001b[31m',
      '/*',
      'NaN',
      '1e999',
      '\ufeff',
      '\n',
    ),
    fc.string({ unit: 'binary', maxLength: 6 }),
  ),
});

export function mutateText(text: string, mutations: readonly TextMutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.op === 'truncate') out = out.slice(0, at);
    else if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.op === 'replace') out = out.slice(0, at) + m.text + out.slice(at + m.text.length);
    else if (m.op === 'repeat') out = out.slice(0, at) + out.slice(at, at + 50) + out.slice(at);
    else out = `\ufeff${out}`;
  }
  return out;
}
