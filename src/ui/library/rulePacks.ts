import type { Library, ParseResult, Problem } from '../../core';
import type { DocumentStorage } from '../store/persistence';
import { combinePacks, type CombinedLibrary } from './packLibrary';
import { readPackRecord, type StoredPack } from './packRecord';
import { loadStoredText } from './startupPacks';

export {
  buildCheckedPacks,
  combinePacks,
  combineRemainingPacks,
  describePack,
  type CombinedLibrary,
} from './packLibrary';
export { RULE_PACKS_FORMAT, serialisePacks, type StoredPack } from './packRecord';
export { loadStoredText, restorePacksInBackground, STARTUP_PACK_BUDGET_MS } from './startupPacks';

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

/**
 * The stored packs, or why there are none to use: storage that cannot be read or holds nothing
 * gives no packs and no problems; a damaged record gives its problems.
 */
function loadStored(storage: DocumentStorage | null): ParseResult<StoredPack[]> {
  const text = loadStoredText(storage);
  if (!text) return { ok: false, problems: [] };
  return readPackRecord(text);
}
