import {
  createEmptyDocument,
  formatProblems,
  parseDocument,
  serialiseDocument,
  type ThreatModelDocument,
} from '../../core';
import type { StoredDocument } from '../platform/documentLibrary';
import { DocumentChangedElsewhere, type DocumentSlot } from '../platform/libraryDocumentStorage';
import type { AppState } from './appState';
import { decodeAutosave, encodeAutosave, newTabId, type AutosaveStamp } from './autosaveRecord';
import type { RootCreator } from './middleware';

/**
 * Where autosave keeps the document. In the app this is the open document's record in the
 * document library (platform/libraryDocumentStorage.ts); a plain slot (localStorage, tests) works too.
 */
export interface DocumentStorage {
  load(): string | null;
  /** Throws when the storage is full or unavailable (a library slot's save rejects instead). */
  save(text: string, meta?: { title: string }): void;
  /** Calls `listener` when another tab changes the stored text; returns the unsubscribe. */
  watch?(listener: () => void): () => void;
}

export const STORAGE_FULL_WARNING =
  'Autosave failed: the browser storage is full or unavailable. Your changes are kept in this tab — use Save to download a copy.';

/** Elements whose autosave text is written per task before a save (about 10 ms of work). */
const PREPARE_BATCH = 3000;

/**
 * The text writer that keeps unchanged parts between saves (documentText.ts): loaded with the
 * first change, not at start (the start screen's JavaScript budget); until then, and should it
 * fail to load, serialiseDocument writes the same bytes.
 */
type DocumentText = typeof import('./documentText');
let documentText: DocumentText | null = null;
let documentTextLoading = false;
function loadDocumentText(): void {
  if (documentText || documentTextLoading) return;
  documentTextLoading = true;
  import('./documentText').then(
    (module) => {
      documentText = module;
    },
    () => {},
  );
}
const serialiseForSave = (doc: ThreatModelDocument) =>
  (documentText?.serialiseDocumentCached ?? serialiseDocument)(doc);

const isSlot = (storage: DocumentStorage | DocumentSlot): storage is DocumentSlot => 'begin' in storage;

export interface PersistenceOptions {
  restore: boolean;
  delayMs: number;
  /** Tells this tab's writes from other tabs'; random when not given. */
  tabId?: string;
  now?: () => number;
}

/**
 * Persists the document only (never UI state), debounced, and restores it through parseDocument
 * like any other untrusted input: an autosave from an older or broken build is reported, not trusted.
 *
 * Several tabs share the one storage slot. Each write is stamped (tab, revision); before writing,
 * a tab checks that the slot still holds what it last read or wrote. If another tab wrote since
 * (seen at write time, or at once through the storage event), this tab stops autosaving and asks
 * the user: reload the newer version, or keep this tab's and overwrite. Nothing is overwritten
 * silently.
 *
 * With a library slot, each document has its own record: replacing the document (open, import,
 * template, blank) starts a new record and never writes over the one before.
 */
export function withPersistence(
  storage: DocumentStorage | DocumentSlot | null,
  creator: RootCreator,
  options: PersistenceOptions,
): RootCreator {
  return (set, get, api) => {
    let state = creator(set, get, api);
    if (!storage) return state;
    const slot = isSlot(storage) ? storage : null;
    const tabId = options.tabId ?? newTabId();
    const now = options.now ?? Date.now;

    /** The stamp of the record this tab's document descends from, and that record's text. */
    let base: AutosaveStamp | null = null;
    let baseText: string | null = null;
    const load = (): string | null => {
      try {
        return storage.load();
      } catch {
        return null;
      }
    };
    if (options.restore) {
      const text = load();
      if (text !== null && text !== '') {
        const restored = restore(text, state);
        state = restored.state;
        if (restored.stamp) {
          base = restored.stamp;
          baseText = text;
        }
      }
    } else {
      // Opening with a document (tests, embedding) still must not clobber another tab's work.
      baseText = load();
      const decoded = baseText ? decodeAutosave(baseText) : null;
      base = decoded?.ok ? decoded.stamp : null;
    }

    let saved: ThreatModelDocument = state.document;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** Set once part of the UI has crashed: from then on only documents that pass the checks are written. */
    let guarded = false;
    /** The last document refused for failing them, so it is checked once, not on every state change. */
    let refused: ThreatModelDocument | null = null;

    /** True (and the conflict shown) when the slot holds a record this tab has not seen. */
    const detectConflict = (): boolean => {
      const current = load();
      if (current === null || current === baseText) return false;
      const decoded = decodeAutosave(current);
      if (
        decoded.ok &&
        base &&
        decoded.stamp.owner === base.owner &&
        decoded.stamp.revision === base.revision
      )
        return false;
      if (decoded.ok && decoded.stamp.owner === tabId) return false;
      const savedAt = decoded.ok && decoded.stamp.savedAt > 0 ? decoded.stamp.savedAt : null;
      if (get().autosaveConflict?.savedAt !== savedAt) set({ autosaveConflict: { savedAt } });
      return true;
    };

    const failed = (error: unknown) => {
      if (error instanceof DocumentChangedElsewhere) {
        detectConflict();
        return;
      }
      // Keep working: the document stays in memory and Save still downloads it.
      if (get().storageWarning !== STORAGE_FULL_WARNING) set({ storageWarning: STORAGE_FULL_WARNING });
    };
    const succeeded = () => {
      if (get().storageWarning !== null) set({ storageWarning: null });
    };

    const writeNow = (doc: ThreatModelDocument, revision: number) => {
      if (doc === refused) return;
      if (guarded && !parseDocument(doc, { catalogue: get().library.catalogue }).ok) {
        // A state that may have broken the UI never replaces the last good autosave.
        refused = doc;
        return;
      }
      const stamp = { owner: tabId, revision, savedAt: now() };
      const text = encodeAutosave(doc, stamp, serialiseForSave);
      saved = doc;
      try {
        const meta = { title: doc.meta.title };
        const written = slot ? slot.save(text, meta) : (storage as DocumentStorage).save(text, meta);
        base = stamp;
        baseText = text;
        if (slot && get().documentId !== slot.id) set({ documentId: slot.id });
        if (written) written.then(succeeded, failed);
        else succeeded();
      } catch (error) {
        failed(error);
      }
    };

    const write = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const doc = get().document;
      if (doc === saved || doc === refused || get().autosaveConflict !== null) return;
      if (detectConflict()) return;
      writeNow(doc, (base?.revision ?? 0) + 1);
    };

    /** Overwrites the other tab's version with this tab's. */
    const keepMine = () => {
      const decoded = decodeAutosave(load() ?? '');
      set({ autosaveConflict: null });
      writeNow(get().document, Math.max(base?.revision ?? 0, decoded.ok ? decoded.stamp.revision : 0) + 1);
    };

    /** Loads the other tab's version, through parseDocument like any stored text. */
    const takeTheirs = () => {
      const text = load();
      const decoded = text ? decodeAutosave(text) : null;
      const parsed = decoded?.ok
        ? parseDocument(decoded.document, { catalogue: get().library.catalogue })
        : decoded;
      if (!text || !decoded?.ok || !parsed?.ok) {
        const problems = parsed && !parsed.ok ? parsed.problems : [];
        set({
          notice: {
            kind: 'error',
            message: `The newer version could not be read; this tab's version is unchanged.\n${formatProblems('autosave', problems, 10)}`,
          },
        });
        return;
      }
      base = decoded.stamp;
      baseText = text;
      saved = parsed.value;
      set({ autosaveConflict: null });
      // An ordinary change, so Undo brings this tab's version back if the user regrets it.
      get().change(() => parsed.value);
      if (get().view !== 'editor') set({ view: 'editor' });
    };

    const resolve = (choice: 'theirs' | 'mine') => {
      if (get().autosaveConflict === null) return;
      if (choice === 'mine') keepMine();
      else takeTheirs();
    };

    /** Starts a new record for a document that replaces the shown one (open, import, template, blank). */
    const replaceDocument: AppState['replaceDocument'] = (doc, fileName) => {
      if (slot) {
        write();
        slot.begin();
        base = null;
        baseText = null;
        refused = null;
        set({ autosaveConflict: null, documentId: null });
      }
      state.replaceDocument(doc, fileName);
    };

    /** Shows a record of the library, read like any untrusted text; false (and a notice) when it is broken. */
    const openStoredDocument = (record: StoredDocument): boolean => {
      if (!slot) return false;
      const decoded = decodeAutosave(record.text);
      const parsed = decoded.ok
        ? parseDocument(decoded.document, { catalogue: get().library.catalogue })
        : decoded;
      if (!decoded.ok || !parsed.ok) {
        const problems = !parsed.ok ? parsed.problems : [];
        set({
          notice: {
            kind: 'error',
            message: `Could not open “${record.title}”: it is damaged. The current model is unchanged.\n${formatProblems(record.title || record.id, problems, 10)}`,
          },
        });
        return false;
      }
      write();
      slot.attach(record);
      base = decoded.stamp;
      baseText = record.text;
      saved = parsed.value;
      refused = null;
      set({ autosaveConflict: null, documentId: record.id });
      state.replaceDocument(parsed.value, null);
      return true;
    };

    /** The open document's record was deleted: show the start screen, write nothing more. */
    const forgetDocument = () => {
      if (!slot) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      slot.detach();
      state.replaceDocument(createEmptyDocument(), null);
      saved = get().document;
      base = null;
      baseText = null;
      set({ autosaveConflict: null, documentId: null, view: 'start' });
    };

    const whenSaved = async () => {
      write();
      await slot?.settled();
    };

    /** Keeps a copy of the open document in its record; false when there is no record to keep it in. */
    const takeSnapshot = async (label: string): Promise<boolean> => {
      if (!slot) return false;
      await whenSaved();
      if (slot.id === null) return false;
      try {
        await slot.snapshot(label, serialiseForSave(get().document));
        return true;
      } catch {
        return false;
      }
    };

    storage.watch?.(() => {
      if (get().autosaveConflict === null) detectConflict();
    });
    /**
     * The debounced save: first the text of what is not kept from earlier saves is written in
     * short tasks (all of a document just opened), then the save itself only joins it.
     */
    const writeSoon = () => {
      const doc = get().document;
      if (doc !== saved && documentText && !documentText.prepareDocumentText(doc, PREPARE_BATCH)) {
        timer = setTimeout(writeSoon, 0);
        return;
      }
      write();
    };
    api.subscribe((s) => {
      if (s.document !== saved && timer === undefined) {
        loadDocumentText();
        timer = setTimeout(writeSoon, options.delayMs);
      }
    });
    const protect = () => {
      guarded = true;
    };
    const keepUnsavedChanges = () => {
      write();
      slot?.keepUnsaved();
    };
    return {
      ...state,
      documentId: slot?.id ?? null,
      flushAutosave: write,
      keepUnsavedChanges,
      resolveAutosaveConflict: resolve,
      protectAutosave: protect,
      replaceDocument,
      openStoredDocument,
      forgetDocument,
      whenSaved,
      takeSnapshot,
    };
  };
}

function restore(text: string, state: AppState): { state: AppState; stamp: AutosaveStamp | null } {
  const decoded = decodeAutosave(text);
  const result = decoded.ok
    ? parseDocument(decoded.document, { catalogue: state.library.catalogue })
    : decoded;
  if (!decoded.ok || !result.ok) {
    const problems = !result.ok ? result.problems : [];
    // No stamp: this tab has not loaded that record, so autosave asks before overwriting it.
    return {
      stamp: null,
      state: {
        ...state,
        notice: {
          kind: 'warning',
          message: `The autosaved model could not be restored:\n${formatProblems('autosave', problems, 10)}`,
        },
      },
    };
  }
  return { stamp: decoded.stamp, state: { ...state, document: result.value, view: 'editor' } };
}
