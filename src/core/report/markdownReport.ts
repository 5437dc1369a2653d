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
export function renderMarkdownReport(
  report: Report,
  input: ThreatModelDocument,
  library: Library,
  options: MarkdownReportOptions = {},
): string {
  return [...markdownReportChunks(report, input, library, options)].join('');
}

export interface MarkdownReportOptions {
  /**
   * Where the report finds an image of the diagram (e.g. written by `aitm render`), relative to
   * the report: shown under the title. Without it the report is exactly as before.
   */
  diagramImage?: string;
}

/** renderMarkdownReport in chunks, for writing a large report without holding it as one string. */
export function markdownReportChunks(
  report: Report,
  input: ThreatModelDocument,
  library: Library,
  options: MarkdownReportOptions = {},
): Generator<string> {
  return limitOutput(normalisedLines(markdownLines(report, input, library, options)));
}

/**
 * A path as a Markdown link destination: every character but letters, digits and `/._~-`
 * percent-encoded, so that no path (`)`, spaces, `javascript:`) can end the link or change
 * what it points to.
 */
export function markdownPath(path: string): string {
  return [...path.replaceAll('\\', '/')]
    .map((c) => (/[A-Za-z0-9/._~-]/.test(c) ? c : percentEncoded(c)))
    .join('');
}

/** One character as UTF-8 percent escapes (a lone surrogate as U+FFFD's). */
function percentEncoded(c: string): string {
  try {
    return encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return '%EF%BF%BD';
  }
}

/** The report's lines before blank runs are collapsed; sections follow one another with a blank line. */
function* markdownLines(
  report: Report,
  input: ThreatModelDocument,
  library: Library,
  options: MarkdownReportOptions,
): Generator<string> {
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
  if (options.diagramImage !== undefined)
    header.push(`![Data-flow diagram](${markdownPath(options.diagramImage)})`, '');
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
    const lines = section();
    // A section built whole goes on as one piece: normalisedLines is defined on the joined text,
    // so the output is the same, and the per-line work is done once per section, not per line.
    if (Array.isArray(lines)) {
      if (lines.length > 0) yield lines.join('\n');
    } else yield* lines;
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
