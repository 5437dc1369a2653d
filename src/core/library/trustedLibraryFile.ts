import type { LibraryFile } from './libraryFile';

/**
 * A library file of our own (the shipped library, bundled at build time) as the schema would
 * give it, without validating it: zod over the whole library took about 40 ms of every page load
 * and every CLI run, to check data that tests check on every change (shippedLibrary.test.ts
 * checks that this gives exactly, key order included, what LibraryFileSchema gives). It fills the
 * schema's defaults and orders keys as the schema does; nothing else differs for valid data.
 * NEVER for user files or rule packs: they go through the full validation of loadLibrary.
 */
export function trustedLibraryFile(content: unknown): LibraryFile {
  return pick(content as LibraryFile, {
    $schema: 'keep',
    name: 'keep',
    version: 'keep',
    description: 'keep',
    componentTypes: 'keep',
    guidelines: 'keep',
    threats: (list: Threat[]) => list.map(threat),
    mitigations: (list: Mitigation[]) => list.map(mitigation),
    rules: (list: Rule[]) => list.map(rule),
    rootCauses: 'keep',
  });
}

type Obj = Record<string, unknown>;

/**
 * How one key of a schema object is made: kept as it is, a list that defaults to a new [] (a
 * `.default([])` of the schema), a list whose items are made by a function, or made by a function.
 */
type Spec = 'keep' | 'list' | { list: (item: never) => unknown } | ((value: never) => unknown);

/** The object zod builds from `value` for a schema with these keys, in this order. */
function pick<T>(value: T, fields: { [K in keyof T]-?: Spec }): T {
  const input = value as Obj;
  const out: Obj = {};
  for (const [key, spec] of Object.entries(fields) as [string, Spec][]) {
    const v = input[key];
    if (spec === 'list' || (typeof spec === 'object' && v === undefined)) out[key] = v ?? [];
    else if (v === undefined) continue;
    else if (spec === 'keep') out[key] = v;
    else if (typeof spec === 'object') out[key] = (v as never[]).map(spec.list);
    else out[key] = spec(v as never);
  }
  return out as T;
}

type Threat = NonNullable<LibraryFile['threats']>[number];
type Mitigation = NonNullable<LibraryFile['mitigations']>[number];
type Rule = NonNullable<LibraryFile['rules']>[number];
type References = Threat['references'];

const references = (r: References): References =>
  pick(r, {
    guidelines: 'list',
    atlas: 'list',
    owaspLlm: 'list',
    owaspMl: 'list',
    owaspAgentic: 'list',
    saif: 'list',
  });

const threat = (t: Threat): Threat =>
  pick(t, {
    id: 'keep',
    title: 'keep',
    description: 'keep',
    likelihood: 'keep',
    impact: 'keep',
    stride: 'list',
    references,
    mitigations: 'list',
  });

const mitigation = (m: Mitigation): Mitigation =>
  pick(m, {
    id: 'keep',
    title: 'keep',
    guidance: 'keep',
    verify: 'keep',
    guidelines: 'keep',
    controls: 'list',
    organisational: 'keep',
  });

type Adjustment = Rule['adjust'][number];

const adjustment = (a: Adjustment): Adjustment =>
  pick(a, { when: 'keep', likelihood: 'keep', impact: 'keep', reason: 'keep', references });

function rule(r: Rule): Rule {
  return pick(r, {
    id: 'keep',
    threat: 'keep',
    target: 'keep',
    types: 'keep',
    when: 'keep',
    summary: 'keep',
    likelihood: 'keep',
    impact: 'keep',
    adjust: { list: adjustment },
    byDesign: 'list',
    mitigations: 'keep',
    rootCause: 'keep',
    references,
  });
}
