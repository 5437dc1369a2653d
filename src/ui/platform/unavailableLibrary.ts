import type { DocumentLibrary } from './documentLibrary';

const refuse = () => Promise.reject(new Error('the document library is not available in this browser'));

/**
 * Stands in where IndexedDB is missing or refused (private mode, storage disabled): every call
 * fails, so autosave shows its warning and the editor keeps the model in memory.
 */
export function unavailableLibrary(): DocumentLibrary {
  return {
    list: refuse,
    load: refuse,
    save: refuse,
    addSnapshot: refuse,
    delete: refuse,
    put: refuse,
  };
}
