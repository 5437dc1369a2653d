import type { DocumentStorage } from '../store/persistence';

/** The single autosave slot of earlier builds: migrated into the document library at start. */
export const AUTOSAVE_KEY = 'aitm.autosave.v1';
export const RULE_PACKS_KEY = 'aitm.rulePacks.v1';

/** The browser's localStorage, or undefined where reading it throws (storage disabled). */
export function browserLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The browser's sessionStorage (per tab, kept across reloads), or undefined where it throws. */
export function browserSessionStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * One text slot in localStorage (the autosave, the rule packs). `save` throws QuotaExceededError
 * when full; callers report it. `watch` hears writes made by other tabs of this origin (the
 * `storage` event never fires in the tab that wrote).
 */
export function localDocumentStorage(
  storage: Storage | undefined = browserLocalStorage(),
  key = AUTOSAVE_KEY,
): DocumentStorage | null {
  if (!storage) return null;
  return {
    load: () => storage.getItem(key),
    save: (text) => storage.setItem(key, text),
    watch: (listener) => {
      const onStorage = (event: StorageEvent) => {
        if (event.storageArea === storage && (event.key === key || event.key === null)) listener();
      };
      globalThis.addEventListener?.('storage', onStorage);
      return () => globalThis.removeEventListener?.('storage', onStorage);
    },
  };
}
