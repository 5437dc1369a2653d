import type { DocumentStorage } from '../store/persistence';
import { isConflict, newDocumentId, type DocumentLibrary, type StoredDocument } from './documentLibrary';
import type { PendingSaves } from './pendingSaves';

/** A write refused because another tab wrote the same document first; the slot now holds theirs. */
export class DocumentChangedElsewhere extends Error {
  constructor() {
    super('the document was changed in another tab');
    this.name = 'DocumentChangedElsewhere';
  }
}

/**
 * The current document's record in the library, seen through the synchronous DocumentStorage
 * seam that persistence.ts speaks: `load` answers from a cache of the record's text, `save`
 * updates the cache at once and writes the record in the background (in order, one at a time).
 *
 * A save carries the revision it expects to replace; when another tab wrote first, the write is
 * refused, the cache takes the other tab's text and the returned promise rejects with
 * DocumentChangedElsewhere, so persistence shows its conflict banner instead of overwriting.
 */
export interface DocumentSlot extends Omit<DocumentStorage, 'save'> {
  /** The record being written, or null before the first document. */
  readonly id: string | null;
  /**
   * Writes in the background: rejects when the storage is full or unavailable, and with
   * DocumentChangedElsewhere when another tab wrote the same document first.
   */
  save(text: string, meta?: { title: string }): Promise<void>;
  /** Points the slot at a new record (written on the first save). */
  begin(): string;
  /** Points the slot at a record read from the library. */
  attach(record: StoredDocument): void;
  /** Points the slot at nothing (the open document was deleted). */
  detach(): void;
  /** Resolves when every write started so far has ended (whatever its outcome). */
  settled(): Promise<void>;
  /** Adds a snapshot to the current record, after the writes before it. */
  snapshot(label: string, text: string): Promise<void>;
  /**
   * Keeps, synchronously, the newest text of each record whose write has not ended (pendingSaves.ts):
   * called when the page goes away, which background writes may not outlive.
   */
  keepUnsaved(): void;
}

export function libraryDocumentSlot(
  library: DocumentLibrary,
  initial: StoredDocument | null = null,
  pendingSaves: PendingSaves | null = null,
): DocumentSlot {
  let id: string | null = initial?.id ?? null;
  let text: string | null = initial?.text ?? null;
  /** The revision stored for `id` as last seen; null when the record does not exist yet. */
  let revision: number | null = initial?.revision ?? null;
  /** Own writes started and not yet ended: each adds one revision. */
  let pending = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const listeners = new Set<() => void>();
  /** By record, the newest text handed to `save` whose write has not ended. */
  const unwritten = new Map<string, { title: string; text: string }>();
  /** Records whose unwritten text `keepUnsaved` kept: dropped from there once written after all. */
  const kept = new Set<string>();

  library.watch?.((changed) => {
    if (changed !== id) return;
    const watched = id;
    void library
      .load(changed)
      .then((record) => {
        if (id !== watched) return;
        text = record?.text ?? null;
        revision = record?.revision ?? null;
        for (const listener of listeners) listener();
      })
      .catch(() => {});
  });

  return {
    get id() {
      return id;
    },
    load: () => text,
    save(next, meta) {
      if (id === null) id = newDocumentId();
      const target = id;
      // Own writes still queued each add one revision before this one runs.
      const expected = revision === null && pending === 0 ? null : (revision ?? 0) + pending;
      text = next;
      pending++;
      const title = meta?.title ?? '';
      unwritten.set(target, { title, text: next });
      const write = async (): Promise<void> => {
        let result = await library.save(target, { title, text: next }, expected);
        // Deleted in another tab while edited here: write it back rather than lose this work.
        if (isConflict(result) && result.current === null)
          result = await library.save(target, { title, text: next }, null);
        if (target !== id) return;
        if (isConflict(result)) {
          text = result.current?.text ?? null;
          revision = result.current?.revision ?? null;
          throw new DocumentChangedElsewhere();
        }
        revision = result.revision;
      };
      const run = queue
        .then(write)
        .then(
          () => {
            if (unwritten.get(target)?.text !== next) return;
            unwritten.delete(target);
            if (kept.delete(target)) pendingSaves?.drop(target);
          },
          (error: unknown) => {
            // Refused because another tab wrote first: the conflict banner asks this page's user.
            // A failed write (storage full) stays unwritten, for the next page to try again.
            if (error instanceof DocumentChangedElsewhere && unwritten.get(target)?.text === next)
              unwritten.delete(target);
            throw error;
          },
        )
        .finally(() => {
          if (target === id) pending--;
        });
      queue = run.catch(() => {});
      return run;
    },
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    begin() {
      id = newDocumentId();
      text = null;
      revision = null;
      pending = 0;
      return id;
    },
    attach(record) {
      id = record.id;
      text = record.text;
      revision = record.revision;
      pending = 0;
    },
    detach() {
      id = null;
      text = null;
      revision = null;
      pending = 0;
    },
    settled: () => queue.then(() => {}),
    keepUnsaved() {
      for (const [record, save] of unwritten) {
        pendingSaves?.keep({ id: record, ...save });
        kept.add(record);
      }
    },
    async snapshot(label, snapshotText) {
      await queue;
      if (id === null) throw new Error('the document has not been saved yet');
      await library.addSnapshot(id, { label, text: snapshotText });
    },
  };
}
