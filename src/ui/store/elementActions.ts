import {
  addComponent,
  addDataFlow,
  addBoundaryByGeometry,
  boundaryOfComponentAt,
  copyElements,
  DEFAULT_BOUNDARY_SIZE,
  duplicateElements,
  freeBoundarySpot,
  fragmentSize,
  memberSpot,
  moveElements,
  pasteElements,
  placeComponent,
  positionOf,
  removeElementsByGeometry,
  updateComponent,
  type DocumentFragment,
  type Position,
  type Rect,
  type ThreatModelDocument,
} from '../../core';
import type { AppStore } from './createAppStore';
import { freshId, freshIds } from './freshIds';

/**
 * User intents that change the document's elements, each turned into core commands with fresh
 * ids and applied as one undoable change. Shared by the palette, the canvas and the command registry.
 */

function uniqueLabel(doc: ThreatModelDocument, base: string): string {
  const labels = new Set(doc.components.map((c) => c.label));
  if (!labels.has(base)) return base;
  let n = 2;
  while (labels.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/** Adds a component of a catalogue type with its top-left at `position`, inside whatever boundary is there. */
export function addComponentOfType(store: AppStore, typeId: string, position: Position): string | null {
  const { document: doc, library } = store.getState();
  const type = library.catalogue.types.get(typeId);
  if (!type) return null;
  const id = freshId(doc, 'c', idTagOf(store));
  const { position: at, boundaryId } = placeComponent(doc, position);
  store.getState().change((d) =>
    addComponent(d, {
      id,
      type: typeId,
      label: uniqueLabel(d, type.label),
      position: at,
      ...(boundaryId ? { boundaryId } : {}),
    }),
  );
  store.getState().select([id]);
  return id;
}

/**
 * Adds a trust boundary of exactly `rect` (drawn on the canvas, or dropped from the palette):
 * it nests in the innermost boundary wholly containing it and takes in exactly what it is drawn
 * around, by the one membership rule — the model says what the canvas shows. One undo step.
 */
export function addBoundaryAt(store: AppStore, rect: Rect): string {
  const doc = store.getState().document;
  const id = freshId(doc, 'tb', idTagOf(store));
  store.getState().change((d) =>
    addBoundaryByGeometry(d, {
      id,
      label: `Trust boundary ${d.trustBoundaries.length + 1}`,
      zone: 'internal',
      position: { x: Math.round(rect.x), y: Math.round(rect.y) },
      size: { width: Math.round(rect.width), height: Math.round(rect.height) },
    }),
  );
  store.getState().select([id]);
  return id;
}

/**
 * Adds a default-size boundary in free space near `near` (its wished-for top-left corner): the
 * palette click and the keyboard, which say nothing about where. It covers nothing, so it captures
 * nothing and changes no finding until the user puts something in it.
 */
export function addBoundaryInFreeSpace(store: AppStore, near: Position): string {
  const at = freeBoundarySpot(store.getState().document, near, DEFAULT_BOUNDARY_SIZE);
  return addBoundaryAt(store, { ...at, ...DEFAULT_BOUNDARY_SIZE });
}

/** Connects two components with a directed data flow (self-loops are refused). */
export function connectComponents(store: AppStore, sourceId: string, targetId: string): string | null {
  if (sourceId === targetId) return null;
  const doc = store.getState().document;
  const ids = new Set(doc.components.map((c) => c.id));
  if (!ids.has(sourceId) || !ids.has(targetId)) return null;
  const id = freshId(doc, 'f', idTagOf(store));
  store.getState().change((d) => addDataFlow(d, { id, sourceId, targetId, label: '' }));
  store.getState().select([id]);
  return id;
}

export function deleteSelection(store: AppStore): void {
  const { selection } = store.getState();
  if (selection.length === 0) return;
  store.getState().change((d) => removeElementsByGeometry(d, selection));
  store.getState().select([]);
}

export function selectAll(store: AppStore): void {
  const doc = store.getState().document;
  store
    .getState()
    .select([
      ...doc.trustBoundaries.map((b) => b.id),
      ...doc.components.map((c) => c.id),
      ...doc.dataFlows.map((f) => f.id),
    ]);
}

/** This participant's id tag in a live workshop (see freshIds), or null when editing alone. */
export const idTagOf = (store: AppStore): string | null => store.getState().collab?.idTag ?? null;

function idsFor(store: AppStore, doc: ThreatModelDocument, fragment: DocumentFragment): string[] {
  return freshIds(
    doc,
    [
      ...fragment.trustBoundaries.map(() => 'tb'),
      ...fragment.components.map(() => 'c'),
      ...fragment.dataFlows.map(() => 'f'),
    ],
    idTagOf(store),
  );
}

export function copySelection(store: AppStore): void {
  const { document: doc, selection } = store.getState();
  if (selection.length === 0) return;
  store.getState().update({ clipboard: copyElements(doc, selection) });
}

/** Pastes the clipboard, offset so the copy does not sit exactly on the original. */
export function pasteClipboard(store: AppStore, offset: Position = { x: 32, y: 32 }): void {
  const { clipboard, document: doc } = store.getState();
  if (!clipboard || fragmentSize(clipboard) === 0) return;
  const { document, ids } = pasteElements(doc, clipboard, idsFor(store, doc, clipboard), offset);
  store.getState().change(() => document);
  store.getState().select(ids);
  // The next paste lands a step further away.
  store.getState().update({ clipboard: shifted(clipboard, offset) });
}

function shifted(fragment: DocumentFragment, by: Position): DocumentFragment {
  const move = <T extends { position?: Position }>(item: T): T =>
    item.position ? { ...item, position: { x: item.position.x + by.x, y: item.position.y + by.y } } : item;
  return {
    trustBoundaries: fragment.trustBoundaries.map(move),
    components: fragment.components.map(move),
    dataFlows: fragment.dataFlows,
  };
}

export function duplicateSelection(store: AppStore): void {
  const { document: doc, selection } = store.getState();
  if (selection.length === 0) return;
  const fragment = copyElements(doc, selection);
  const { document, ids } = duplicateElements(doc, selection, idsFor(store, doc, fragment));
  store.getState().change(() => document);
  store.getState().select(ids);
}

/**
 * Puts a component in a boundary from the inspector or outline (no dragging). If it sits outside
 * the boundary's rectangle it is moved inside, so the canvas shows what the model says.
 */
export function assignBoundary(store: AppStore, componentId: string, boundaryId: string | null): void {
  store.getState().change((doc) => {
    const next = updateComponent(doc, componentId, { boundaryId });
    const boundary = boundaryId ? next.trustBoundaries.find((b) => b.id === boundaryId) : undefined;
    const component = next.components.find((c) => c.id === componentId);
    if (!boundary || !component) return next;
    if (boundaryOfComponentAt(next, positionOf(component)) === boundaryId) return next;
    const members = next.components.filter((c) => c.boundaryId === boundaryId).length;
    return moveElements(next, [{ id: componentId, position: memberSpot(boundary, members) }]);
  });
}
