import { describeLimit, groupDigits, LIMITS } from '../limits';
import { quote, type Problem, type ParseResult } from '../model/problems';
import { pushAll } from '../model/pushAll';
import { checkUntrustedJson } from '../model/untrustedJson';
import { safeParseBounded, zodIssuesToProblems } from '../model/zodProblems';
import type { TargetKind } from '../model/vocabulary';
import { buildFactRegistry, type FactRegistry } from '../rules/factRegistry';
import { compileRules, type CompiledRule } from '../rules/compileRules';
import { buildCatalogue, type Catalogue } from './catalogue';
import { LibraryFileSchema, type LibraryFile, type LibrarySource } from './libraryFile';
import { checkRootCauses } from './checkRootCauses';
import { trustedLibraryFile } from './trustedLibraryFile';
import type { ComponentType, Guideline, Mitigation, RootCause, Rule, Threat } from './librarySchema';
import { unimplementedGuidelines } from './unimplementedGuidelines';

/** A validated, cross-referenced and indexed library, ready for `evaluate`. */
export interface Library {
  name: string;
  version: string;
  catalogue: Catalogue;
  componentTypes: readonly ComponentType[];
  guidelines: readonly Guideline[];
  guidelinesById: ReadonlyMap<string, Guideline>;
  threats: ReadonlyMap<string, Threat>;
  mitigations: ReadonlyMap<string, Mitigation>;
  rules: readonly Rule[];
  /** Root causes that link findings of several rules on one element (docs/adr/0016). */
  rootCauses: ReadonlyMap<string, RootCause>;
  facts: FactRegistry;
  /** Compiled rules indexed for evaluation: component rules by type, others by target kind. */
  index: RuleIndex;
}

export interface RuleIndex {
  componentByType: ReadonlyMap<string, readonly CompiledRule[]>;
  componentAnyType: readonly CompiledRule[];
  byTarget: ReadonlyMap<Exclude<TargetKind, 'component'>, readonly CompiledRule[]>;
}

export interface LoadLibraryOptions {
  /** A library this one extends (a rule pack on top of the shipped library); ids must not clash. */
  base?: Library;
  /**
   * Our own files (the shipped library), checked by tests on every change: their JSON is not
   * validated again, only given the schema's defaults (trustedLibraryFile). Never for user files.
   */
  trusted?: boolean;
}

/** A library file that passed the structural checks and the schema: the loader's own output form. */
export interface ValidatedLibraryFile {
  path: string;
  file: LibraryFile;
}

/**
 * Validates library files and builds a Library. Every problem is reported — duplicate ids,
 * dangling references, unknown facts, operators or values — each with its file and JSON path.
 * The shipped library and every user-loaded rule pack go through here.
 */
export function loadLibrary(
  sources: readonly LibrarySource[],
  options: LoadLibraryOptions = {},
): ParseResult<Library> {
  const files = validateLibrarySources(sources, options);
  return files.ok ? runToEnd(buildLibrarySteps(files.value, options)) : files;
}

/**
 * The first half of loadLibrary: each file's untrusted-JSON checks and schema, with every problem.
 * What it gives is plain data (the schema's output, defaults filled in), so it can cross from a
 * worker to the page, which then only has to build (buildLibrarySteps).
 */
export function validateLibrarySources(
  sources: readonly LibrarySource[],
  options: Pick<LoadLibraryOptions, 'trusted'> = {},
): ParseResult<ValidatedLibraryFile[]> {
  const problems: Problem[] = [];
  const files: ValidatedLibraryFile[] = [];
  for (const source of sources) {
    if (options.trusted) {
      files.push({ path: source.path, file: trustedLibraryFile(source.content) });
      continue;
    }
    const unsafe = checkUntrustedJson(source.content);
    if (unsafe.length > 0) {
      pushAll(
        problems,
        unsafe.map((p) => ({ ...p, file: source.path })),
      );
      continue;
    }
    const parsed = safeParseBounded(LibraryFileSchema, source.content);
    if ('tooManyProblems' in parsed) problems.push({ ...parsed.tooManyProblems, file: source.path });
    else if (!parsed.success)
      pushAll(
        problems,
        zodIssuesToProblems(parsed.error.issues).map((p) => ({ ...p, file: source.path })),
      );
    else files.push({ path: source.path, file: parsed.data });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: files, warnings: [] };
}

/** Rules compiled between two pauses of buildLibrarySteps: a few milliseconds of work. */
export const RULES_PER_STEP = 200;

/** Runs a stepwise computation (buildLibrarySteps) to its end without pausing. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The second half of loadLibrary: cross-references, indexes and compiles validated files into a
 * Library. A generator that pauses (yields) between slices of rules, so a caller with a clock —
 * the editor, which must not block its page for long — can spread a big pack over several tasks.
 * Run to its end without pausing it gives exactly what loadLibrary gives: the slices compile the
 * rules in the same order, into the same problem list.
 */
export function* buildLibrarySteps(
  files: readonly ValidatedLibraryFile[],
  options: LoadLibraryOptions = {},
): Generator<void, ParseResult<Library>, void> {
  const problems: Problem[] = [];
  const base = options.base;
  const located = <T>(
    key: 'componentTypes' | 'guidelines' | 'threats' | 'mitigations' | 'rules' | 'rootCauses',
  ) =>
    files.flatMap(({ path, file }) =>
      ((file[key] ?? []) as T[]).map((item, i) => ({ item, file: path, at: `$.${key}[${i}]` })),
    );
  const componentTypes = [
    ...(base?.componentTypes ?? []).map((item) => ({ item, file: 'base', at: '' })),
    ...located<ComponentType>('componentTypes'),
  ];
  const guidelines = [
    ...(base?.guidelines ?? []).map((item) => ({ item, file: 'base', at: '' })),
    ...located<Guideline>('guidelines'),
  ];
  const threats = [
    ...[...(base?.threats.values() ?? [])].map((item) => ({ item, file: 'base', at: '' })),
    ...located<Threat>('threats'),
  ];
  const mitigations = [
    ...[...(base?.mitigations.values() ?? [])].map((item) => ({ item, file: 'base', at: '' })),
    ...located<Mitigation>('mitigations'),
  ];
  const rules = [
    ...(base?.rules ?? []).map((item) => ({ item, file: 'base', at: '' })),
    ...located<Rule>('rules'),
  ];
  const rootCauses = [
    ...[...(base?.rootCauses.values() ?? [])].map((item) => ({ item, file: 'base', at: '' })),
    ...located<RootCause>('rootCauses'),
  ];

  const index = <T extends { id: string }>(
    entries: { item: T; file: string; at: string }[],
    what: string,
  ) => {
    const map = new Map<string, T>();
    const where = new Map<string, string>();
    for (const { item, file, at } of entries) {
      const first = where.get(item.id);
      if (first !== undefined)
        problems.push({
          file,
          path: `${at}.id`,
          message: `duplicate ${what} id "${item.id}" (first defined in ${first})`,
        });
      else {
        map.set(item.id, item);
        where.set(item.id, file === 'base' ? 'the base library' : `${file} ${at}`);
      }
    }
    return map;
  };
  // Refused before any indexing or compiling: the work below is linear, but in this many rules.
  if (rules.length > LIMITS.libraryRules.value)
    return {
      ok: false,
      problems: [
        {
          file: files.at(-1)?.path ?? 'base',
          path: '$.rules',
          message: `${groupDigits(rules.length)} rules with the base library and every pack: ${describeLimit('libraryRules')}`,
        },
      ],
    };
  const typesById = index(componentTypes, 'component type');
  const guidelinesById = index(guidelines, 'guideline');
  const threatsById = index(threats, 'threat');
  const mitigationsById = index(mitigations, 'mitigation');
  index(rules, 'rule');
  const rootCausesById = index(rootCauses, 'root cause');
  checkRootCauses(rootCauses, rootCausesById, rules, problems);

  const dangling = (
    file: string,
    path: string,
    id: string,
    map: ReadonlyMap<string, unknown>,
    what: string,
  ) => {
    if (!map.has(id)) problems.push({ file, path, message: `no ${what} has the id ${quote(id)}` });
  };
  for (const { item, file, at } of threats) {
    if (file === 'base') continue;
    item.mitigations.forEach((m, i) =>
      dangling(file, `${at}.mitigations[${i}]`, m, mitigationsById, 'mitigation'),
    );
    item.references.guidelines.forEach((g, i) =>
      dangling(file, `${at}.references.guidelines[${i}]`, g, guidelinesById, 'guideline'),
    );
  }
  for (const { item, file, at } of mitigations) {
    if (file === 'base') continue;
    item.guidelines.forEach((g, i) =>
      dangling(file, `${at}.guidelines[${i}]`, g, guidelinesById, 'guideline'),
    );
  }
  for (const { item, file, at } of componentTypes) {
    if (file === 'base') continue;
    const names = new Set<string>();
    item.properties.forEach((p, i) => {
      if (names.has(p.name))
        problems.push({
          file,
          path: `${at}.properties[${i}].name`,
          message: `duplicate property "${p.name}"`,
        });
      names.add(p.name);
      if (p.kind === 'enum' && !p.values.includes(p.default))
        problems.push({
          file,
          path: `${at}.properties[${i}].default`,
          message: `default "${p.default}" is not one of its values`,
        });
    });
  }

  const catalogue = buildCatalogue([...typesById.values()]);
  const facts = buildFactRegistry(catalogue);
  yield;
  const inputs = {
    catalogue,
    facts,
    threats: threatsById,
    mitigations: mitigationsById,
    guidelines: guidelinesById,
  };
  // compileRules sorts what it is given by id; sorted once here, each slice is already in order
  // and the slices together compile the rules in the order one call would.
  const sorted = [...rules].sort(byRuleId);
  const compiled: CompiledRule[] = [];
  for (let start = 0; start < sorted.length; start += RULES_PER_STEP) {
    pushAll(compiled, compileRules(sorted.slice(start, start + RULES_PER_STEP), inputs, problems));
    yield;
  }
  if (problems.length > 0) return { ok: false, problems };

  const meta = files.find((f) => f.file.version !== undefined)?.file;
  const library: Library = {
    // A rule pack extends the base library: reports keep the base's name and say which pack was added.
    name: base?.name ?? meta?.name ?? 'custom library',
    version: base
      ? `${base.version}${meta ? ` + ${meta.name ?? 'rule pack'} ${meta.version}` : ''}`
      : (meta?.version ?? '0'),
    catalogue,
    componentTypes: [...typesById.values()],
    guidelines: [...guidelinesById.values()],
    guidelinesById,
    threats: threatsById,
    mitigations: mitigationsById,
    rules: compiled.map((c) => c.rule),
    rootCauses: rootCausesById,
    facts,
    index: indexRules(compiled),
  };
  const warnings = unimplementedGuidelines(threats, rules, threatsById, mitigationsById);
  return { ok: true, value: library, warnings };
}

const byRuleId = (a: { item: Rule }, b: { item: Rule }) =>
  a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0;

function indexRules(compiled: readonly CompiledRule[]): RuleIndex {
  const componentByType = new Map<string, CompiledRule[]>();
  const componentAnyType: CompiledRule[] = [];
  const byTarget = new Map<Exclude<TargetKind, 'component'>, CompiledRule[]>([
    ['dataFlow', []],
    ['trustBoundary', []],
    ['model', []],
  ]);
  for (const rule of compiled) {
    if (rule.rule.target !== 'component') byTarget.get(rule.rule.target)!.push(rule);
    else if (!rule.rule.types) componentAnyType.push(rule);
    else
      // Appended in place (copying the list per rule was quadratic), each type once per rule.
      for (const type of new Set(rule.rule.types)) {
        const list = componentByType.get(type);
        if (list) list.push(rule);
        else componentByType.set(type, [rule]);
      }
  }
  return { componentByType, componentAnyType, byTarget };
}
