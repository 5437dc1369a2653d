/**
 * The public API of the core, used by src/ui and src/cli (the only barrel: shells import from here
 * and nowhere else in the core). Everything here is pure: no DOM, no Node, no clock, no randomness.
 */
export * from './model/vocabulary';
export * from './model/document';
export { flowName } from './model/flowName';
export * from './model/problems';
export * from './limits';
export { parseJsonText, checkUntrustedJson, MAX_JSON_DEPTH } from './model/untrustedJson';
export { parseDocument, parseDocumentText, type ParseDocumentOptions } from './document/parseDocument';
export { documentJsonSchema, libraryFileJsonSchema } from './model/jsonSchemas';
export { serialiseDocument, serialisedParts } from './document/serialiseDocument';
export { onlyGeometryDiffers } from './document/geometryOnly';
export { migrateDocument, MIGRATIONS, type Migration } from './document/migrations';
export * from './document/commandTypes';
export { documentIds } from './document/commandHelpers';
export * from './document/elementCommands';
export * from './document/triageCommands';
export * from './document/clipboardCommands';
export {
  buildLibrarySteps,
  loadLibrary,
  runToEnd,
  validateLibrarySources,
  type Library,
  type LoadLibraryOptions,
  type ValidatedLibraryFile,
} from './library/loadLibrary';
export { LibraryFileSchema, type LibraryFile, type LibrarySource } from './library/libraryFile';
export * from './library/librarySchema';
export { buildCatalogue, type Catalogue } from './library/catalogue';
export { shippedLibrary, SHIPPED_LIBRARY_SOURCES } from './library/shippedLibrary';
export {
  layerRulePacks,
  describeRulePack,
  type RulePackInput,
  type RulePackCounts,
  type DescribedRulePack,
  type RejectedRulePack,
  type LayeredRulePacks,
} from './library/layerRulePacks';
export { evaluate, compareGuidelines } from './rules/evaluate';
export { createEvaluator, type Evaluator } from './rules/incrementalEvaluator';
export type { Finding, FindingGroup, FindingMitigation, FindingTrace } from './rules/finding';
export { inScope } from './rules/finding';
export { isOutOfScope, outOfScopeOf, outOfScopeIds } from './model/outOfScope';
export type { OutOfScope } from './model/document';
export type { InteropData, TdInterop } from './model/interopData';
export type { LeafTrace } from './rules/conditions';
export { findingKey, FINDING_KEY_SEPARATOR } from './rules/findingKey';
export {
  userThreatKey,
  userThreatId,
  userThreatIdOf,
  userMitigationId,
  USER_THREAT_PREFIX,
} from './rules/userThreatIds';
export { findOrphanedTriage } from './rules/orphanedTriage';
export { assumedDefaultPhrases } from './rules/explainFinding';
export { severityOf } from './rules/severity';
export { OPERATORS } from './rules/operators';
export { CONTENT_ORIGINS, GRAPH_PROPERTIES, GUARD_KINDS, PRINCIPALS } from './rules/graphVocabulary';
export type { FactDefinition } from './rules/factTypes';
export * from './layout/index';
export * from './report/index';
export * from './interop/index';
export * from './render/index';
export * from './diff/index';
export * from './collab/index';
