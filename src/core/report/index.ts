export {
  buildReport,
  renderJsonReport,
  jsonReportChunks,
  exportJsonReport,
  type Report,
  type ReportFinding,
  type ReportFindingGroup,
} from './buildReport';
export { renderMarkdownReport, markdownReportChunks, exportMarkdownReport } from './markdownReport';
export { escapeJsonText } from './reportChunks';
export { guidelineCoverage, type GuidelineCoverage, type CoverageStatus } from './guidelineCoverage';
export { mermaidDiagram } from './mermaidDiagram';
export { mdInline, mdCell, mdQuote, mermaidText } from './escapeMarkdown';
export { REFERENCE_URLS, referenceLinks } from './referenceLinks';
export { referenceUrl, referenceTitle, hasOwnReferencePage, type ReferenceFramework } from './referenceUrls';
export * from './sarif/index';
