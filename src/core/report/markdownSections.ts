import type { ThreatModelDocument } from '../model/document';
import { mostSevereFirst } from '../model/findingSeverity';
import { flowName } from '../model/flowName';
import { pushAll } from '../model/pushAll';
import { FINDING_STATUSES, SEVERITIES } from '../model/vocabulary';
import type { Library } from '../library/loadLibrary';
import type { Report, ReportFinding } from './buildReport';
import { mdCell, mdInline, mdQuote } from './escapeMarkdown';
import { mermaidDiagram } from './mermaidDiagram';
import { referenceLinks } from './referenceLinks';

/** Section builders of the Markdown report; each returns a block of lines, user text escaped. */

const table = (header: string[], rows: string[][]) => [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];

export function summarySection(report: Report): string[] {
  const s = report.summary;
  return [
    '## Summary',
    '',
    `${s.components} components, ${s.dataFlows} data flows, ${s.trustBoundaries} trust boundaries — **${s.findings} findings**.`,
    '',
    ...table(['Severity', ...SEVERITIES], [['Findings', ...SEVERITIES.map((x) => String(s.bySeverity[x]))]]),
    '',
    ...table(
      ['Status', ...FINDING_STATUSES],
      [['Findings', ...FINDING_STATUSES.map((x) => String(s.byStatus[x]))]],
    ),
  ];
}

export function diagramSection(doc: ThreatModelDocument): string[] {
  return ['## System diagram', '', '```mermaid', mermaidDiagram(doc), '```'];
}

export function inventorySection(doc: ThreatModelDocument, library: Library): string[] {
  const boundary = new Map(doc.trustBoundaries.map((b) => [b.id, b]));
  const rows = doc.components.map((c) => {
    const b = c.boundaryId ? boundary.get(c.boundaryId) : undefined;
    const type = library.catalogue.types.get(c.type);
    const props = Object.entries(c.props ?? {})
      .sort(([a], [z]) => (a < z ? -1 : 1))
      .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
      .join('; ');
    return [
      mdCell(c.label || c.id),
      mdCell(type?.label ?? c.type),
      mdCell(b ? `${b.label} (${b.zone})` : '—'),
      mdCell(props || '—'),
    ];
  });
  const labels = new Map(doc.components.map((c) => [c.id, c.label || c.id]));
  const flows = doc.dataFlows.map((f) => {
    const p = f.props ?? {};
    return [
      mdCell(f.label || f.id),
      mdCell(flowName(f, (id) => labels.get(id))),
      p.kind ?? '—',
      mdCell((p.data ?? []).join(', ') || '—'),
      p.encrypted ? 'yes' : 'no',
      p.authenticated ? 'yes' : 'no',
      // A local flow never leaves one device, so a reader sees why transit findings are absent.
      p.local ? 'yes' : 'no',
    ];
  });
  return [
    '## Component inventory',
    '',
    ...(rows.length
      ? table(['Component', 'Type', 'Trust boundary', 'Properties'], rows)
      : ['No components.']),
    '',
    '## Data flows',
    '',
    ...(flows.length
      ? table(['Flow', 'From → to', 'Kind', 'Data', 'Encrypted', 'Authenticated', 'Local'], flows)
      : ['No data flows.']),
  ];
}

const SEVERITY_BADGE: Record<string, string> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
};

/**
 * One finding. Inside a root-cause group it is a facet: a lower heading, and only the mitigations
 * the group does not already list (`shared`).
 */
function findingBlock(f: ReportFinding, heading = '####', shared: ReadonlySet<string> = NONE): string[] {
  const lines = [
    `${heading} ${SEVERITY_BADGE[f.severity]} — ${libraryInline(f.title)}`,
    '',
    `- **Status:** ${f.status}${f.owner ? ` · **Owner:** ${mdInline(f.owner)}` : ''} · **Key:** \`${f.key.replace(/`/g, "'")}\``,
    `- **Why:** ${mdInline(f.why)}`,
  ];
  if (f.note?.trim()) lines.push(`- **Note:** ${mdInline(f.note)}`);
  const own = f.mitigations.filter((m) => !shared.has(m.id));
  if (own.length > 0) {
    lines.push(shared.size > 0 ? '- **Further mitigations:**' : '- **Mitigations:**');
    pushAll(lines, own.map(mitigationLine));
  }
  const refs = referenceLinks(f.references);
  if (refs) lines.push(`- **References:** ${refs}`);
  lines.push('');
  return lines;
}

const NONE: ReadonlySet<string> = new Set();

function mitigationLine(m: ReportFinding['mitigations'][number]): string {
  const guidelines = m.guidelines.length ? ` (${m.guidelines.join(', ')})` : '';
  return `  - [${m.state === 'implemented' ? 'x' : ' '}] ${libraryInline(m.title)}${guidelines} — ${m.state}${m.byDesign ? ', by design' : ''}`;
}

/**
 * mdInline of a library text (a threat or mitigation title) that thousands of findings repeat,
 * escaped once. Bounded, so a library of many long titles cannot grow it without limit.
 */
const inlineCache = new Map<string, string>();
function libraryInline(text: string): string {
  let escaped = inlineCache.get(text);
  if (escaped === undefined) {
    if (inlineCache.size >= 4096) inlineCache.clear();
    escaped = mdInline(text);
    inlineCache.set(text, escaped);
  }
  return escaped;
}

/**
 * Findings of one element, most severe first. Findings that share a root cause are shown together
 * where the group's primary (its most severe member) would stand: the root cause, the mitigations
 * they share listed once, then each finding as a facet.
 */
/** Root-cause groups by key, indexed once per report (not per element: that was quadratic). */
const groupIndex = new WeakMap<Report, ReadonlyMap<string, Report['findingGroups'][number]>>();
function groupsOf(report: Report): ReadonlyMap<string, Report['findingGroups'][number]> {
  let index = groupIndex.get(report);
  if (!index) {
    index = new Map(report.findingGroups.map((g) => [g.key, g]));
    groupIndex.set(report, index);
  }
  return index;
}

/**
 * The findings of one element as pieces of text, one per finding or root-cause heading, each its
 * lines joined with "\n" as the report joins lines: the streamed report handles a piece at once
 * instead of each line, and an element with thousands of findings still comes in many pieces.
 */
function findingBlocks(list: readonly ReportFinding[], report: Report): string[] {
  const groups = groupsOf(report);
  const byKey = new Map(list.map((f) => [f.key, f]));
  const lines: string[] = [];
  const done = new Set<string>();
  for (const f of list) {
    const group = f.group ? groups.get(f.group.key) : undefined;
    if (!group) {
      lines.push(findingBlock(f).join('\n'));
      continue;
    }
    if (done.has(group.key)) continue;
    done.add(group.key);
    const members = list.filter((m) => m.group?.key === group.key);
    const primary = byKey.get(group.primary) ?? f;
    const shared = new Set(group.sharedMitigations);
    const head = [
      `#### ${SEVERITY_BADGE[group.severity]} — Root cause: ${mdInline(group.title)}`,
      '',
      mdInline(group.description),
      '',
      `- **${members.length} findings share it:** ${members.map((m) => `${mdInline(m.title)} (${m.severity}, ${m.status})`).join(' · ')}`,
      `- **Root cause key:** \`${group.key.replace(/`/g, "'")}\``,
    ];
    const common = primary.mitigations.filter((m) => shared.has(m.id));
    if (common.length > 0) {
      head.push('- **Mitigations for all of them:**');
      pushAll(head, common.map(mitigationLine));
    }
    head.push('');
    lines.push(head.join('\n'));
    for (const m of members) lines.push(findingBlock(m, '#####', shared).join('\n'));
  }
  return lines;
}

export function findingsSection(report: Report, doc: ThreatModelDocument): string[] {
  return [...findingsLines(report, doc)];
}

/** The findings section line by line, so a streamed report never holds all of it at once. */
export function* findingsLines(report: Report, doc: ThreatModelDocument): Generator<string> {
  yield* ['## Findings', ''];
  const groups: [string, string, (f: ReportFinding) => boolean][] = [
    ...doc.components.map((c): [string, string, (f: ReportFinding) => boolean] => [
      c.id,
      `Component: ${c.label || c.id}`,
      (f) => f.targetKind === 'component' && f.targetId === c.id,
    ]),
    ...doc.dataFlows.map((x): [string, string, (f: ReportFinding) => boolean] => [
      x.id,
      `Data flow: ${x.label || x.id}`,
      (f) => f.targetKind === 'dataFlow' && f.targetId === x.id,
    ]),
    ...doc.trustBoundaries.map((b): [string, string, (f: ReportFinding) => boolean] => [
      b.id,
      `Trust boundary: ${b.label || b.id}`,
      (f) => f.targetKind === 'trustBoundary' && f.targetId === b.id,
    ]),
  ];
  const byTarget = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    if (f.targetKind === 'model') continue;
    const list = byTarget.get(f.targetId);
    if (list) list.push(f);
    else byTarget.set(f.targetId, [f]);
  }
  let any = false;
  for (const [id, heading, belongs] of groups) {
    const list = (byTarget.get(id) ?? []).filter(belongs).sort(mostSevereFirst);
    if (list.length === 0) continue;
    any = true;
    yield `### ${mdInline(heading)}\n`; // the heading and a blank line
    yield* findingBlocks(list, report);
  }
  if (!any) yield* ['No findings on components, flows or boundaries.', ''];
  const organisational = report.findings.filter((f) => f.targetKind === 'model').sort(mostSevereFirst);
  yield* [
    '## Organisational findings',
    '',
    'Threats to the programme as a whole, reported once rather than on every component.',
    '',
  ];
  if (organisational.length === 0) yield* ['None.', ''];
  yield* findingBlocks(organisational, report);
}

const AREA_TITLES: Record<string, string> = {
  'secure-design': 'Secure design',
  'secure-development': 'Secure development',
  'secure-deployment': 'Secure deployment',
  'secure-operation': 'Secure operation and maintenance',
};

export function coverageSection(report: Report): string[] {
  const rows = report.guidelineCoverage.map((g) => [
    AREA_TITLES[g.area] ?? g.area,
    g.id,
    mdCell(g.title),
    String(g.mitigations),
    String(g.implemented),
    String(g.planned),
    g.status,
  ]);
  return [
    '## NCSC/CISA guideline coverage',
    '',
    ...table(['Area', 'Guideline', 'Title', 'Mitigations', 'Implemented', 'Planned', 'Status'], rows),
  ];
}

export function acceptedRisksSection(report: Report): string[] {
  const accepted = report.findings.filter((f) => f.status === 'accepted');
  const lines = ['## Accepted risks', ''];
  if (accepted.length === 0) return [...lines, 'No risks have been accepted.'];
  for (const f of accepted) {
    lines.push(
      `- **${mdInline(f.title)}** on ${mdInline(f.targetLabel)} (${f.severity})${f.owner ? ` — owner ${mdInline(f.owner)}` : ''}`,
    );
    lines.push(
      f.note?.trim()
        ? mdQuote(f.note).replace(/^/gm, '  ')
        : '  > No note recorded: an accepted risk should say why.',
    );
  }
  return lines;
}

export function orphansSection(report: Report): string[] {
  const lines = ['## Orphaned triage', ''];
  if (report.orphanedTriage.length === 0)
    lines.push('None: every triage decision matches a current finding.');
  else {
    lines.push(
      'Triage recorded for findings that no longer fire (the element was removed or changed). Review and delete it if it is obsolete.',
      '',
    );
    pushAll(
      lines,
      table(
        ['Finding key', 'Status', 'Owner', 'Note'],
        report.orphanedTriage.map((o) => [
          mdCell(o.key),
          o.status,
          mdCell(o.owner ?? '—'),
          mdCell(o.note ?? '—'),
        ]),
      ),
    );
  }
  if (report.unplacedThreats.length > 0) {
    lines.push('', '## Imported threats not yet placed', '');
    pushAll(
      lines,
      table(
        ['Threat', 'Severity', 'Status', 'Source'],
        report.unplacedThreats.map((t) => [mdCell(t.title), t.severity, t.status, mdCell(t.source ?? '—')]),
      ),
    );
  }
  return lines;
}

/**
 * Findings of elements marked out of scope, per element with the reason given, after everything
 * that counts. Nothing at all when no element is marked, so such reports are unchanged.
 */
export function outOfScopeSection(report: Report, doc: ThreatModelDocument): string[] {
  const marked = [
    ...doc.components.flatMap((c) =>
      c.outOfScope
        ? [{ id: c.id, heading: `Component: ${c.label || c.id}`, reason: c.outOfScope.reason }]
        : [],
    ),
    ...doc.dataFlows.flatMap((f) =>
      f.outOfScope
        ? [{ id: f.id, heading: `Data flow: ${f.label || f.id}`, reason: f.outOfScope.reason }]
        : [],
    ),
  ];
  if (marked.length === 0) return [];
  const findings = report.outOfScopeFindings ?? [];
  const lines = [
    '## Out of scope',
    '',
    'Elements the model marks out of scope. Their findings are listed for reference only: they are not counted in the summary and never fail a CI gate.',
    '',
  ];
  for (const element of marked) {
    const list = findings.filter((f) => f.targetId === element.id).sort(mostSevereFirst);
    lines.push(`### ${mdInline(element.heading)}`, '');
    lines.push(
      element.reason?.trim() ? `**Reason:** ${mdInline(element.reason)}` : '**Reason:** none given.',
      '',
    );
    if (list.length === 0) lines.push('No findings.', '');
    for (const f of list) pushAll(lines, findingBlock(f));
  }
  return lines;
}
