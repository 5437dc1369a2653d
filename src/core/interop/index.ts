/**
 * Import and export: Threat Dragon v2, Threat Composer and CSV. Pure like the rest of the core:
 * every importer validates its result with parseDocument, every exporter is deterministic.
 * One folder per format (threat-dragon/, threat-composer/, csv/), helpers that serve every format
 * in shared/; the format detection and the detecting importer stay here, beside this barrel.
 */
export { detectFormat, formatName, INTEROP_FORMATS, type InteropFormat } from './detectFormat';
export type { ImportPlacement, ImportResult, InteropOptions } from './shared/finalise';
export { parseImportText, withoutBom, BOM } from './shared/jsonText';
export { importDocument, type DetectedImport } from './importDocument';
export { importThreatDragon } from './threat-dragon/import';
export {
  exportThreatDragon,
  exportThreatDragonJson,
  threatDragonCellId,
  threatDragonThreatId,
  THREAT_DRAGON_VERSION,
  type ThreatDragonModel,
} from './threat-dragon/export';
export {
  statusFromThreatDragon,
  statusToThreatDragon,
  severityFromThreatDragon,
  severityToThreatDragon,
  shapeOfComponentType,
} from './threat-dragon/mapping';
export { importThreatComposer } from './threat-composer/import';
export { mergeImportedThreats } from './threat-composer/mergeThreats';
export {
  exportThreatComposer,
  exportThreatComposerJson,
  type ThreatComposerFile,
  type TcThreatOut,
  type TcMitigationOut,
  type TcMetadata,
  type TcAssumptionOut,
  type TcAssumptionLinkOut,
} from './threat-composer/export';
export { TC_CUSTOM } from './threat-composer/schema';
export { exportFindingsCsv, csvCell, CSV_BOM, CSV_COLUMNS } from './csv/export';
export { referencesText } from './shared/referencesText';
export { stableUuid, AITM_UUID_NAMESPACE } from './shared/stableUuid';
export { importOtm } from './otm/import';
export { exportOtm, exportOtmJson, OTM_VERSION, type OtmFile } from './otm/export';
export { importTmBom } from './tm-bom/import';
export { exportTmBom, exportTmBomJson, TM_BOM_SCHEMA, type TmBomFile } from './tm-bom/export';
