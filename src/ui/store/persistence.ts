import { formatProblems, parseDocumentText, serialiseDocument, type ThreatModelDocument } from '../../core';
import type { AppState } from './appState';
import type { RootCreator } from './middleware';

/** Where autosave keeps the document. The browser implementation is in platform/. */
export interface DocumentStorage {
  load(): string | null;
  /** Throws when the storage is full or unavailable. */
  save(text: string): void;
}

export const STORAGE_FULL_WARNING =
  'Autosave failed: the browser storage is full or unavailable. Your changes are kept in this tab — use Save to download a copy.';

/**
 * Persists the document only (never UI state), debounced, and restores it through parseDocument
 * like any other untrusted input: an autosave from an older or broken build is reported, not trusted.
 */
export function withPersistence(
  storage: DocumentStorage | null,
  creator: RootCreator,
  options: { restore: boolean; delayMs: number },
): RootCreator {
  return (set, get, api) => {
    let state = creator(set, get, api);
    if (!storage) return state;
    if (options.restore) state = restore(storage, state);

    let saved: ThreatModelDocument = state.document;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const doc = get().document;
      if (doc === saved) return;
      try {
        storage.save(serialiseDocument(doc));
        saved = doc;
        if (get().storageWarning !== null) set({ storageWarning: null });
      } catch {
        // Keep working: the document stays in memory and Save still downloads it.
        saved = doc;
        if (get().storageWarning !== STORAGE_FULL_WARNING) set({ storageWarning: STORAGE_FULL_WARNING });
      }
    };
    api.subscribe((s) => {
      if (s.document !== saved && timer === undefined) timer = setTimeout(write, options.delayMs);
    });
    return { ...state, flushAutosave: write };
  };
}

function restore(storage: DocumentStorage, state: AppState): AppState {
  let text: string | null;
  try {
    text = storage.load();
  } catch {
    return state;
  }
  if (text === null || text === '') return state;
  const result = parseDocumentText(text, { catalogue: state.library.catalogue });
  if (!result.ok) {
    return {
      ...state,
      notice: {
        kind: 'warning',
        message: `The autosaved model could not be restored:\n${formatProblems('autosave', result.problems, 10)}`,
      },
    };
  }
  return { ...state, document: result.value, view: 'editor' };
}
