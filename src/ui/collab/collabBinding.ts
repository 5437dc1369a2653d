import * as Y from 'yjs';
import { readDocumentFromY, writeDocumentToY, trackedTypesY, type Problem } from '../../core';
import type { AppStore } from '../store/createAppStore';

/**
 * Binds the store's document to a room's Yjs document, both ways:
 * - a local change (any store change of `document` that did not come from the room) is written
 *   into Y with this binding's origin, so the UndoManager tracks it as ours;
 * - any other Y transaction (a peer, the server, IndexedDB, our own undo) is read back through the
 *   validating gate (readDocumentFromY → parseDocument) and, when valid, replaces the document
 *   without an undo step; when not, the last valid document stays and `onRejected` is told.
 */
export interface CollabBinding {
  /** The origin of this participant's own transactions. */
  readonly origin: object;
  /** Undo and redo of this participant's changes only. */
  readonly undoManager: Y.UndoManager;
  /** Reads the room into the store now (after the first sync). */
  pull(): void;
  dispose(): void;
}

export interface BindOptions {
  /** A peer's change that did not pass the gate: the last valid document is kept. */
  onRejected?: (problems: readonly Problem[]) => void;
  /** Local changes within this window make one undo step (Yjs's captureTimeout). */
  captureTimeoutMs?: number;
}

export function bindStoreToY(store: AppStore, ydoc: Y.Doc, options: BindOptions = {}): CollabBinding {
  const origin = { collab: 'local' };
  let applyingRemote = false;
  const undoManager = new Y.UndoManager(trackedTypesY(ydoc), {
    trackedOrigins: new Set([origin]),
    captureTimeout: options.captureTimeoutMs ?? 500,
  });

  const pull = () => {
    const state = store.getState();
    const result = readDocumentFromY(ydoc, state.document, { catalogue: state.library.catalogue });
    if (!result.ok) {
      options.onRejected?.(result.problems);
      return;
    }
    if (result.document === state.document) return;
    applyingRemote = true;
    try {
      state.applyRemoteDocument(result.document);
    } finally {
      applyingRemote = false;
    }
  };

  const onUpdate = (_update: Uint8Array, from: unknown) => {
    if (from !== origin) pull();
  };
  ydoc.on('update', onUpdate);

  const unsubscribe = store.subscribe((state, previous) => {
    if (applyingRemote || state.document === previous.document) return;
    writeDocumentToY(ydoc, state.document, previous.document, origin);
  });

  return {
    origin,
    undoManager,
    pull,
    dispose: () => {
      unsubscribe();
      ydoc.off('update', onUpdate);
      undoManager.destroy();
    },
  };
}
