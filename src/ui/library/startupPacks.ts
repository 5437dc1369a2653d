import type { Library, Problem } from '../../core';
import type { DocumentStorage } from '../store/persistence';
import type { BackgroundTasks } from '../work/backgroundTasks';
import type { CombinedLibrary } from './packLibrary';

/**
 * What the page needs of the rule packs at start-up, kept apart from rulePacks.ts so that the
 * packs' code (checking, combining, storing) loads only when a record is stored: most visits have
 * none, and the editor's first JavaScript stays small.
 */

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
export function loadStoredText(storage: DocumentStorage | null): string | null {
  try {
    return storage?.load() ?? null;
  } catch {
    return null;
  }
}
