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
  /** Every kept save whose entry has the right shape; others are dropped. */
  all(): PendingSave[];
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
    all() {
      const out: PendingSave[] = [];
      try {
        if (!storage) return out;
        const keys: string[] = [];
        for (let n = 0; n < storage.length; n++) {
          const key = storage.key(n);
          if (key?.startsWith(PENDING_SAVE_PREFIX)) keys.push(key);
        }
        for (const key of keys) {
          const save = readPendingSave(key.slice(PENDING_SAVE_PREFIX.length), storage.getItem(key));
          if (save) out.push(save);
          else storage.removeItem(key);
        }
      } catch {
        // Unreadable storage holds nothing to recover.
      }
      return out;
    },
  };
}

/** The entry's title and text, when it is what `keep` wrote (storage is shared with anything of the origin). */
function readPendingSave(id: string, raw: string | null): PendingSave | null {
  if (raw === null || id.length === 0 || id.length > 200) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const { title, text } = value as { title?: unknown; text?: unknown };
  if (typeof title !== 'string' || typeof text !== 'string') return null;
  return { id, title, text };
}
