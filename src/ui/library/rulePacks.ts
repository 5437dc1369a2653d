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
import { describeError } from '../errors/reportFailure';
import type { RejectedPack, RulePack } from '../store/appState';
import type { DocumentStorage } from '../store/persistence';
import type { BackgroundTasks } from '../work/backgroundTasks';

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
  /**
   * Why the pack is no longer loaded at start-up (it ran out of time, or its check crashed):
   * it is kept, listed and removable, but not run again on every page load.
   */
  setAside?: string;
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
    packs: packs.map((p) => ({
      fileName: p.fileName,
      content: p.content,
      ...(p.setAside ? { setAside: p.setAside } : {}),
    })),
  });
}

/** Reads the stored packs back and validates them against the base library. */
export function restorePacks(
  storage: DocumentStorage | null,
  base: Library,
): CombinedLibrary & { problems: Problem[] } {
  const stored = loadStored(storage);
  if (!stored.ok) return { library: base, active: [], rejected: [], problems: stored.problems };
  const combined = combinePacks(base, stored.value);
  return { ...combined, problems: combined.rejected.flatMap((r) => r.problems) };
}

/** How long the stored packs may take to load at start-up, in the background, before they are set aside. */
export const STARTUP_PACK_BUDGET_MS = 5000;

const setAsidePack = (pack: StoredPack, reason: string): RejectedPack => ({
  fileName: pack.fileName,
  content: pack.content,
  setAside: reason,
  problems: [{ file: pack.fileName, path: '$', message: reason }],
});

/**
 * The page-load counterpart of restorePacks: the stored packs are checked as a background task
 * with a time budget before the page builds a library from them. Packs that fail are kept aside
 * with their problems, as before; packs whose check runs out of time or crashes are marked set
 * aside in storage, so later page loads neither freeze on them nor check them again. Packs set
 * aside stay listed in the Library dialog, where they can be removed or added again.
 */
export async function restorePacksInBackground(
  storage: DocumentStorage | null,
  base: Library,
  tasks: BackgroundTasks,
  budgetMs = STARTUP_PACK_BUDGET_MS,
): Promise<CombinedLibrary & { problems: Problem[] }> {
  const stored = loadStored(storage);
  if (!stored.ok) return { library: base, active: [], rejected: [], problems: stored.problems };
  const aside = stored.value.filter((p) => p.setAside).map((p) => setAsidePack(p, p.setAside!));
  const candidates = stored.value.filter((p) => !p.setAside);
  let rejected: RejectedPack[] = [];
  let accepted: StoredPack[] = [];
  if (candidates.length > 0) {
    try {
      const checked = await tasks.run(
        'Checking your stored rule packs',
        {
          kind: 'checkStoredPacks',
          packs: candidates.map((p) => ({ fileName: p.fileName, content: p.content })),
        },
        { timeoutMs: budgetMs },
      );
      const problemsOf = new Map(checked.rejected.map((r) => [r.fileName, r.problems]));
      accepted = candidates.filter((p) => checked.accepted.includes(p.fileName));
      rejected = candidates.flatMap((p) => {
        const problems = problemsOf.get(p.fileName);
        return problems ? [{ fileName: p.fileName, content: p.content, problems }] : [];
      });
    } catch (error) {
      const reason = `set aside at start-up: checking the stored rule packs failed (${describeError(error)}); remove it, or add the file again to retry`;
      rejected = candidates.map((p) => setAsidePack(p, reason));
      try {
        storage?.save(serialisePacks([...aside, ...rejected]));
      } catch {
        // Storage full or gone: the packs are still set aside for this visit.
      }
    }
  }
  // Accepted in the background within the budget, so building the library here is bounded too.
  const combined =
    accepted.length > 0 ? combinePacks(base, accepted) : { library: base, active: [], rejected: [] };
  const allRejected = [...combined.rejected, ...rejected, ...aside];
  return {
    library: combined.library,
    active: combined.active,
    rejected: allRejected,
    problems: allRejected.flatMap((r) => r.problems),
  };
}

/**
 * The stored packs, or why there are none to use: storage that cannot be read or holds nothing
 * gives no packs and no problems (a first visit, a private window); a damaged record gives its
 * problems.
 */
function loadStored(storage: DocumentStorage | null): ParseResult<StoredPack[]> {
  let text: string | null;
  try {
    text = storage?.load() ?? null;
  } catch {
    return { ok: false, problems: [] };
  }
  if (!text) return { ok: false, problems: [] };
  return readStored(text);
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
    const entry = p as { fileName?: unknown; content?: unknown; setAside?: unknown } | null;
    if (
      entry &&
      typeof entry === 'object' &&
      typeof entry.fileName === 'string' &&
      entry.fileName.length <= 500
    )
      packs.push({
        fileName: entry.fileName,
        content: entry.content,
        ...(typeof entry.setAside === 'string' ? { setAside: entry.setAside.slice(0, 1000) } : {}),
      });
    else problems.push({ path: `$.packs[${i}]`, message: 'expected { fileName, content }' });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: packs, warnings: [] };
}
