import { formatProblems, parseDocument } from '../../core';
import type { DocumentLibrary } from '../platform/documentLibrary';
import { decodeAutosave } from '../store/autosaveRecord';
import type { AppStore } from '../store/createAppStore';

/** What the library dialogs act on: the store and the library (null: the editor works in memory). */
export interface LibraryServices {
  store: AppStore;
  documents?: DocumentLibrary | null | undefined;
}

const tell = (store: AppStore, kind: 'error' | 'info', message: string) =>
  store.getState().update({ notice: { kind, message } });

const unavailable = (store: AppStore) =>
  tell(
    store,
    'error',
    'The document library is not available in this browser; your model is kept in this tab.',
  );

/** Shows a library document; the one shown before stays in its own record. */
export async function openLibraryDocument(
  { store, documents }: LibraryServices,
  id: string,
): Promise<boolean> {
  if (!documents) return (unavailable(store), false);
  let record;
  try {
    record = await documents.load(id);
  } catch (error) {
    tell(
      store,
      'error',
      `Could not open the document: ${(error as Error).message}. The current model is unchanged.`,
    );
    return false;
  }
  if (!record) {
    tell(store, 'error', 'That document is no longer in the library (deleted in another tab?).');
    return false;
  }
  if (record.id === store.getState().documentId) {
    store.getState().update({ view: 'editor', documentsOpen: false });
    return true;
  }
  const opened = store.getState().openStoredDocument(record);
  if (opened) store.getState().update({ documentsOpen: false, notice: null });
  return opened;
}

/** Deletes a document after the user confirmed; the notice that follows offers Undo. */
export async function deleteLibraryDocument(
  { store, documents }: LibraryServices,
  id: string,
): Promise<void> {
  if (!documents) return unavailable(store);
  if (id === store.getState().documentId) {
    // Its last edits go into the record first, so Undo brings back all of them.
    await store.getState().whenSaved();
  }
  const record = await documents.delete(id);
  if (id === store.getState().documentId) store.getState().forgetDocument();
  if (record) store.getState().update({ deletedDocument: { record } });
}

/** Puts the last deleted document back, exactly as it was (snapshots included). */
export async function undoDelete({ store, documents }: LibraryServices): Promise<void> {
  const deleted = store.getState().deletedDocument;
  if (!deleted || !documents) return;
  await documents.put(deleted.record);
  store.getState().update({ deletedDocument: null });
  tell(store, 'info', `Restored “${deleted.record.title}”.`);
}

/** "Take snapshot": a labelled copy of the open document in its record. */
export async function takeSnapshotNow({ store }: LibraryServices, label = 'Snapshot'): Promise<void> {
  const stamp = new Date().toLocaleString();
  const ok = await store.getState().takeSnapshot(`${label} (${stamp})`);
  if (ok) tell(store, 'info', `Snapshot taken of “${store.getState().document.meta.title}”.`);
  else
    tell(
      store,
      'error',
      'Could not take a snapshot: the document library is not available or the model is not saved yet.',
    );
}

/**
 * Brings a snapshot back as one ordinary, undoable change of the open document, after taking a
 * snapshot of what it replaces. A snapshot of another document opens that document first.
 */
export async function restoreSnapshot(
  services: LibraryServices,
  documentId: string,
  snapshotId: string,
): Promise<boolean> {
  const { store, documents } = services;
  if (!documents) return (unavailable(store), false);
  const record = await documents.load(documentId).catch(() => null);
  const snapshot = record?.snapshots.find((s) => s.id === snapshotId);
  if (!record || !snapshot) {
    tell(store, 'error', 'That snapshot is no longer in the library.');
    return false;
  }
  const decoded = decodeAutosave(snapshot.text);
  const parsed = decoded.ok
    ? parseDocument(decoded.document, { catalogue: store.getState().library.catalogue })
    : decoded;
  if (!decoded.ok || !parsed.ok) {
    const problems = !parsed.ok ? parsed.problems : [];
    tell(
      store,
      'error',
      `Could not restore the snapshot “${snapshot.label}”: it is damaged. The model is unchanged.\n${formatProblems(snapshot.label, problems, 10)}`,
    );
    return false;
  }
  if (store.getState().documentId !== documentId && !(await openLibraryDocument(services, documentId)))
    return false;
  await store.getState().takeSnapshot(`before restore of “${snapshot.label}”`);
  store.getState().change(() => parsed.value);
  store.getState().update({ view: 'editor', documentsOpen: false });
  tell(store, 'info', `Restored the snapshot “${snapshot.label}”. Undo brings back the version before it.`);
  return true;
}
