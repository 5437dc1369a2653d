/**
 * Autosaves a page could not see written before it went away. The document library lives in
 * IndexedDB, whose writes finish in the background: a reload or a closed tab right after an edit
 * (within the autosave delay, or while the write runs) ended the page before the write did, and
 * the edit was gone. When the page is hidden for good (`pagehide`), the open document's newest
 * text whose write has not ended is kept here, synchronously, in localStorage; the next page
 * writes it into the library before it shows anything (documents/recoverPendingSaves.ts).
 *
 * One key per document, so two tabs closing at once keep both. Best effort: a text over the
 * storage quota is not kept (the library write may still finish).
 */
export const PENDING_SAVE_PREFIX = 'aitm.pendingSave.v1:';

export interface PendingSave {
  /** The library record the text belongs to (it may not exist yet: a document never written). */
  id: string;
  title: string;
  /** The autosave text, stamped (autosaveRecord.ts). */
  text: string;
}

export interface PendingSaves {
  keep(save: PendingSave): void;
  drop(id: string): void;
  /** The records some text is kept for. */
  ids(): string[];
  /** What `keep` stored for the record, unchecked (localStorage is shared with the whole origin). */
  stored(id: string): string | null;
}

export function localPendingSaves(storage: Storage | undefined): PendingSaves {
  return {
    keep(save) {
      try {
        storage?.setItem(
          PENDING_SAVE_PREFIX + save.id,
          JSON.stringify({ title: save.title, text: save.text }),
        );
      } catch {
        // Over the quota or no storage: nothing more can be done synchronously.
      }
    },
    drop(id) {
      try {
        storage?.removeItem(PENDING_SAVE_PREFIX + id);
      } catch {
        // Nothing to drop without storage.
      }
    },
    ids() {
      const ids: string[] = [];
      try {
        for (let n = 0; n < (storage?.length ?? 0); n++) {
          const key = storage!.key(n);
          if (key?.startsWith(PENDING_SAVE_PREFIX)) ids.push(key.slice(PENDING_SAVE_PREFIX.length));
        }
      } catch {
        // Unreadable storage holds nothing to recover.
      }
      return ids;
    },
    stored(id) {
      try {
        return storage?.getItem(PENDING_SAVE_PREFIX + id) ?? null;
      } catch {
        return null;
      }
    },
  };
}
