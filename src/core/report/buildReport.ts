import type { Library } from '../library/loadLibrary';
import type { References } from '../library/librarySchema';
import type { ThreatModelDocument, Triage, UserThreat } from '../model/document';
import { countFindings } from '../model/findingSeverity';
import type { FindingStatus, Severity, TargetKind } from '../model/vocabulary';
import { evaluate } from '../rules/evaluate';
import { inScope, type Finding, type FindingMitigation } from '../rules/finding';
import { findOrphanedTriage } from '../rules/orphanedTriage';
import { guidelineCoverage, type GuidelineCoverage } from './guidelineCoverage';
import { jsonChunks, limitOutput } from './reportChunks';

/** The JSON report of the public contract (`analyze --format json`), with our extensions. */
export interface Report {
  format: 'ai-threat-model-report';
  schemaVersion: 1;
  model: { title: string; description?: string; owner?: string; version?: string };
  library: { name: string; version: string };
  summary: {
    components: number;
    dataFlows: number;
    trustBoundaries: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    byStatus: Record<FindingStatus, number>;
  };
  findings: ReportFinding[];
  guidelineCoverage: GuidelineCoverage[];
  orphanedTriage: ({ key: string } & Triage)[];
  unplacedThreats: UserThreat[];
  /** Findings on one element that share a root cause (docs/adr/0016), sorted by key. */
  findingGroups: ReportFindingGroup[];
  /**
   * Findings of elements marked out of scope, each with `outOfScope: true`: not in `findings`, the
   * summary or the coverage. Present only when there are some, so reports of models without the
   * marking are unchanged.
   */
  outOfScopeFindings?: ReportFinding[];
}

export interface ReportFinding {
  key: string;
  threatId: string;
  title: string;
  targetId: string;
  targetKind: TargetKind;
  targetLabel: string;
  severity: Severity;
  likelihood: string;
  impact: string;
  status: FindingStatus;
  owner?: string;
  note?: string;
  references: References;
  mitigations: { id: string; title: string; state: string; guidelines: string[]; byDesign?: true }[];
  why: string;
  path?: string[];
  origin: 'rule' | 'user';
  /** The root-cause group this finding belongs to, when other findings on its element share it. */
  group?: { key: string; primary: boolean };
  outOfScope?: true;
}

export interface ReportFindingGroup {
  /** `rootCauseId@targetId`. */
  key: string;
  rootCauseId: string;
  title: string;
  description: string;
  targetId: string;
  targetKind: TargetKind;
  targetLabel: string;
  /** The severity of the group's primary finding (the most severe member). */
  severity: Severity;
  primary: string;
  /** Member finding keys, sorted. */
  findings: string[];
  /** Mitigations every member suggests in the same state: the Markdown report lists them once. */
  sharedMitigations: string[];
}

/**
 * The one pipeline behind every report: the CLI's `analyze` and the editor's export buttons both
 * call this, so they cannot disagree.
 */
export function buildReport(
  doc: ThreatModelDocument,
  library: Library,
  allFindings: readonly Finding[] = evaluate(doc, library),
): Report {
  const findings = allFindings.filter(inScope);
  const outOfScope = allFindings.filter((f) => !inScope(f));
  const { bySeverity, byStatus } = countFindings(findings);
  return {
    format: 'ai-threat-model-report',
    schemaVersion: 1,
    model: { ...doc.meta },
    library: { name: library.name, version: library.version },
    summary: {
      components: doc.components.length,
      dataFlows: doc.dataFlows.length,
      trustBoundaries: doc.trustBoundaries.length,
      findings: findings.length,
      bySeverity,
      byStatus,
    },
    findings: findings.map(toReportFinding),
    guidelineCoverage: guidelineCoverage(findings, library),
    // All findings: the triage of an out-of-scope element's findings is not orphaned.
    orphanedTriage: findOrphanedTriage(doc, allFindings).map(({ key, triage }) => ({ key, ...triage })),
    unplacedThreats: doc.userThreats.filter((t) => t.targetId === null),
    findingGroups: findingGroups(findings),
    ...(outOfScope.length > 0 ? { outOfScopeFindings: outOfScope.map(toReportFinding) } : {}),
  };
}

function toReportFinding(f: Finding): ReportFinding {
  return {
    key: f.key,
    threatId: f.threatId,
    title: f.title,
    targetId: f.targetId,
    targetKind: f.targetKind,
    targetLabel: f.targetLabel,
    severity: f.severity,
    likelihood: f.likelihood,
    impact: f.impact,
    status: f.status,
    ...(f.owner !== undefined ? { owner: f.owner } : {}),
    ...(f.note !== undefined ? { note: f.note } : {}),
    references: f.references,
    mitigations: f.mitigations.map((m) => ({
      id: m.id,
      title: m.title,
      state: m.state,
      guidelines: m.guidelines,
      ...(m.byDesign ? { byDesign: true as const } : {}),
    })),
    why: f.why,
    ...(f.trace.path.length > 0 ? { path: f.trace.path } : {}),
    origin: f.origin,
    ...(f.group ? { group: { key: f.group.key, primary: f.group.primary === f.key } } : {}),
    ...(f.outOfScope ? { outOfScope: true as const } : {}),
  };
}

/** One entry per root-cause group, from the findings that carry it. */
function findingGroups(findings: readonly Finding[]): ReportFindingGroup[] {
  const members = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.group) continue;
    const list = members.get(f.group.key);
    if (list) list.push(f);
    else members.set(f.group.key, [f]);
  }
  return [...members.values()]
    .map((list): ReportFindingGroup => {
      const group = list[0]!.group!;
      const primary = list.find((f) => f.key === group.primary)!;
      return {
        key: group.key,
        rootCauseId: group.rootCauseId,
        title: group.title,
        description: group.description,
        targetId: primary.targetId,
        targetKind: primary.targetKind,
        targetLabel: primary.targetLabel,
        severity: primary.severity,
        primary: primary.key,
        findings: [...group.members],
        sharedMitigations: sharedMitigations(list, primary),
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function sharedMitigations(members: readonly Finding[], primary: Finding): string[] {
  const same = (a: FindingMitigation, b: FindingMitigation | undefined) =>
    b !== undefined && a.state === b.state && a.byDesign === b.byDesign;
  return primary.mitigations
    .filter((m) =>
      members.every((f) =>
        same(
          m,
          f.mitigations.find((x) => x.id === m.id),
        ),
      ),
    )
    .map((m) => m.id);
}

/**
 * The JSON report as text: two-space indented, final newline, byte-identical for the same input.
 * Control and bidi characters in user text are written as \u escapes (escapeJsonText), so the
 * parsed report is the same and no raw one reaches a log or an editor.
 */
export function renderJsonReport(report: Report): string {
  return [...jsonReportChunks(report)].join('');
}

/** renderJsonReport in chunks, for writing a large report without holding it as one string. */
export function jsonReportChunks(report: Report): Generator<string> {
  return limitOutput(jsonChunks(report as unknown as Record<string, unknown>));
}

export function exportJsonReport(doc: ThreatModelDocument, library: Library): string {
  return renderJsonReport(buildReport(doc, library));
}
