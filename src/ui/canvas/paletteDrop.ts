import { centredAt, COMPONENT_SIZE, DEFAULT_BOUNDARY_SIZE, type Position } from '../../core';
import type { AppStore } from '../store/createAppStore';
import { addBoundaryAt, addComponentOfType } from '../store/elementActions';
import { PALETTE_BOUNDARY } from './paletteDrag';

/**
 * Adds what was dragged from the palette, centred where the pointer let go (`at`, in document
 * coordinates): a component of that type, or a default-size trust boundary, which then holds what
 * it was dropped around.
 */
export function dropFromPalette(store: AppStore, dragged: string, at: Position): void {
  if (dragged === PALETTE_BOUNDARY) {
    addBoundaryAt(store, { ...centredAt(at, DEFAULT_BOUNDARY_SIZE), ...DEFAULT_BOUNDARY_SIZE });
    return;
  }
  addComponentOfType(store, dragged, centredAt(at, COMPONENT_SIZE));
}
