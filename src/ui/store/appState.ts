import type { Patch } from 'immer';
import type { StoredDocument } from '../platform/documentLibrary';
import type {
  DocumentFragment,
  FindingStatus,
  ImportPlacement,
  Library,
  Problem,
  Severity,
  ThreatModelDocument,
} from '../../core';

export type SidePanel = 'threats' | 'dashboard';
export type LeftPanel = 'palette' | 'outline';
export type ThemeChoice = 'system' | 'light' | 'dark';
/** Which panels are open and whether the minimap shows: remembered by the browser, not the document. */
export interface PanelPreference {
  leftPanelOpen: boolean;
  rightPanelOpen: boolean;
  minimapShown: boolean;
}
export type Framework = 'atlas' | 'owaspLlm' | 'owaspMl' | 'owaspAgentic' | 'saif';

export interface FindingFilters {
  severity: Severity | 'all';
  status: FindingStatus | 'all';
  guideline: string | 'all';
  framework: Framework | 'all';
}

export interface Notice {
  kind: 'error' | 'warning' | 'info';
  message: string;
}

export interface ReviewState {
  /** Finding keys snapshotted when review started, so triaging one does not reshuffle the list. */
  keys: string[];
  index: number;
}

/** A user rule pack in use: the parsed JSON (data only, never executed) and what it adds. */
export interface RulePack {
  fileName: string;
  /** The pack's own name, or its file name. */
  name: string;
  content: unknown;
  counts: { componentTypes: number; threats: number; mitigations: number; rules: number };
  /** What the library loader warned about in this pack (it is used all the same). */
  warnings?: Problem[];
}

/** A stored rule pack that no longer loads (an update of the shipped library, a clash): kept, not used. */
export interface RejectedPack {
  fileName: string;
  content: unknown;
  problems: Problem[];
  /** Set when the pack ran out of time or crashed at start-up: it is not checked again until re-added. */
  setAside?: string;
}

/** A Threat Composer file waiting for the user to choose: open it as a new model, or merge its threats. */
export interface PendingImport {
  fileName: string;
  document: ThreatModelDocument;
  notes: string[];
  /** Where the threats of our own export were (ImportResult.placements). */
  placements?: ImportPlacement[];
  /** The format recognised, e.g. "Threat Composer workspace (schema 1)", for the notes heading. */
  formatLabel?: string;
}

/** What an import could not carry over, shown until dismissed. */
export interface ImportNotes {
  heading: string;
  notes: string[];
}

/** Another tab saved a version this tab has not seen; autosave waits for the user's choice. */
export interface AutosaveConflict {
  savedAt: number | null;
}

/**
 * One undo step: Immer patches between two versions of the document (see documentPatches.ts),
 * never the versions themselves, so a step costs what changed, not the size of the model.
 */
export interface HistoryStep {
  /** Older → newer: what redo applies. */
  patches: Patch[];
  /** Newer → older: what undo applies. */
  inverse: Patch[];
}

export interface HistoryState {
  /** Oldest first; undo applies the last step's inverse to the current document. */
  past: HistoryStep[];
  /** Next first; redo applies the first step's patches. */
  future: HistoryStep[];
  /** Consecutive changes with the same key (typing in one field) coalesce into one undo step. */
  coalesceKey: string | null;
  coalesceAt: number;
}

/** Options a document change carries through the middleware. */
export interface ChangeMeta {
  coalesce?: string;
  /** `reset` starts a new history (open, new); `skip` is used by undo and redo themselves. */
  history?: 'reset' | 'skip';
}

/**
 * A live workshop (src/ui/collab) plugged into the store while a room is joined: undo and redo
 * go to its Yjs UndoManager (only this participant's own changes), and a read-only room refuses
 * every document change.
 */
export interface CollabHooks {
  room: string;
  readOnly: boolean;
  undo: () => void;
  redo: () => void;
  canUndo: () => boolean;
  canRedo: () => boolean;
  /** Put into the ids this participant creates, so concurrent additions never share an id (freshIds). */
  idTag?: string;
}

/** A document deleted from the library, kept here so the notice can offer Undo. */
export interface DeletedDocument {
  record: StoredDocument;
}

export interface AppState {
  /** The library in use: the base library plus the active rule packs. */
  library: Library;
  /** What rule packs extend (the shipped library in the app). */
  baseLibrary: Library;
  rulePacks: RulePack[];
  rejectedPacks: RejectedPack[];
  document: ThreatModelDocument;
  /** File name used by Save; derived from the title when the model did not come from a file. */
  fileName: string | null;
  history: HistoryState;
  view: 'start' | 'editor';
  selection: string[];
  leftPanel: LeftPanel;
  sidePanel: SidePanel;
  filters: FindingFilters;
  expandedFinding: string | null;
  review: ReviewState | null;
  notice: Notice | null;
  storageWarning: string | null;
  helpOpen: boolean;
  libraryOpen: boolean;
  pendingImport: PendingImport | null;
  importNotes: ImportNotes | null;
  autosaveConflict: AutosaveConflict | null;
  clipboard: DocumentFragment | null;
  theme: ThemeChoice;
  /** Canvas focus requests (review mode, outline); the nonce re-triggers the same target. */
  focusRequest: { id: string; nonce: number } | null;
  snapToGrid: boolean;
  /** "Draw boundary" mode: a pointer drag on the canvas draws a trust boundary (Escape cancels). */
  drawingBoundary: boolean;
  /** Panel layout, a preference of this browser (see platform/panelPreference.ts). */
  leftPanelOpen: boolean;
  rightPanelOpen: boolean;
  minimapShown: boolean;

  /** Applies a pure document command; the single path for every document change. */
  change: (command: (doc: ThreatModelDocument) => ThreatModelDocument, meta?: ChangeMeta) => void;
  /** Replaces the whole document (new, open, template) and starts a fresh history. */
  replaceDocument: (doc: ThreatModelDocument, fileName?: string | null) => void;
  undo: () => void;
  redo: () => void;
  select: (ids: readonly string[]) => void;
  update: (patch: Partial<UiFields>) => void;
  setFilters: (patch: Partial<FindingFilters>) => void;
  focus: (id: string) => void;
  /** Swaps the library (rule packs added or removed); findings follow at once. */
  setLibrary: (library: Library, packs: RulePack[], rejected: RejectedPack[]) => void;
  /** Writes a pending autosave now (on page hide and in tests). */
  flushAutosave: () => void;
  /**
   * The page is going away: writes a pending autosave and keeps, synchronously, what the
   * background write may not finish (libraryDocumentStorage.ts `keepUnsaved`).
   */
  keepUnsavedChanges: () => void;
  /** Ends an autosave conflict: load the other tab's version, or overwrite it with this one. */
  resolveAutosaveConflict: (choice: 'theirs' | 'mine') => void;
  /**
   * Called when part of the UI crashes (see errors/CrashBoundary.tsx): from then on autosave
   * writes only documents that pass parseDocument, so a broken state cannot replace a good save.
   */
  protectAutosave: () => void;
  /** The library record the open document is saved to; null before its first save or without a library. */
  documentId: string | null;
  /** The Documents dialog (the library: open, delete, snapshots). */
  documentsOpen: boolean;
  /** The last document deleted from the library, until Undo or dismissal. */
  deletedDocument: DeletedDocument | null;
  /** Opens a library record (through parseDocument); false, with a notice, when it is damaged. */
  openStoredDocument: (record: StoredDocument) => boolean;
  /** The open document's record was deleted: show the start screen and write nothing more. */
  forgetDocument: () => void;
  /** Writes a pending autosave and resolves once every write has ended. */
  whenSaved: () => Promise<void>;
  /** Keeps a copy of the open document in its record; false when it could not (no library, nothing saved). */
  takeSnapshot: (label: string) => Promise<boolean>;
  /** The joined workshop room, or null (see CollabHooks). */
  collab: CollabHooks | null;
  /** The Share dialog (start a live workshop). */
  shareOpen: boolean;
  /** A peer's change, already validated: replaces the document without an undo step of ours. */
  applyRemoteDocument: (doc: ThreatModelDocument) => void;
  /**
   * The document a page load opens, while its first analysis waits for the canvas to be drawn
   * (deferredAnalysis.ts); else null. Meanwhile it shows no findings, never another document's;
   * an edit makes another document, analysed at once as always.
   */
  analysisDeferredFor: ThreatModelDocument | null;
}

/** Plain UI fields that panels may set directly. */
export type UiFields = Pick<
  AppState,
  | 'view'
  | 'leftPanel'
  | 'sidePanel'
  | 'expandedFinding'
  | 'review'
  | 'notice'
  | 'storageWarning'
  | 'helpOpen'
  | 'libraryOpen'
  | 'pendingImport'
  | 'importNotes'
  | 'autosaveConflict'
  | 'clipboard'
  | 'theme'
  | 'snapToGrid'
  | 'drawingBoundary'
  | 'leftPanelOpen'
  | 'rightPanelOpen'
  | 'minimapShown'
  | 'documentsOpen'
  | 'deletedDocument'
  | 'collab'
  | 'shareOpen'
  | 'analysisDeferredFor'
>;
