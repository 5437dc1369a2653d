export {
  buildSarif,
  renderSarif,
  SARIF_FINGERPRINT,
  SARIF_SCHEMA_URI,
  type SarifOptions,
} from './buildSarif';
export { SARIF_LEVEL, SECURITY_SEVERITY } from './sarifLevels';
export type { SarifLog, SarifResult, SarifReportingDescriptor } from './sarifTypes';
