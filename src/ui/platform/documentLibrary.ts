/**
 * The document library: every model the user has in this browser, each in its own record, so
 * opening or importing one never overwrites another. This is the storage seam of the editor: the
 * browser implementation is indexedDbDocumentLibrary.ts, tests use the same one over
 * fake-indexeddb, and a shared (collaborative) document can later sit behind the same interface.
 *
 * The library stores text only. Everything read back is untrusted: the record's shape is checked
 * here (readStoredDocument), and the document text goes through parseDocument in the store.
 */

/** A named copy of a document at one moment ("before import of x.json", "Taken by hand"). */
export interface StoredSnapshot {
  id: string;
  label: string;
  /** When it was taken (ms since 1970). */
  takenAt: number;
  /** The document as serialiseDocument (or the autosave encoding) wrote it. */
  text: string;
}

export interface StoredDocument {
  id: string;
  title: string;
  /** Last change (ms since 1970). */
  updatedAt: number;
  /** Incremented by every write of `text`, whichever tab makes it: the two-tab check compares it. */
  revision: number;
  /** The document in the autosave encoding (autosaveRecord.ts), stamped with the writing tab. */
  text: string;
  /** Oldest first. */
  snapshots: StoredSnapshot[];
}

/** What the lists show: no document text, so listing many large models stays cheap to render. */
export interface DocumentSummary {
  id: string;
  title: string;
  updatedAt: number;
  snapshots: { id: string; label: string; takenAt: number }[];
}

/** A record that is not a document record (another build, a damaged database): reported, kept. */
export interface BrokenRecord {
  key: string;
  problem: string;
}

export interface LibraryListing {
  /** Newest change first. */
  documents: DocumentSummary[];
  broken: BrokenRecord[];
}

/** A write refused because the record changed since `expectedRevision` (another tab wrote). */
export interface WriteConflict {
  conflict: true;
  current: StoredDocument | null;
}

export interface DocumentLibrary {
  list(): Promise<LibraryListing>;
  /** The record, or null when there is none; throws when the stored value is not a record. */
  load(id: string): Promise<StoredDocument | null>;
  /**
   * Writes a document's text and title. With `expectedRevision`, refuses (and changes nothing)
   * when the stored record's revision differs; null expects no record yet. Throws when the
   * storage is full or unavailable.
   */
  save(
    id: string,
    change: { title: string; text: string },
    expectedRevision: number | null,
  ): Promise<StoredDocument | WriteConflict>;
  /** Adds a snapshot to an existing record (the oldest go past SNAPSHOT_LIMIT). */
  addSnapshot(id: string, snapshot: { label: string; text: string }): Promise<StoredSnapshot>;
  /** Removes the record and returns it, so the caller can offer Undo (`put` puts it back). */
  delete(id: string): Promise<StoredDocument | null>;
  /** Writes a whole record as it is (undo of a delete, migration). */
  put(record: StoredDocument): Promise<void>;
  /** Hears writes and deletes by other tabs of this origin; returns the unsubscribe. */
  watch?(listener: (id: string) => void): () => void;
}

/** Snapshots kept per document; older ones are dropped first. */
export const SNAPSHOT_LIMIT = 30;

const MAX_TEXT = 64 * 1024 * 1024;

const isString = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Checks a stored value's shape; returns a problem (with its path) instead of trusting it. */
export function readStoredDocument(
  value: unknown,
): { ok: true; record: StoredDocument } | { ok: false; problem: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, problem: '$: expected a document record' };
  const r = value as Record<string, unknown>;
  if (!isString(r['id'], 200)) return { ok: false, problem: '$.id: expected a string' };
  if (!isString(r['title'], 10_000)) return { ok: false, problem: '$.title: expected a string' };
  if (!isTime(r['updatedAt'])) return { ok: false, problem: '$.updatedAt: expected a time' };
  if (typeof r['revision'] !== 'number' || !Number.isSafeInteger(r['revision']) || r['revision'] < 0)
    return { ok: false, problem: '$.revision: expected a whole number' };
  if (!isString(r['text'])) return { ok: false, problem: '$.text: expected a string' };
  if (!Array.isArray(r['snapshots'])) return { ok: false, problem: '$.snapshots: expected a list' };
  const snapshots: StoredSnapshot[] = [];
  for (const [i, s] of (r['snapshots'] as unknown[]).entries()) {
    const snap = s as Record<string, unknown> | null;
    if (
      snap === null ||
      typeof snap !== 'object' ||
      !isString(snap['id'], 200) ||
      !isString(snap['label'], 10_000) ||
      !isTime(snap['takenAt']) ||
      !isString(snap['text'])
    )
      return { ok: false, problem: `$.snapshots[${i}]: expected id, label, takenAt and text` };
    snapshots.push({ id: snap['id'], label: snap['label'], takenAt: snap['takenAt'], text: snap['text'] });
  }
  return {
    ok: true,
    record: {
      id: r['id'],
      title: r['title'],
      updatedAt: r['updatedAt'],
      revision: r['revision'],
      text: r['text'],
      snapshots,
    },
  };
}

export function summaryOf(record: StoredDocument): DocumentSummary {
  return {
    id: record.id,
    title: record.title,
    updatedAt: record.updatedAt,
    snapshots: record.snapshots.map(({ id, label, takenAt }) => ({ id, label, takenAt })),
  };
}

export const isConflict = (result: StoredDocument | WriteConflict): result is WriteConflict =>
  'conflict' in result;

/** A random record id (not secret: it only keeps documents apart). */
export function newDocumentId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return `doc-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
