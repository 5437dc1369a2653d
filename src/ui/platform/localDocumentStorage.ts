import type { DocumentStorage } from '../store/persistence';

export const AUTOSAVE_KEY = 'aitm.autosave.v1';

/** Autosave in localStorage. `save` throws QuotaExceededError when full; persistence reports it. */
export function localDocumentStorage(
  storage: Storage | undefined = globalThis.localStorage,
  key = AUTOSAVE_KEY,
): DocumentStorage | null {
  if (!storage) return null;
  return {
    load: () => storage.getItem(key),
    save: (text) => storage.setItem(key, text),
  };
}
