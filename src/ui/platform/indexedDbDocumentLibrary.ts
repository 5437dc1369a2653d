import { createStore, del, entries, get, set, update, type UseStore } from 'idb-keyval';
import {
  newDocumentId,
  readStoredDocument,
  SNAPSHOT_LIMIT,
  summaryOf,
  type BrokenRecord,
  type DocumentLibrary,
  type DocumentSummary,
  type StoredDocument,
  type StoredSnapshot,
  type WriteConflict,
} from './documentLibrary';

export const LIBRARY_DB = 'aitm-documents';
export const LIBRARY_STORE = 'documents';
const CHANNEL = 'aitm.documents.v1';

export interface IndexedDbLibraryOptions {
  dbName?: string;
  storeName?: string;
  now?: () => number;
  /** Tells other tabs about writes (BroadcastChannel); off in unit tests that do not need it. */
  broadcast?: boolean;
}

/**
 * The document library in the browser's IndexedDB through idb-keyval: one key per document. A
 * write checks the stored revision inside the same transaction (idb-keyval's `update`), so two
 * tabs writing the same document at once cannot overwrite each other unnoticed.
 */
export function indexedDbDocumentLibrary(options: IndexedDbLibraryOptions = {}): DocumentLibrary {
  const store: UseStore = createStore(options.dbName ?? LIBRARY_DB, options.storeName ?? LIBRARY_STORE);
  const now = options.now ?? Date.now;
  const channel = options.broadcast !== false ? openChannel() : null;
  const tell = (id: string) => channel?.postMessage({ id });

  const read = async (id: string): Promise<StoredDocument | null> => {
    const value: unknown = await get(id, store);
    if (value === undefined) return null;
    const checked = readStoredDocument(value);
    if (!checked.ok) throw new Error(`stored document ${id}: ${checked.problem}`);
    return checked.record;
  };

  return {
    async list() {
      const documents: DocumentSummary[] = [];
      const broken: BrokenRecord[] = [];
      for (const [key, value] of await entries<IDBValidKey, unknown>(store)) {
        const checked = readStoredDocument(value);
        if (checked.ok) documents.push(summaryOf(checked.record));
        else broken.push({ key: String(key), problem: checked.problem });
      }
      documents.sort((a, b) => b.updatedAt - a.updatedAt || a.title.localeCompare(b.title));
      return { documents, broken };
    },
    load: read,
    async save(id, change, expectedRevision) {
      let outcome: StoredDocument | WriteConflict = { conflict: true, current: null };
      await update<unknown>(
        id,
        (old) => {
          const checked = old === undefined ? null : readStoredDocument(old);
          const current = checked?.ok ? checked.record : null;
          // A value that is not a record is never overwritten by a save: it is reported by list().
          if (checked && !checked.ok) {
            outcome = { conflict: true, current: null };
            return old;
          }
          const revision = current?.revision ?? null;
          if (revision !== expectedRevision) {
            outcome = { conflict: true, current };
            return old;
          }
          const next: StoredDocument = {
            id,
            title: change.title,
            text: change.text,
            updatedAt: now(),
            revision: (revision ?? 0) + 1,
            snapshots: current?.snapshots ?? [],
          };
          outcome = next;
          return next;
        },
        store,
      );
      if (!('conflict' in outcome)) tell(id);
      return outcome;
    },
    async addSnapshot(id, snapshot) {
      const taken: StoredSnapshot = {
        id: newDocumentId().replace('doc-', 'snap-'),
        takenAt: now(),
        ...snapshot,
      };
      let found = false;
      await update<unknown>(
        id,
        (old) => {
          const checked = old === undefined ? null : readStoredDocument(old);
          if (!checked?.ok) return old;
          found = true;
          const snapshots = [...checked.record.snapshots, taken].slice(-SNAPSHOT_LIMIT);
          return { ...checked.record, snapshots };
        },
        store,
      );
      if (!found) throw new Error(`there is no stored document ${id}`);
      tell(id);
      return taken;
    },
    async delete(id) {
      const record = await read(id).catch(() => null);
      await del(id, store);
      tell(id);
      return record;
    },
    async put(record) {
      await set(record.id, record, store);
      tell(record.id);
    },
    watch(listener) {
      if (!channel) return () => {};
      const onMessage = (event: MessageEvent) => {
        const id = (event.data as { id?: unknown } | null)?.id;
        if (typeof id === 'string') listener(id);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

/** Tells other tabs of this origin about writes; null where the browser has no BroadcastChannel. */
function openChannel(): BroadcastChannel | null {
  try {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  } catch {
    return null;
  }
}

/** The library, or null where this browser has no IndexedDB (the editor then works in memory). */
export function browserDocumentLibrary(): DocumentLibrary | null {
  try {
    if (typeof indexedDB === 'undefined' || indexedDB === null) return null;
    // Opening can throw (storage blocked for this context); then there is no library at all.
    return indexedDbDocumentLibrary();
  } catch {
    return null;
  }
}

/** Asks the browser not to evict this origin's storage; silently does nothing where unsupported. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    const storage = globalThis.navigator?.storage;
    if (!storage || typeof storage.persist !== 'function') return false;
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
