import { newDocumentId, isConflict, type DocumentLibrary } from '../platform/documentLibrary';
import type { PendingSave, PendingSaves } from '../platform/pendingSaves';

/** Appended to the title of a kept text that could not go into its own record (another tab wrote it since). */
export const RECOVERED_SUFFIX = ' (unsaved changes)';

/**
 * Writes into the library the autosaves an earlier page kept when it went away before their
 * writes ended (platform/pendingSaves.ts), before this page chooses what to show:
 * - a record that does not exist yet (a document never written) is created with the text;
 * - a record that holds an older revision of the text takes it;
 * - a record another tab wrote at or after that revision is left as it is, and the text becomes
 *   a document of its own, so that nothing is lost and nothing is overwritten.
 * An entry is dropped once the library holds its text; one that cannot be written stays for the
 * next page.
 */
export async function recoverPendingSaves(library: DocumentLibrary, pending: PendingSaves): Promise<void> {
  for (const id of pending.ids()) {
    const save = readPendingSave(id, pending.stored(id));
    try {
      if (save) await recover(library, save);
      pending.drop(id);
    } catch {
      // The library refused the write (full, unavailable): the entry waits for the next page.
    }
  }
}

/** The entry's title and text, when it is what `keep` wrote; null for anything else (dropped). */
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

async function recover(library: DocumentLibrary, save: PendingSave): Promise<void> {
  const record = await library.load(save.id);
  if (record?.text === save.text) return;
  const change = { title: save.title, text: save.text };
  if (record === null || stampRevision(record.text) < stampRevision(save.text)) {
    const result = await library.save(save.id, change, record?.revision ?? null);
    if (!isConflict(result)) return;
  }
  const copy = await library.save(newDocumentId(), { ...change, title: save.title + RECOVERED_SUFFIX }, null);
  if (isConflict(copy)) throw new Error('a new record already exists');
}

/**
 * The revision stamped at the start of an autosave text (autosaveRecord.ts writes it there), read
 * without parsing the document; 0 for a text without a stamp.
 */
export function stampRevision(text: string): number {
  const match = /^\{"format":"aitm-autosave","owner":"(?:[^"\\]|\\.)*","revision":(\d{1,15}),/.exec(
    text.slice(0, 400),
  );
  return match ? Number(match[1]) : 0;
}
