import {
  describeRulePack,
  layerRulePacks,
  loadLibrary,
  parseJsonText,
  type Library,
  type LibrarySource,
  type ParseResult,
  type Problem,
} from '../../core';
import type { RejectedPack, RulePack } from '../store/appState';
import type { DocumentStorage } from '../store/persistence';

/**
 * Storage of user rule packs: library files (threats, mitigations, rules, component types) layered
 * on the base library by the core (layerRulePacks). A pack is JSON data validated by loadLibrary —
 * conditions over a closed set of facts and operators — and is never executed. Packs are kept in
 * localStorage and validated again on every load, like any other untrusted input.
 */

export const RULE_PACKS_FORMAT = 'aitm-rule-packs';

export interface StoredPack {
  fileName: string;
  content: unknown;
}

export interface CombinedLibrary {
  library: Library;
  active: RulePack[];
  rejected: RejectedPack[];
}

const sources = (packs: readonly StoredPack[]): LibrarySource[] =>
  packs.map((p) => ({ path: p.fileName, content: p.content }));

/** A validated pack with what it adds and the loader's warnings about it, for the Library dialog. */
export function describePack(pack: StoredPack, warnings: readonly Problem[] = []): RulePack {
  return describeRulePack(pack, warnings);
}

/**
 * Layers packs on the base library, in order, the same way the CLI's `--pack` does (the layering
 * itself is the core's); a pack that does not load is set aside with its problems.
 */
export function combinePacks(base: Library, packs: readonly StoredPack[]): CombinedLibrary {
  const layered = layerRulePacks(base, packs);
  return {
    library: layered.library,
    active: layered.accepted.map((p) => describePack(p, layered.warnings)),
    rejected: layered.rejected,
  };
}

/**
 * Adds (or, for the same file name, replaces) a pack read from a file. Fails with every problem,
 * each with its file and JSON path; the caller then keeps the library it had.
 */
export function addPack(
  base: Library,
  active: readonly RulePack[],
  fileName: string,
  text: string,
): ParseResult<{ library: Library; active: RulePack[] }> {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: [{ ...json.problem, file: fileName }] };
  const packs: StoredPack[] = [
    ...active.filter((p) => p.fileName !== fileName),
    { fileName, content: json.value },
  ];
  const result = loadLibrary(sources(packs), { base });
  if (!result.ok) return result;
  return {
    ok: true,
    value: { library: result.value, active: packs.map((p) => describePack(p, result.warnings)) },
    warnings: result.warnings,
  };
}

export function serialisePacks(packs: readonly StoredPack[]): string {
  return JSON.stringify({
    format: RULE_PACKS_FORMAT,
    packs: packs.map((p) => ({ fileName: p.fileName, content: p.content })),
  });
}

/** Reads the stored packs back and validates them against the base library. */
export function restorePacks(
  storage: DocumentStorage | null,
  base: Library,
): CombinedLibrary & { problems: Problem[] } {
  const none = { library: base, active: [], rejected: [] };
  let text: string | null;
  try {
    text = storage?.load() ?? null;
  } catch {
    return { ...none, problems: [] };
  }
  if (!text) return { ...none, problems: [] };
  const stored = readStored(text);
  if (!stored.ok) return { ...none, problems: stored.problems };
  const combined = combinePacks(base, stored.value);
  return { ...combined, problems: combined.rejected.flatMap((r) => r.problems) };
}

function readStored(text: string): ParseResult<StoredPack[]> {
  const json = parseJsonText(text);
  if (!json.ok) return { ok: false, problems: json.problems };
  const value = json.value as { format?: unknown; packs?: unknown } | null;
  if (
    !value ||
    typeof value !== 'object' ||
    value.format !== RULE_PACKS_FORMAT ||
    !Array.isArray(value.packs)
  )
    return { ok: false, problems: [{ path: '$', message: 'not a list of rule packs' }] };
  const packs: StoredPack[] = [];
  const problems: Problem[] = [];
  value.packs.forEach((p: unknown, i) => {
    const entry = p as { fileName?: unknown; content?: unknown } | null;
    if (
      entry &&
      typeof entry === 'object' &&
      typeof entry.fileName === 'string' &&
      entry.fileName.length <= 500
    )
      packs.push({ fileName: entry.fileName, content: entry.content });
    else problems.push({ path: `$.packs[${i}]`, message: 'expected { fileName, content }' });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: packs, warnings: [] };
}
