import type { Library, ParseResult, Problem } from '../../core';
import type { DocumentStorage } from '../store/persistence';
import type { BackgroundTasks } from '../work/backgroundTasks';
import { combinePacks, type CombinedLibrary } from './packLibrary';
import { readPackRecord, type StoredPack } from './packRecord';

export {
  buildCheckedPacks,
  combinePacks,
  combineRemainingPacks,
  describePack,
  type CombinedLibrary,
} from './packLibrary';
export { RULE_PACKS_FORMAT, serialisePacks, type StoredPack } from './packRecord';

/**
 * Storage of user rule packs: library files (threats, mitigations, rules, component types) layered
 * on the base library by the core (layerRulePacks). A pack is JSON data validated by loadLibrary —
 * conditions over a closed set of facts and operators — and is never executed. Packs are kept in
 * localStorage and validated again on every load, like any other untrusted input.
 */

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

/**
 * The page-load counterpart of restorePacks (restoreStoredPacks.ts, loaded only when there is a
 * stored record: most visits have none, and the editor's first JavaScript stays small).
 */
export async function restorePacksInBackground(
  storage: DocumentStorage | null,
  base: Library,
  tasks: BackgroundTasks,
  budgetMs = STARTUP_PACK_BUDGET_MS,
): Promise<CombinedLibrary & { problems: Problem[] }> {
  const text = loadStoredText(storage);
  if (!text) return { library: base, active: [], rejected: [], problems: [] };
  const { restoreStoredPacks } = await import('./restoreStoredPacks');
  return restoreStoredPacks(text, storage, base, tasks, budgetMs);
}

/** The stored record's text; none when storage cannot be read or holds nothing (a first visit, a private window). */
function loadStoredText(storage: DocumentStorage | null): string | null {
  try {
    return storage?.load() ?? null;
  } catch {
    return null;
  }
}

/**
 * The stored packs, or why there are none to use: storage that cannot be read or holds nothing
 * gives no packs and no problems; a damaged record gives its problems.
 */
function loadStored(storage: DocumentStorage | null): ParseResult<StoredPack[]> {
  const text = loadStoredText(storage);
  if (!text) return { ok: false, problems: [] };
  return readPackRecord(text);
}
