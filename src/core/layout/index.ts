/**
 * Layout of the diagram, shared by the canvas and the importers of drawn formats: the sizes that
 * decide membership and placement, which trust boundary contains what (innermost wins), and where
 * new elements go. The geometry helpers behind it (centre, containsRect, …) stay inside the core.
 */
export { COMPONENT_SIZE, DEFAULT_BOUNDARY_SIZE, LAYOUT_GRID, snapToGrid } from './sizes';
export { centredAt, containsPoint, type Rect, type Size } from './geometry';
export { boundaryRect, boundarySize, componentCentre, positionOf } from './elementRects';
export { BoxIndex } from './boxIndex';
export { boundaryAt, boundaryOfComponentAt, parentBoundaryAt } from './membership';
export { freeBoundarySpot, freeSpot, memberSpot, placeComponent } from './placement';
export { membershipScope, rederiveAfter, rederiveMembership } from './rederiveMembership';
export {
  addBoundaryByGeometry,
  moveElementsCarrying,
  removeElementsByGeometry,
  resizeBoundary,
} from './geometryEdits';
export {
  applyLayout,
  BOUNDARY_PADDING,
  ELK_ROOT_OPTIONS,
  readElkLayout,
  toElkGraph,
  type ElkEdgeShape,
  type ElkNodeShape,
  type LaidOutGeometry,
} from './elkGraph';
export { BOUNDARY_HEADER, layoutDefects } from './layoutDefects';
export { adoptGeometry } from './adoptGeometry';
