import { groupDigits } from '../limits';
import { mdCell, mdInline } from '../report/escapeMarkdown';
import { escapeJsonText } from '../report/reportChunks';
import type { ChangedFinding, DiffElement, FindingChange, ModelDiff, ResolvedReason } from './diffTypes';

/** GitHub refuses a pull-request comment longer than this many characters. */
export const PR_COMMENT_LIMIT = 65_536;

const REASONS: Record<ResolvedReason, string> = {
  mitigated: 'mitigated',
  'element-removed': 'element removed',
  'no-longer-raised': 'no longer raised',
};

const KINDS: Record<DiffElement['kind'], string> = {
  component: 'component',
  dataFlow: 'data flow',
  trustBoundary: 'trust boundary',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const code = (id: string) => `\`${id.replace(/`/g, "'")}\``;

/**
 * The diff as a pull-request comment: a summary line with the counts, then a table per kind of
 * change. Every piece of model text is escaped (mdCell). Past `limit` characters the tables are
 * cut at a row and a note says how many rows were left out, so the comment always posts.
 */
export function renderDiffMarkdown(diff: ModelDiff, limit = PR_COMMENT_LIMIT): string {
  const s = diff.summary;
  const head = [
    `## Threat model diff: ${mdInline(diff.new.title)}`,
    '',
    `**${plural(s.findingsAdded, 'new finding')}, ${s.findingsResolved} resolved, ${s.findingsChanged} changed** · ` +
      `elements: ${s.elementsAdded} added, ${s.elementsRemoved} removed, ${s.elementsRenamed} renamed · ` +
      `open findings: ${s.openBefore} → ${s.openAfter}`,
  ];
  if (diff.gate)
    head.push(
      '',
      diff.gate.findings.length > 0
        ? `:x: ${plural(diff.gate.findings.length, 'new open finding')} at or above **${diff.gate.failOnNew}**.`
        : `:white_check_mark: No new open finding at or above **${diff.gate.failOnNew}**.`,
    );
  const body: string[] = [];
  const f = diff.findings;
  table(body, 'New findings', ['Severity', 'Status', 'Finding', 'Element', 'Key'], f.added, (x) => [
    x.severity,
    x.status,
    mdCell(x.title),
    mdCell(x.targetLabel),
    code(x.key),
  ]);
  table(body, 'Resolved findings', ['Severity', 'Finding', 'Element', 'Why', 'Key'], f.resolved, (x) => [
    x.severity,
    mdCell(x.title),
    mdCell(x.targetLabel),
    REASONS[x.reason],
    code(x.key),
  ]);
  table(body, 'Changed findings', ['Severity', 'Finding', 'Element', 'Change', 'Key'], f.changed, (x) => [
    x.severity,
    mdCell(x.title),
    mdCell(x.targetLabel),
    changesCell(x),
    code(x.key),
  ]);
  const e = diff.elements;
  const elementRows = [
    ...e.added.map((x) => ['added', KINDS[x.kind], mdCell(x.label), code(x.id)]),
    ...e.removed.map((x) => ['removed', KINDS[x.kind], mdCell(x.label), code(x.id)]),
    ...e.renamed.map((x) => ['renamed', KINDS[x.kind], `${mdCell(x.from)} → ${mdCell(x.to)}`, code(x.id)]),
  ];
  table(body, 'Elements', ['Change', 'Kind', 'Element', 'Id'], elementRows, (row) => row);
  if (body.length === 0) body.push('', 'No change to findings or elements.');
  return fitted(head, body, limit);
}

function table<T>(
  lines: string[],
  title: string,
  columns: readonly string[],
  rows: readonly T[],
  cells: (row: T) => readonly string[],
): void {
  if (rows.length === 0) return;
  lines.push(
    '',
    `### ${title} (${rows.length})`,
    '',
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
  );
  for (const row of rows) lines.push(`| ${cells(row).join(' | ')} |`);
}

function changesCell(f: ChangedFinding): string {
  return f.changes.map(describeChange).join('; ');
}

function describeChange(c: FindingChange): string {
  if (c.field === 'note')
    return c.to === undefined ? 'note removed' : c.from === undefined ? 'note added' : 'note edited';
  const value = (v: string | undefined) => (v === undefined ? '(none)' : mdCell(v));
  return `${c.field} ${value(c.from)} → ${value(c.to)}`;
}

/** Head and body joined; body lines dropped from the end until it fits, with a note saying so. */
function fitted(head: readonly string[], body: readonly string[], limit: number): string {
  const full = `${[...head, ...body].join('\n')}\n`;
  if (full.length <= limit) return full;
  const note = (rows: number) =>
    `\n\n_${plural(rows, 'more row')} not shown: a comment holds at most ${groupDigits(limit)} characters. ` +
    'Run `aitm diff --format json` for the whole diff._\n';
  const kept = [...head];
  let length = kept.join('\n').length;
  const reserve = note(body.length).length;
  let i = 0;
  for (; i < body.length; i++) {
    const next = length + 1 + body[i]!.length;
    if (next + reserve > limit) break;
    kept.push(body[i]!);
    length = next;
  }
  // Table rows left out, not counting a header (the line before a `|---|` separator).
  const rest = body.slice(i);
  const omitted = rest.filter((line, j) => line.startsWith('| ') && !rest[j + 1]?.startsWith('|---')).length;
  return `${kept.join('\n')}${note(omitted)}`;
}

/** The diff as JSON: two-space indented, final newline, raw control and bidi characters escaped. */
export function renderDiffJson(diff: ModelDiff): string {
  return `${escapeJsonText(JSON.stringify(diff, null, 2))}\n`;
}
