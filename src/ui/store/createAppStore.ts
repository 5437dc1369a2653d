import { castDraft, type Draft } from 'immer';
import { createStore } from 'zustand/vanilla';
import { createEmptyDocument, shippedLibrary, type Library, type ThreatModelDocument } from '../../core';
import type { AppState, PanelPreference, RejectedPack, RulePack, ThemeChoice } from './appState';
import { componentsById, boundariesById, flowsById } from './elementLookup';
import { freezeDocument } from './freezeDocument';
import {
  emptyHistory,
  redoStep,
  undoStep,
  withHistory,
  withImmer,
  type Api,
  type DraftSet,
  type Get,
  type HistoryMove,
} from './middleware';
import type { DocumentSlot } from '../platform/libraryDocumentStorage';
import { withPersistence, type DocumentStorage } from './persistence';

export interface CreateAppStoreOptions {
  /** The library in use; defaults to the base library. */
  library?: Library;
  /** What rule packs extend; defaults to `library`, else the shipped library. */
  baseLibrary?: Library;
  rulePacks?: RulePack[];
  rejectedPacks?: RejectedPack[];
  /** A document to start with; without one, autosave is restored or the start screen shows. */
  document?: ThreatModelDocument;
  /** Where autosave writes: the open document's library record in the app (see persistence.ts). */
  storage?: DocumentStorage | DocumentSlot | null;
  autosaveDelayMs?: number;
  theme?: ThemeChoice;
  /** Panel layout remembered by this browser; defaults to both panels open and the minimap shown. */
  panels?: PanelPreference;
  now?: () => number;
  /** Stamps this tab's autosaves (see persistence.ts). */
  tabId?: string;
}

export type AppStore = Api;

/** Ids in the selection that still exist after a change (undo may remove them). */
function liveSelection(doc: ThreatModelDocument, selection: readonly string[]): string[] | null {
  const live = selection.filter(
    (id) => componentsById(doc).has(id) || flowsById(doc).has(id) || boundariesById(doc).has(id),
  );
  return live.length === selection.length ? null : live;
}

/** In a read-only workshop room every document change is refused, with a notice saying why. */
function refusedInReadOnlyRoom(get: Get, set: DraftSet): boolean {
  if (!get().collab?.readOnly) return false;
  set((d) => {
    d.notice = { kind: 'info', message: 'This room is read-only: your link lets you watch, not edit.' };
  });
  return true;
}

/** Undo or redo: the document and history they lead to; selected ids that no longer exist are dropped. */
function moveInHistory(d: Draft<AppState>, move: HistoryMove): void {
  d.document = castDraft(move.document);
  d.history = castDraft(move.history);
  const live = liveSelection(move.document, d.selection);
  if (live) d.selection = live;
}

function slices(options: CreateAppStoreOptions, library: Library, baseLibrary: Library) {
  return (set: DraftSet, get: Get): AppState => ({
    library,
    baseLibrary,
    rulePacks: options.rulePacks ?? [],
    rejectedPacks: options.rejectedPacks ?? [],
    document: options.document ?? createEmptyDocument(),
    fileName: null,
    history: emptyHistory(),
    view: options.document ? 'editor' : 'start',
    selection: [],
    leftPanel: 'palette',
    sidePanel: 'threats',
    filters: { severity: 'all', status: 'all', guideline: 'all', framework: 'all' },
    expandedFinding: null,
    review: null,
    notice: null,
    storageWarning: null,
    helpOpen: false,
    libraryOpen: false,
    pendingImport: null,
    importNotes: null,
    autosaveConflict: null,
    clipboard: null,
    theme: options.theme ?? 'system',
    focusRequest: null,
    snapToGrid: true,
    drawingBoundary: false,
    leftPanelOpen: options.panels?.leftPanelOpen ?? true,
    rightPanelOpen: options.panels?.rightPanelOpen ?? true,
    minimapShown: options.panels?.minimapShown ?? true,

    change: (command, meta) => {
      if (refusedInReadOnlyRoom(get, set)) return;
      const doc = get().document;
      const next = command(doc);
      if (next === doc) return;
      set((d) => {
        // Frozen before it is assigned (only what is new needs it): immer skips a frozen tree, where
        // it would otherwise walk every element of a big model on every edit looking for drafts.
        d.document = castDraft(freezeDocument(next));
        const live = liveSelection(next, d.selection);
        if (live) d.selection = live;
      }, meta);
    },
    replaceDocument: (doc, fileName = null) =>
      set(
        (d) => {
          d.document = castDraft(freezeDocument(doc));
          d.fileName = fileName;
          d.view = 'editor';
          d.selection = [];
          d.review = null;
          d.expandedFinding = null;
          d.focusRequest = { id: '*', nonce: (d.focusRequest?.nonce ?? 0) + 1 };
        },
        { history: 'reset' },
      ),
    undo: () => {
      const collab = get().collab;
      if (collab) return collab.undo();
      const move = undoStep(get().history, get().document);
      if (move) set((d) => moveInHistory(d, move), { history: 'skip' });
    },
    redo: () => {
      const collab = get().collab;
      if (collab) return collab.redo();
      const move = redoStep(get().history, get().document);
      if (move) set((d) => moveInHistory(d, move), { history: 'skip' });
    },
    select: (ids) => {
      const current = get().selection;
      if (current.length === ids.length && current.every((id, i) => id === ids[i])) return;
      set((d) => {
        d.selection = [...ids];
      });
    },
    update: (patch) => set((d) => void Object.assign(d, patch)),
    setFilters: (patch) => set((d) => void Object.assign(d.filters, patch)),
    focus: (id) =>
      set((d) => {
        d.focusRequest = { id, nonce: (d.focusRequest?.nonce ?? 0) + 1 };
      }),
    setLibrary: (next, packs, rejected) =>
      set((d) => {
        // Frozen first, so immer does not walk into the library's indexes (see createAppStore).
        d.library = castDraft(Object.freeze(next));
        d.rulePacks = castDraft(packs);
        d.rejectedPacks = castDraft(rejected);
      }),
    flushAutosave: () => {},
    keepUnsavedChanges: () => {},
    resolveAutosaveConflict: () => {},
    protectAutosave: () => {},
    documentId: null,
    documentsOpen: false,
    deletedDocument: null,
    openStoredDocument: () => false,
    forgetDocument: () => {},
    whenSaved: () => Promise.resolve(),
    takeSnapshot: () => Promise.resolve(false),
    collab: null,
    shareOpen: false,
    applyRemoteDocument: (doc) =>
      set(
        (d) => {
          d.document = castDraft(doc);
          const live = liveSelection(doc, d.selection);
          if (live) d.selection = live;
        },
        { history: 'skip' },
      ),
    analysisDeferredFor: null,
  });
}

/**
 * Builds one application store. Each test builds its own; the app builds one in main.tsx.
 * Middleware is applied once here, on the combined store: immer → history → persistence.
 */
export function createAppStore(options: CreateAppStoreOptions = {}): AppStore {
  // Frozen at the top so immer never walks into the library's indexes when freezing new state.
  const library = Object.freeze(options.library ?? options.baseLibrary ?? shippedLibrary());
  const baseLibrary = Object.freeze(options.baseLibrary ?? library);
  const root = withHistory(withImmer(slices(options, library, baseLibrary)), options.now);
  return createStore<AppState>()(
    withPersistence(options.storage ?? null, root, {
      restore: options.document === undefined,
      delayMs: options.autosaveDelayMs ?? 400,
      ...(options.tabId ? { tabId: options.tabId } : {}),
      ...(options.now ? { now: options.now } : {}),
    }),
  );
}
