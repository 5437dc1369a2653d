import type { DocumentFragment, FindingStatus, Library, Severity, ThreatModelDocument } from '../../core';

export type SidePanel = 'threats' | 'dashboard';
export type LeftPanel = 'palette' | 'outline';
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Framework = 'atlas' | 'owaspLlm' | 'owaspMl' | 'saif';

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

export interface HistoryState {
  past: ThreatModelDocument[];
  future: ThreatModelDocument[];
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

export interface AppState {
  library: Library;
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
  clipboard: DocumentFragment | null;
  theme: ThemeChoice;
  /** Canvas focus requests (review mode, outline); the nonce re-triggers the same target. */
  focusRequest: { id: string; nonce: number } | null;
  snapToGrid: boolean;

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
  /** Writes a pending autosave now (on page hide and in tests). */
  flushAutosave: () => void;
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
  | 'clipboard'
  | 'theme'
  | 'snapToGrid'
>;
