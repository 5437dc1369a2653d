import { AUTOSAVE_FORMAT } from '../store/autosaveRecord';
import type { AppStore } from '../store/createAppStore';
import { newDocumentId, type DocumentLibrary, type StoredDocument } from '../platform/documentLibrary';
import { AUTOSAVE_KEY } from '../platform/localDocumentStorage';
import type { PendingSaves } from '../platform/pendingSaves';
import { OPEN_DOCUMENT_KEY } from './editorPrefetch';

export { OPEN_DOCUMENT_KEY };

export interface StartupDocument {
  /** The record to show at start, or null for the start screen. */
  record: StoredDocument | null;
  /** False when the library could not be read or written (no IndexedDB, private mode, full). */
  libraryWorks: boolean;
}

/**
 * A record made from the single autosave slot of earlier builds; its text is kept as it was.
 * Only its title and date are read here, with the browser's own JSON parser: the text is read
 * again, fully checked, when the record is shown (persistence.ts), and checking it twice cost a
 * returning user's page load about 20 ms at 1,000 components. Any text that is no autosave record
 * still becomes a record ("Recovered autosave"), and its problems are said when it is shown.
 */
function recordFromAutosave(text: string, now: number): StoredDocument {
  const { title, savedAt } = autosaveSummary(text);
  return { id: newDocumentId(), title, updatedAt: savedAt ?? now, revision: 1, text, snapshots: [] };
}

function autosaveSummary(text: string): { title: string; savedAt: number | null } {
  const unknown = { title: 'Recovered autosave', savedAt: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return unknown;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return unknown;
  const record = value as { format?: unknown; savedAt?: unknown; document?: unknown; meta?: unknown };
  // Builds before the stamp stored the bare document.
  const bare = record.format === 'ai-threat-model';
  if (!bare && record.format !== AUTOSAVE_FORMAT) return unknown;
  const doc = (bare ? record : record.document) as { meta?: { title?: unknown } } | null | undefined;
  const title = typeof doc?.meta?.title === 'string' ? doc.meta.title : unknown.title;
  const savedAt = record.savedAt;
  return {
    title,
    savedAt: !bare && typeof savedAt === 'number' && Number.isFinite(savedAt) && savedAt > 0 ? savedAt : null,
  };
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
  options: { now?: () => number; timeoutMs?: number; pendingSaves?: PendingSaves } = {},
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
    return await Promise.race([
      fromLibrary(library, migrated, local, session, options.pendingSaves ?? null),
      silent,
    ]);
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
  pendingSaves: PendingSaves | null,
): Promise<StartupDocument> {
  // What an earlier page could not see written goes into the library first: the document this
  // tab showed may be one of them.
  // Loaded only then: most pages have none, and the start-up code has a budget.
  if (pendingSaves && pendingSaves.ids().length > 0)
    await (await import('./recoverPendingSaves')).recoverPendingSaves(library, pendingSaves);
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
