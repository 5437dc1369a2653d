/**
 * The shared model of a live workshop: the mapping between a Yjs document and a
 * ThreatModelDocument (docs/adr/0018-shared-model-in-yjs.md).
 */
export { writeDocumentToY } from './writeDocumentToY';
export { readDocumentFromY, type ReadDocumentResult } from './readDocumentFromY';
export { isEmptyModelY, trackedTypesY } from './modelState';
export { MODEL_ROOT, ORDER_ROOT } from './yLayout';
