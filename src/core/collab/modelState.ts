import type * as Y from 'yjs';
import { modelMap, orderMap } from './yLayout';

/** True when nothing was ever written (a new room). */
export function isEmptyModelY(ydoc: Y.Doc): boolean {
  return modelMap(ydoc).size === 0;
}

/**
 * The Y types a UndoManager must track (so undo covers every change a user makes): the two root
 * maps; an UndoManager follows every type nested inside the types it tracks.
 */
export function trackedTypesY(ydoc: Y.Doc): Y.AbstractType<unknown>[] {
  return [modelMap(ydoc), orderMap(ydoc)] as Y.AbstractType<unknown>[];
}
