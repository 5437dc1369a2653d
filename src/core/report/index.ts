export {
  buildReport,
  renderJsonReport,
  jsonReportChunks,
  exportJsonReport,
  type Report,
  type ReportFinding,
  type ReportFindingGroup,
} from './buildReport';
export {
  renderMarkdownReport,
  markdownReportChunks,
  exportMarkdownReport,
  markdownPath,
  type MarkdownReportOptions,
} from './markdownReport';
export { escapeJsonText } from './reportChunks';
export { guidelineCoverage, type GuidelineCoverage, type CoverageStatus } from './guidelineCoverage';
export {
  guidelineProgress,
  type GuidelineProgress,
  type GuidelineState,
  type MitigationProgress,
} from './guidelineProgress';
export { mermaidDiagram } from './mermaidDiagram';
export { mdInline, mdCell, mdQuote, mermaidText } from './escapeMarkdown';
export { REFERENCE_URLS, referenceLinks } from './referenceLinks';
export { referenceUrl, referenceTitle, hasOwnReferencePage, type ReferenceFramework } from './referenceUrls';
export * from './sarif/index';
export {
  COMPACT_REPORT_FORMAT,
  compactReport,
  expandCompactReport,
  compactJsonReportChunks,
  renderCompactJsonReport,
  type CompactReport,
  type CompactReportFinding,
  type CompactFindingMitigation,
  type CompactMitigation,
} from './compactReport';
export { CompactReportSchema, compactReportJsonSchema } from './compactReportSchema';
