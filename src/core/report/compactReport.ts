import type { References } from '../library/librarySchema';
import type { Report, ReportFinding } from './buildReport';
import { jsonChunks, limitOutput } from './reportChunks';

/**
 * The compact JSON report (`analyze --format json-compact`): the JSON report with each distinct
 * set of references and each mitigation's title and guidelines written once, in the `references`
 * and `mitigations` tables at its end, and findings pointing at them by id. Findings of one rule
 * share references and mitigations; with one finding per line, the report of a 10,000-component
 * model is about half the full form's size. Nothing is lost: expandCompactReport gives back the
 * full Report, key for key.
 *
 * The full form stays the default of `--format json`: it is the public contract consumers already
 * read finding by finding (jq filters, dashboards), and a finding there stands on its own.
 */
export const COMPACT_REPORT_FORMAT = 'ai-threat-model-report-compact';

/** A mitigation as a compact finding lists it; title and guidelines only where they differ from the table. */
export interface CompactFindingMitigation {
  id: string;
  state: string;
  byDesign?: true;
  title?: string;
  guidelines?: string[];
}

export type CompactReportFinding = Omit<ReportFinding, 'references' | 'mitigations'> & {
  /** An id in the report's `references` table. */
  references: string;
  mitigations: CompactFindingMitigation[];
};

export interface CompactMitigation {
  title: string;
  guidelines: string[];
}

export type CompactReport = Omit<Report, 'format' | 'findings' | 'outOfScopeFindings'> & {
  format: typeof COMPACT_REPORT_FORMAT;
  findings: CompactReportFinding[];
  outOfScopeFindings?: CompactReportFinding[];
  /** Each distinct set of references, by id (`R1`, `R2`, … in order of first use). */
  references: Record<string, References>;
  /** Each mitigation's title and guidelines, by mitigation id. */
  mitigations: Record<string, CompactMitigation>;
};

/** The compact form of a report (see COMPACT_REPORT_FORMAT). Linear in the findings. */
export function compactReport(report: Report): CompactReport {
  const references = new ReferenceTable();
  const mitigations = new Map<string, CompactMitigation>();
  const compactFinding = (f: ReportFinding): CompactReportFinding => ({
    ...f,
    references: references.idOf(f.references),
    mitigations: f.mitigations.map((m) => {
      const known = mitigations.get(m.id);
      if (known === undefined) mitigations.set(m.id, { title: m.title, guidelines: m.guidelines });
      // Two findings could name one mitigation id with different text (a rule pack's user
      // threats, say): such an entry keeps its own, so expansion stays exact.
      const differs =
        known !== undefined && (known.title !== m.title || !sameList(known.guidelines, m.guidelines));
      return {
        id: m.id,
        state: m.state,
        ...(m.byDesign ? { byDesign: true as const } : {}),
        ...(differs ? { title: m.title, guidelines: m.guidelines } : {}),
      };
    }),
  });
  const { format: _format, findings, outOfScopeFindings, ...rest } = report;
  const compactFindings = findings.map(compactFinding);
  const compactOutOfScope = outOfScopeFindings?.map(compactFinding);
  return {
    format: COMPACT_REPORT_FORMAT,
    schemaVersion: rest.schemaVersion,
    model: rest.model,
    library: rest.library,
    summary: rest.summary,
    findings: compactFindings,
    guidelineCoverage: rest.guidelineCoverage,
    orphanedTriage: rest.orphanedTriage,
    unplacedThreats: rest.unplacedThreats,
    findingGroups: rest.findingGroups,
    ...(compactOutOfScope ? { outOfScopeFindings: compactOutOfScope } : {}),
    references: references.table(),
    mitigations: Object.fromEntries(mitigations),
  };
}

/**
 * The full Report a compact one stands for: what `--format json` prints for the same model. A
 * finding that names an id missing from a table is an error (the compact report was edited).
 */
export function expandCompactReport(compact: CompactReport): Report {
  const expandFinding = (f: CompactReportFinding): ReportFinding => {
    if (!Object.hasOwn(compact.references, f.references))
      throw new Error(`finding ${f.key} names references ${f.references}, which the report does not list`);
    return {
      ...f,
      references: compact.references[f.references]!,
      mitigations: f.mitigations.map((m) => {
        if (!Object.hasOwn(compact.mitigations, m.id) && m.title === undefined)
          throw new Error(`finding ${f.key} names mitigation ${m.id}, which the report does not list`);
        const known = compact.mitigations[m.id];
        return {
          id: m.id,
          title: m.title ?? known!.title,
          state: m.state,
          guidelines: m.guidelines ?? known!.guidelines,
          ...(m.byDesign ? { byDesign: true as const } : {}),
        };
      }),
    };
  };
  const {
    format: _format,
    references: _references,
    mitigations: _mitigations,
    findings,
    outOfScopeFindings,
    ...rest
  } = compact;
  return {
    format: 'ai-threat-model-report',
    schemaVersion: rest.schemaVersion,
    model: rest.model,
    library: rest.library,
    summary: rest.summary,
    findings: findings.map(expandFinding),
    guidelineCoverage: rest.guidelineCoverage,
    orphanedTriage: rest.orphanedTriage,
    unplacedThreats: rest.unplacedThreats,
    findingGroups: rest.findingGroups,
    ...(outOfScopeFindings ? { outOfScopeFindings: outOfScopeFindings.map(expandFinding) } : {}),
  };
}

/**
 * The compact report as text, in chunks: escaped like the full JSON report, indented the same at
 * the top level, with each finding (and each entry of the other lists) on one line.
 */
export function compactJsonReportChunks(report: Report): Generator<string> {
  return limitOutput(
    jsonChunks(compactReport(report) as unknown as Record<string, unknown>, { itemsOnOneLine: true }),
  );
}

export function renderCompactJsonReport(report: Report): string {
  return [...compactJsonReportChunks(report)].join('');
}

/**
 * Distinct reference sets, numbered in order of first use. Findings of one rule usually share one
 * frozen object, so identity is tried before content.
 */
class ReferenceTable {
  private readonly byObject = new Map<References, string>();
  private readonly byContent = new Map<string, string>();
  private readonly entries: [string, References][] = [];
  idOf(references: References): string {
    const seen = this.byObject.get(references);
    if (seen !== undefined) return seen;
    const content = JSON.stringify(references);
    let id = this.byContent.get(content);
    if (id === undefined) {
      id = `R${this.entries.length + 1}`;
      this.byContent.set(content, id);
      this.entries.push([id, references]);
    }
    this.byObject.set(references, id);
    return id;
  }
  table(): Record<string, References> {
    return Object.fromEntries(this.entries);
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
