import { parseDocument, type ThreatModelDocument } from '../../core';
import type { AppState } from '../store/appState';
import { pastDocuments } from '../store/middleware';

export interface RescuedDocument {
  document: ThreatModelDocument;
  /** False when the current document failed the checks and an earlier version (undo history) is offered. */
  current: boolean;
}

const isValid = (state: AppState, doc: unknown) =>
  parseDocument(doc, { catalogue: state.library.catalogue }).ok;

/**
 * What the crash fallback offers to download: the current document if it passes parseDocument
 * (the gate every document passes on the way in), else the newest version in the undo history
 * that does. A state that broke the UI must not be the only copy the user gets.
 */
export function lastValidDocument(state: AppState): RescuedDocument | null {
  if (isValid(state, state.document)) return { document: state.document, current: true };
  for (const doc of pastDocuments(state.history, state.document))
    if (isValid(state, doc)) return { document: doc, current: false };
  return null;
}
