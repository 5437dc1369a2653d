import { decodeAutosave } from '../store/autosaveRecord';
import type { AppStore } from '../store/createAppStore';
import { newDocumentId, type DocumentLibrary, type StoredDocument } from '../platform/documentLibrary';
import { AUTOSAVE_KEY } from '../platform/localDocumentStorage';

/** Which document this tab showed, so a reload reopens it (other tabs keep their own). */
export const OPEN_DOCUMENT_KEY = 'aitm.openDocument.v1';

export interface StartupDocument {
  /** The record to show at start, or null for the start screen. */
  record: StoredDocument | null;
  /** False when the library could not be read or written (no IndexedDB, private mode, full). */
  libraryWorks: boolean;
}

/** A record made from the single autosave slot of earlier builds; its text is kept as it was. */
function recordFromAutosave(text: string, now: number): StoredDocument {
  const decoded = decodeAutosave(text);
  const doc = decoded.ok ? (decoded.document as { meta?: { title?: unknown } } | null) : null;
  const title = typeof doc?.meta?.title === 'string' ? doc.meta.title : 'Recovered autosave';
  const savedAt = decoded.ok && decoded.stamp.savedAt > 0 ? decoded.stamp.savedAt : now;
  return { id: newDocumentId(), title, updatedAt: savedAt, revision: 1, text, snapshots: [] };
}

const safely = <T>(read: () => T): T | null => {
  try {
    return read();
  } catch {
    return null;
  }
};

/**
 * Chooses the document a new page shows. First the autosave of earlier builds (or a model put
 * there by a test): it becomes a library document, and the old key is removed only once the
 * library holds it. Else the document this tab showed before a reload, else the newest one.
 * When the library does not work, the old autosave still opens (in memory) and is left in place.
 */
export async function startupDocument(
  library: DocumentLibrary | null,
  local: Storage | undefined,
  session: Storage | undefined,
  options: { now?: () => number; timeoutMs?: number } = {},
): Promise<StartupDocument> {
  const legacy = safely(() => local?.getItem(AUTOSAVE_KEY) ?? null);
  const migrated = legacy ? recordFromAutosave(legacy, (options.now ?? Date.now)()) : null;
  if (!library) return { record: migrated, libraryWorks: false };
  const inMemory: StartupDocument = { record: migrated, libraryWorks: false };
  // IndexedDB can stay silent (a framed copy under storage partitioning, a stuck upgrade): the
  // editor must open all the same, in memory, rather than wait on a blank page.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silent = new Promise<StartupDocument>((resolve) => {
    timer = setTimeout(() => resolve(inMemory), options.timeoutMs ?? 3000);
  });
  try {
    return await Promise.race([fromLibrary(library, migrated, local, session), silent]);
  } catch {
    return inMemory;
  } finally {
    clearTimeout(timer);
  }
}

async function fromLibrary(
  library: DocumentLibrary,
  migrated: StoredDocument | null,
  local: Storage | undefined,
  session: Storage | undefined,
): Promise<StartupDocument> {
  if (migrated) {
    await library.put(migrated);
    safely(() => local?.removeItem(AUTOSAVE_KEY));
    return { record: migrated, libraryWorks: true };
  }
  const remembered = safely(() => session?.getItem(OPEN_DOCUMENT_KEY) ?? null);
  const again = remembered ? await library.load(remembered).catch(() => null) : null;
  if (again) return { record: again, libraryWorks: true };
  for (const summary of (await library.list()).documents) {
    const record = await library.load(summary.id).catch(() => null);
    if (record) return { record, libraryWorks: true };
  }
  return { record: null, libraryWorks: true };
}

/** Remembers the open document for this tab's next reload. */
export function rememberOpenDocument(store: AppStore, session: Storage | undefined): void {
  let last: string | null = null;
  const note = (id: string | null) => {
    if (id === last) return;
    last = id;
    safely(() => (id ? session?.setItem(OPEN_DOCUMENT_KEY, id) : session?.removeItem(OPEN_DOCUMENT_KEY)));
  };
  note(store.getState().documentId);
  store.subscribe((s) => note(s.documentId));
}
