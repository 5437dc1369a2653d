/** Limits on the work a Threat Dragon import does, since files come from anywhere (values: src/core/limits.ts). */
import { LIMITS } from '../../../limits';

/** Cells in all diagrams together; more is refused. */
export const MAX_CELLS = LIMITS.threatDragonCells.value;
/** Boundary boxes in all diagrams together; more is refused (membership costs boxes × nodes). */
export const MAX_BOXES = LIMITS.threatDragonBoxes.value;
/** Levels of nested boundary boxes; deeper is refused. The limit of our documents (parseDocument). */
export const MAX_NESTING = LIMITS.boundaryDepth.value;
/** Vertices kept per edge (flow or boundary curve); longer edges are simplified, with a note. */
export const MAX_VERTICES = LIMITS.threatDragonVertices.value;
/** Bounding-box and segment-pair tests for flows crossing boundary curves, in the whole import. */
export const MAX_CROSSING_TESTS = LIMITS.threatDragonCrossingTests.value;
