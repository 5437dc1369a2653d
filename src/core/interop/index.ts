/**
 * Import and export: Threat Dragon v2, Threat Composer and CSV. Pure like the rest of the core:
 * every importer validates its result with parseDocument, every exporter is deterministic.
 */
export { detectFormat, formatName, INTEROP_FORMATS, type InteropFormat } from './detectFormat';
export type { ImportResult, InteropOptions } from './finalise';
export { importDocument, type DetectedImport } from './importDocument';
export { importThreatDragon } from './threatDragonImport';
export {
  exportThreatDragon,
  exportThreatDragonJson,
  threatDragonCellId,
  threatDragonThreatId,
  THREAT_DRAGON_VERSION,
  type ThreatDragonModel,
} from './threatDragonExport';
export {
  statusFromThreatDragon,
  statusToThreatDragon,
  severityFromThreatDragon,
  severityToThreatDragon,
  shapeOfComponentType,
} from './threatDragonMapping';
export { importThreatComposer, mergeImportedThreats } from './threatComposerImport';
export {
  exportThreatComposer,
  exportThreatComposerJson,
  type ThreatComposerFile,
  type TcThreatOut,
  type TcMitigationOut,
  type TcMetadata,
} from './threatComposerExport';
export { TC_CUSTOM } from './threatComposerSchema';
export { exportFindingsCsv, csvCell, CSV_COLUMNS } from './csvExport';
export { referencesText } from './referencesText';
export { stableUuid, AITM_UUID_NAMESPACE } from './stableUuid';
