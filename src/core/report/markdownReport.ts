import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument } from '../model/document';
import type { Finding } from '../rules/finding';
import { buildReport, type Report } from './buildReport';
import { mdInline, mdQuote } from './escapeMarkdown';
import { limitOutput, normalisedLines } from './reportChunks';
import {
  acceptedRisksSection,
  coverageSection,
  diagramSection,
  findingsLines,
  inventorySection,
  orphansSection,
  outOfScopeSection,
  summarySection,
} from './markdownSections';

/**
 * The Markdown report handed out after a workshop. Built from the same Report as the JSON output,
 * so both always agree. Linear in the number of findings.
 */
export function renderMarkdownReport(report: Report, input: ThreatModelDocument, library: Library): string {
  return [...markdownReportChunks(report, input, library)].join('');
}

/** renderMarkdownReport in chunks, for writing a large report without holding it as one string. */
export function markdownReportChunks(
  report: Report,
  input: ThreatModelDocument,
  library: Library,
): Generator<string> {
  return limitOutput(normalisedLines(markdownLines(report, input, library)));
}

/** The report's lines before blank runs are collapsed; sections follow one another with a blank line. */
function* markdownLines(report: Report, input: ThreatModelDocument, library: Library): Generator<string> {
  const doc = canonicalOrder(input);
  const meta = doc.meta;
  const header = [`# Threat model: ${mdInline(meta.title || 'Untitled')}`, ''];
  if (meta.description) header.push(mdQuote(meta.description), '');
  const facts = [
    meta.owner ? `**Owner:** ${mdInline(meta.owner)}` : '',
    meta.version ? `**Version:** ${mdInline(meta.version)}` : '',
    `**Library:** ${mdInline(`${report.library.name} ${report.library.version}`)}`,
  ].filter(Boolean);
  header.push(facts.join(' · '), '');
  yield* header;
  // Each section is built when its turn comes, so only one is held at a time (findings line by line).
  const sections: (() => Iterable<string>)[] = [
    () => summarySection(report),
    () => diagramSection(doc),
    () => inventorySection(doc, library),
    () => findingsLines(report, doc),
    () => outOfScopeSection(report, doc),
    () => coverageSection(report),
    () => acceptedRisksSection(report),
    () => orphansSection(report),
  ];
  for (const section of sections) {
    yield* section();
    yield '';
  }
}

export function exportMarkdownReport(
  doc: ThreatModelDocument,
  library: Library,
  findings?: readonly Finding[],
): string {
  return renderMarkdownReport(buildReport(doc, library, findings), doc, library);
}

export type { Report };
