/** Limits on the work a Threat Dragon import does, since files come from anywhere. */
import { MAX_BOUNDARY_DEPTH } from '../../../document/checkReferences';

/** Cells in all diagrams together; more is refused. */
export const MAX_CELLS = 20_000;
/** Boundary boxes in all diagrams together; more is refused (membership costs boxes × nodes). */
export const MAX_BOXES = 2_000;
/** Levels of nested boundary boxes; deeper is refused. The limit of our documents (parseDocument). */
export const MAX_NESTING = MAX_BOUNDARY_DEPTH;
/** Vertices kept per edge (flow or boundary curve); longer edges are simplified, with a note. */
export const MAX_VERTICES = 1_000;
/** Bounding-box and segment-pair tests for flows crossing boundary curves, in the whole import. */
export const MAX_CROSSING_TESTS = 2_000_000;
