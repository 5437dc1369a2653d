/** Threat Dragon threats: user threats, and the triage of our findings. */
import type { UserThreat } from '../../../model/document';
import { joinList, quoteList } from '../../shared/notes';
import { clamp, nonEmpty } from '../../shared/text';
import {
  mitigationsFromText,
  mitigationsToText,
  severityFromThreatDragon,
  statusFromThreatDragon,
  type MitigationLine,
} from '../mapping';
import type { TdThreat } from '../schema';
import type { ImportContext, Entry } from './context';
import type { ReverseTarget } from './bidirectional';

/**
 * The threats of a cell. `reverse` names the second flow of a bidirectional cell: user threats we
 * exported for it go back to it; findings of both flows share the cell's threats by their keys.
 */
export function importThreats(
  ctx: ImportContext,
  entry: Entry,
  targetId: string | null,
  reverse?: ReverseTarget,
): void {
  const stored = entry.aitm && entry.aitm.kind !== 'model' ? entry.aitm : undefined;
  if (stored?.triage) for (const [key, t] of Object.entries(stored.triage)) ctx.triage[key] = { ...t };
  const threats = entry.cell.data?.threats ?? [];
  const seenUser = new Set<string>();
  // A threat written once for the same finding of both directions of a flow stands for both.
  const findings = groupBy(stored?.findings ?? [], (f) => f.threat);
  const users = firstBy(stored?.userThreats ?? [], (u) => u.threat);
  threats.forEach((threat, k) => {
    const tdId = threat.id === undefined ? '' : String(threat.id);
    const refs = findings.get(tdId);
    if (refs) {
      const { status, known } = statusFromThreatDragon(threat.status);
      for (const finding of refs)
        if (known && status !== finding.status)
          ctx.triage[finding.key] = { ...(ctx.triage[finding.key] ?? {}), status };
      return;
    }
    const user = users.get(tdId);
    if (user && !seenUser.has(tdId)) {
      seenUser.add(tdId);
      const target = reverse !== undefined && user.record.targetId === reverse.from ? reverse.to : targetId;
      const restored = restoreUserThreat(ctx, user.record, threat, target, user.mitigation, user.description);
      ctx.userThreats.push(restored);
      if (restored.source === 'threat-dragon') keepThreat(ctx, restored, threat, restored.description);
      return;
    }
    ctx.userThreats.push(foreignThreat(ctx, entry, threat, k, targetId));
  });
  for (const user of stored?.userThreats ?? []) {
    if (!seenUser.has(user.threat)) {
      ctx.notes.group(
        'deleted',
        (items) => `Threats deleted in Threat Dragon were not kept: ${quoteList(items)}.`,
        user.record.title,
      );
    }
  }
  if (targetId === null && threats.length > 0) {
    ctx.notes.group(
      'unplaced',
      (items) =>
        `Threats on elements that were not imported are kept as unplaced threats: ${joinList(items)}.`,
      entry.where,
    );
  }
}

/** A user threat we exported: ours, with whatever a user edited in Threat Dragon. */
export function restoreUserThreat(
  ctx: ImportContext,
  record: UserThreat,
  threat: TdThreat,
  targetId: string | null,
  exportedMitigation?: string,
  exportedDescription?: string,
): UserThreat {
  const out: UserThreat = { ...record, id: ctx.ids.take(record.id, 'threat'), targetId };
  const title = nonEmpty(threat.title);
  if (title !== undefined && title !== record.title) out.title = clamp(title, 500);
  if ((threat.description ?? '') !== (exportedDescription ?? record.description ?? '')) {
    const description = nonEmpty(threat.description);
    if (description === undefined) delete out.description;
    else out.description = clamp(description, 20_000);
  }
  const status = statusFromThreatDragon(threat.status);
  if (status.known && status.status !== record.status) out.status = status.status;
  const severity = severityFromThreatDragon(threat.severity);
  if (severity.known && severity.severity !== record.severity) out.severity = severity.severity;
  if ((threat.mitigation ?? '') !== (exportedMitigation ?? mitigationsToText(record.mitigations ?? []))) {
    const only = record.mitigations?.length === 1 ? record.mitigations[0]!.state : 'suggested';
    const mitigations = mitigationsFromText(threat.mitigation ?? '', only).map(clampMitigation);
    if (mitigations.length === 0) delete out.mitigations;
    else out.mitigations = mitigations;
  }
  return out;
}

export function foreignThreat(
  ctx: ImportContext,
  entry: Entry,
  threat: TdThreat,
  k: number,
  targetId: string | null,
): UserThreat {
  const tdId = threat.id === undefined ? undefined : String(threat.id);
  const id = ctx.ids.take(tdId, `${entry.id}-threat-${k + 1}`);
  const status = statusFromThreatDragon(threat.status);
  if (!status.known) {
    ctx.notes.group(
      'status',
      (items) => `Threat statuses that were not recognised were read as "open": ${quoteList(items)}.`,
      threat.status ?? '(none)',
    );
  }
  const severity = severityFromThreatDragon(threat.severity);
  if (!severity.known) {
    ctx.notes.group(
      'severity',
      (items) =>
        `Threat severities that were not recognised (or still "TBD") were read as "medium": ${quoteList(items)}.`,
      threat.severity ?? '(none)',
    );
  }
  const type = nonEmpty(threat.type);
  const mitigationText = nonEmpty(threat.mitigation);
  const score = threat.score === undefined ? undefined : nonEmpty(String(threat.score));
  const lines = [
    nonEmpty(threat.description),
    type ? `Threat Dragon type: ${type}${threat.modelType ? ` (${threat.modelType})` : ''}` : undefined,
    score ? `Score: ${score}` : undefined,
    mitigationText !== undefined && mitigationText.length > 500 ? `Mitigation: ${mitigationText}` : undefined,
  ].filter((l): l is string => l !== undefined);
  const state: MitigationLine['state'] =
    status.status === 'mitigated'
      ? 'implemented'
      : status.status === 'not-applicable'
        ? 'not-applicable'
        : 'suggested';
  const made: UserThreat = {
    id,
    targetId,
    title: clamp(nonEmpty(threat.title) ?? type ?? 'Untitled threat', 500),
    ...(lines.length > 0 ? { description: clamp(lines.join('\n\n'), 20_000) } : {}),
    severity: severity.severity,
    status: status.status,
    ...(mitigationText !== undefined ? { mitigations: [{ title: clamp(mitigationText, 500), state }] } : {}),
    source: 'threat-dragon',
  };
  keepThreat(ctx, made, threat, made.description);
  return made;
}

/**
 * Threat Dragon's own fields of a threat (id, type, model type, score, number, its status and
 * severity words, description and mitigation as written), for the export to write back while ours
 * still say the same.
 */
function keepThreat(
  ctx: ImportContext,
  made: UserThreat,
  threat: TdThreat,
  ourDescription: string | undefined,
): void {
  const number = (threat as { number?: unknown }).number;
  ctx.interop.threats[made.id] = {
    id: threat.id ?? made.id,
    ...(threat.type !== undefined ? { type: threat.type } : {}),
    ...(threat.modelType !== undefined ? { modelType: threat.modelType } : {}),
    ...(threat.score !== undefined ? { score: threat.score } : {}),
    ...(typeof number === 'number' && Number.isFinite(number) ? { number } : {}),
    ...(threat.status !== undefined ? { status: threat.status } : {}),
    ...(threat.severity !== undefined ? { severity: threat.severity } : {}),
    ...(threat.description !== undefined ? { description: threat.description } : {}),
    ...(ourDescription !== undefined ? { importedDescription: ourDescription } : {}),
    ...(threat.mitigation !== undefined ? { mitigation: threat.mitigation } : {}),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

/** The first item for each key, like `items.find` for every key at once. */
function firstBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) if (!out.has(key(item))) out.set(key(item), item);
  return out;
}

function clampMitigation(m: MitigationLine): MitigationLine {
  return { title: clamp(m.title, 500), state: m.state };
}
