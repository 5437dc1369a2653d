import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument } from '../model/document';
import type { Finding } from '../rules/finding';
import { buildReport, type Report } from './buildReport';
import { mdInline, mdQuote } from './escapeMarkdown';
import {
  acceptedRisksSection,
  coverageSection,
  diagramSection,
  findingsSection,
  inventorySection,
  orphansSection,
  summarySection,
} from './markdownSections';

/**
 * The Markdown report handed out after a workshop. Built from the same Report as the JSON output,
 * so both always agree. Linear in the number of findings.
 */
export function renderMarkdownReport(report: Report, input: ThreatModelDocument, library: Library): string {
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
  const sections = [
    summarySection(report),
    diagramSection(doc),
    inventorySection(doc, library),
    findingsSection(report, doc),
    coverageSection(report),
    acceptedRisksSection(report),
    orphansSection(report),
  ];
  return `${[...header, ...sections.flatMap((s) => [...s, ''])]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

export function exportMarkdownReport(
  doc: ThreatModelDocument,
  library: Library,
  findings?: readonly Finding[],
): string {
  return renderMarkdownReport(buildReport(doc, library, findings), doc, library);
}

export type { Report };
