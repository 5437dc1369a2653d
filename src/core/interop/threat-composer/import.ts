import { createEmptyDocument, type UserThreat } from '../../model/document';
import type { ParseResult } from '../../model/problems';
import { checkUntrustedJson } from '../../model/untrustedJson';
import { FINDING_STATUSES, SEVERITIES, type FindingStatus, type Severity } from '../../model/vocabulary';
import { zodIssuesToProblems } from '../../model/zodProblems';
import { isObject } from '../shared/isObject';
import {
  finaliseImport,
  type ImportPlacement,
  type ImportResult,
  type InteropOptions,
} from '../shared/finalise';
import { Notes } from '../shared/notes';
import { clamp, IdAllocator, nonEmpty, plural } from '../shared/text';
import {
  bulletList,
  composeSections,
  grammarLines,
  MITIGATION_COMMENTS,
  pairList,
  type Grammar,
} from './keptText';
import { TC_CUSTOM, TcFileSchema, type TcFile, type TcMitigation, type TcThreat } from './schema';

type Mitigation = NonNullable<UserThreat['mitigations']>[number];

/** Mitigations kept per threat (the most a user threat may list). */
const MAX_MITIGATIONS = 500;

/** The longest model description (the document's limit for text). */
const MAX_DESCRIPTION = 20_000;

/**
 * Imports the threats of a Threat Composer file (`.tc.json`) into a new document, as unplaced
 * user threats (`targetId: null`): Threat Composer has no diagram elements to attach them to, so
 * the user places them. Each threat keeps its statement (as the title), its linked mitigations
 * with their status, its linked assumptions, impacted assets and goals, STRIDE and tags (in the
 * description) and its comments (as the note). Priority gives the severity (none: medium).
 * Dangling links, which real files contain, are ignored and counted in the notes.
 *
 * Use mergeImportedThreats (mergeThreats.ts) to add the threats to an existing document instead.
 */
export function importThreatComposer(input: unknown, options: InteropOptions): ParseResult<ImportResult> {
  const unsafe = checkUntrustedJson(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  if (!isObject(input))
    return { ok: false, problems: [{ path: '$', message: 'a Threat Composer file must be a JSON object' }] };
  const parsed = TcFileSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: zodIssuesToProblems(parsed.error.issues) };
  const file = parsed.data;
  const notes = new Notes();
  const threats = threatsOf(file, notes, new IdAllocator(['model']));

  const doc = createEmptyDocument(
    clamp(nonEmpty(file.applicationInfo?.name) ?? 'Imported Threat Composer model', 500),
  );
  const description = keptDescription(file, notes);
  if (description !== undefined) doc.meta.description = description;
  doc.userThreats = threats;
  const images = [
    nonEmpty(file.architecture?.image) ? 'architecture' : '',
    nonEmpty(file.dataflow?.image) ? 'data-flow' : '',
  ].filter(Boolean);
  if (images.length > 0)
    notes.add(
      `The ${images.join(' and ')} ${images.length === 1 ? 'diagram image was' : 'diagram images were'} not imported (the model has no place for images): draw the system on the canvas.`,
    );
  const ours = (file.threats ?? []).some((t) => metadataOf(t).has(TC_CUSTOM.findingKey));
  return finaliseImport(doc, notes.list(), options, {
    recognised: `Threat Composer workspace (schema ${file.schema})${ours ? ', exported by this tool' : ''}`,
    placements: placementsOf(file, threats),
  });
}

/**
 * The model description: the application description, then the parts of the workspace our model
 * has no field for, in sections the export reads back (see keptText.ts).
 */
function keptDescription(file: TcFile, notes: Notes): string | undefined {
  const linked = new Set(
    (file.mitigationLinks ?? [])
      .filter((l) => (file.threats ?? []).some((t) => t.id === l.linkedId))
      .map((l) => l.mitigationId),
  );
  const unlinked = (file.mitigations ?? []).filter((m) => !linked.has(m.id));
  const text = composeSections(file.applicationInfo?.description ?? '', {
    architecture: file.architecture?.description ?? '',
    dataflow: file.dataflow?.description ?? '',
    assumptions: bulletList((file.assumptions ?? []).map((a) => a.content)),
    unlinkedMitigations: pairList(
      unlinked.map((m) => [m.content, m.status ?? 'mitigationIdentified'] as const),
    ),
    mitigationComments: pairList(commentPairs(unlinked)),
  });
  if (text === '') return undefined;
  if (text.length > MAX_DESCRIPTION)
    notes.add(
      `The application, architecture and data-flow descriptions, assumptions and mitigation comments together exceed ${MAX_DESCRIPTION.toLocaleString('en')} characters: the model description was cut, and an export will not write back what was cut.`,
    );
  return clamp(text, MAX_DESCRIPTION);
}

/** `[content, comment]` of the mitigations that have comments. */
function commentPairs(mitigations: readonly TcMitigation[]): [string, string][] {
  const out: [string, string][] = [];
  for (const m of mitigations) {
    const comment = metadataMap(m.metadata).get('Comments');
    const text = Array.isArray(comment) ? comment.join(', ') : comment;
    if (text !== undefined && text.trim() !== '') out.push([m.content, text]);
  }
  return out;
}

/** The comments of a threat's mitigations, in its description (the model has no field for them). */
function mitigationCommentsOf(mitigations: readonly TcMitigation[]): string | undefined {
  const pairs = commentPairs(mitigations.slice(0, MAX_MITIGATIONS));
  return pairs.length > 0 ? `${MITIGATION_COMMENTS}:\n${pairList(pairs)}` : undefined;
}

/** Where each threat of our own export was (its `custom:componentIds`), for mergeImportedThreats. */
function placementsOf(file: TcFile, threats: readonly UserThreat[]): ImportPlacement[] {
  const out: ImportPlacement[] = [];
  (file.threats ?? []).forEach((t, i) => {
    const meta = metadataOf(t);
    const ids = meta.get(TC_CUSTOM.componentIds);
    const first = Array.isArray(ids) ? ids[0] : ids;
    const kind = meta.get(TC_CUSTOM.targetKind);
    const targetId = kind === 'model' ? 'model' : nonEmpty(first);
    if (targetId === undefined || threats[i] === undefined) return;
    const ruleId = stringOf(meta.get(TC_CUSTOM.ruleId));
    const findingKey = stringOf(meta.get(TC_CUSTOM.findingKey));
    out.push({
      threatId: threats[i].id,
      targetId,
      ...(ruleId !== undefined && findingKey !== undefined ? { findingKey } : {}),
    });
  });
  return out;
}

// ---------------------------------------------------------------- threats

function threatsOf(file: TcFile, notes: Notes, ids: IdAllocator): UserThreat[] {
  const threats = file.threats ?? [];
  const mitigations = new Map((file.mitigations ?? []).map((m) => [m.id, m]));
  const assumptions = new Map((file.assumptions ?? []).map((a) => [a.id, a]));
  const threatIds = new Set(threats.map((t) => t.id));

  // Lists in link order, each item once: a Set per threat beside each list keeps that linear.
  const mitigationsOf = new Map<string, TcMitigation[]>();
  const mitigationSeen = new Map<string, Set<TcMitigation>>();
  let danglingMitigationLinks = 0;
  const linkedMitigations = new Set<string>();
  for (const link of file.mitigationLinks ?? []) {
    const mitigation = mitigations.get(link.mitigationId);
    if (!mitigation || !(threatIds.has(link.linkedId) || assumptions.has(link.linkedId))) {
      danglingMitigationLinks++;
      continue;
    }
    if (!threatIds.has(link.linkedId)) continue; // linked to an assumption
    addOnce(mitigationsOf, mitigationSeen, link.linkedId, mitigation);
    linkedMitigations.add(mitigation.id);
  }
  const assumptionsOf = new Map<string, string[]>();
  const assumptionSeen = new Map<string, Set<string>>();
  let danglingAssumptionLinks = 0;
  for (const link of file.assumptionLinks ?? []) {
    const assumption = assumptions.get(link.assumptionId);
    const toThreat = threatIds.has(link.linkedId);
    if (!assumption || !(toThreat || mitigations.has(link.linkedId))) {
      danglingAssumptionLinks++;
      continue;
    }
    if (!toThreat) continue;
    addOnce(assumptionsOf, assumptionSeen, link.linkedId, assumption.content);
  }

  let noPriority = 0;
  const out = threats.map((t): UserThreat => {
    const meta = metadataOf(t);
    const severity = severityOf(meta);
    if (!severity.known) noPriority++;
    const statement = nonEmpty(t.statement) ?? composeStatement(t) ?? `Threat T-${t.numericId ?? '?'}`;
    const title = clamp(statement.replace(/\s+/g, ' '), 500);
    const list = (label: string, values: readonly string[] | undefined) => {
      const items = (values ?? []).map((v) => v.trim()).filter((v) => v !== '');
      return items.length > 0 ? `${label}: ${items.join(', ')}` : undefined;
    };
    const stride = meta.get('STRIDE');
    const linkedAssumptions = assumptionsOf.get(t.id) ?? [];
    const lines = [
      title !== statement ? statement : undefined,
      ...grammarLines(grammarOf(t)),
      list('STRIDE', Array.isArray(stride) ? stride : stride === undefined ? [] : [stride]),
      list('Tags', t.tags),
      linkedAssumptions.length > 0 ? `Assumptions:\n${bulletList(linkedAssumptions)}` : undefined,
      mitigationCommentsOf(mitigationsOf.get(t.id) ?? []),
      `Threat Composer: T-${t.numericId ?? '?'}`,
    ].filter((l): l is string => l !== undefined);
    // Our own export keeps the note verbatim in custom metadata; Comments are Threat Composer's.
    const comments = stringOf(meta.get(TC_CUSTOM.note)) ?? stringOf(meta.get('Comments'));
    // A threat we exported ourselves keeps the id of the user threat it came from.
    const ourId = stringOf(meta.get(TC_CUSTOM.userThreatId));
    const owner = stringOf(meta.get(TC_CUSTOM.owner));
    const linked = (mitigationsOf.get(t.id) ?? []).slice(0, MAX_MITIGATIONS).map((m): Mitigation => ({
      // Verbatim (trailing spaces too): the export shares mitigations by their text.
      title: clamp(m.content.trim() !== '' ? m.content : `Mitigation M-${m.numericId ?? '?'}`, 500),
      state: mitigationState(m.status),
    }));
    return {
      id: ids.take(ourId ?? `tc-${t.id}`, 'tc-threat'),
      targetId: null,
      title,
      description: clamp(lines.join('\n\n'), 20_000),
      severity: severity.severity,
      status: statusOf(t.status, meta),
      ...(owner !== undefined ? { owner: clamp(owner, 500) } : {}),
      ...(comments !== undefined ? { note: clamp(comments, 20_000) } : {}),
      ...(linked.length > 0 ? { mitigations: linked } : {}),
      source: 'threat-composer',
    };
  });

  if (out.length === 0) notes.add('The file has no threats.');
  if (out.length > 0)
    notes.add(
      `${plural(out.length, 'threat was', 'threats were')} imported as unplaced threats: attach each to an element of the model.`,
    );
  if (noPriority > 0)
    notes.add(
      `${plural(noPriority, 'threat has', 'threats have')} no priority and ${noPriority === 1 ? 'was' : 'were'} given severity "medium".`,
    );
  const unlinked = (file.mitigations ?? []).filter((m) => !linkedMitigations.has(m.id)).length;
  if (unlinked > 0)
    notes.add(
      `${plural(unlinked, 'mitigation is', 'mitigations are')} linked to no threat: listed in the model description, and written back on export, but not attached to any threat.`,
    );
  if (danglingMitigationLinks > 0)
    notes.add(
      `${plural(danglingMitigationLinks, 'mitigation link points', 'mitigation links point')} at something that does not exist and ${danglingMitigationLinks === 1 ? 'was' : 'were'} ignored.`,
    );
  if (danglingAssumptionLinks > 0)
    notes.add(
      `${plural(danglingAssumptionLinks, 'assumption link points', 'assumption links point')} at something that does not exist and ${danglingAssumptionLinks === 1 ? 'was' : 'were'} ignored.`,
    );
  if ((file.assumptions ?? []).length > 0)
    notes.add(
      'Assumptions are listed in the model description (and those linked to a threat in its description); links from assumptions to mitigations were not kept.',
    );
  return out;
}

/** Appends `item` to the list under `key` unless it is there already (`seen` mirrors the lists). */
function addOnce<T>(lists: Map<string, T[]>, seen: Map<string, Set<T>>, key: string, item: T): void {
  let set = seen.get(key);
  if (!set) {
    set = new Set();
    seen.set(key, set);
    lists.set(key, []);
  }
  if (set.has(item)) return;
  set.add(item);
  lists.get(key)!.push(item);
}

type MetaValue = string | string[];

function metadataOf(t: TcThreat): Map<string, MetaValue> {
  return metadataMap(t.metadata);
}

function metadataMap(
  metadata: readonly { key: string; value: MetaValue }[] | undefined,
): Map<string, MetaValue> {
  const out = new Map<string, MetaValue>();
  for (const m of metadata ?? []) if (!out.has(m.key)) out.set(m.key, m.value);
  return out;
}

function stringOf(value: MetaValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  return nonEmpty(Array.isArray(value) ? value.join(', ') : value);
}

/** Our severity if we wrote the file (`custom:aitmSeverity`), otherwise the Priority. */
function severityOf(meta: Map<string, MetaValue>): { severity: Severity; known: boolean } {
  const ours = meta.get(TC_CUSTOM.severity);
  if (typeof ours === 'string' && (SEVERITIES as readonly string[]).includes(ours))
    return { severity: ours as Severity, known: true };
  const priority = meta.get('Priority');
  const p = typeof priority === 'string' ? priority.trim().toLowerCase() : '';
  if (p === 'high' || p === 'medium' || p === 'low') return { severity: p, known: true };
  return { severity: 'medium', known: false };
}

/** Our status if we wrote the file (`custom:aitmStatus`, which keeps "accepted"), otherwise Threat Composer's. */
function statusOf(status: string | undefined, meta: Map<string, MetaValue>): FindingStatus {
  const ours = meta.get(TC_CUSTOM.status);
  if (typeof ours === 'string' && (FINDING_STATUSES as readonly string[]).includes(ours))
    return ours as FindingStatus;
  if (status === 'threatResolved') return 'mitigated';
  if (status === 'threatResolvedNotUseful') return 'not-applicable';
  return 'open';
}

function mitigationState(status: string | undefined): Mitigation['state'] {
  switch (status) {
    case 'mitigationResolved':
      return 'implemented';
    case 'mitigationInProgress':
      return 'planned';
    case 'mitigationResolvedWillNotAction':
      return 'not-applicable';
    default:
      return 'suggested';
  }
}

/** Threat Composer's sentence from the grammar fields, for threats saved without a statement. */
function composeStatement(t: TcThreat): string | undefined {
  const action = nonEmpty(t.threatAction);
  if (action === undefined) return undefined;
  const source = nonEmpty(t.threatSource) ?? 'threat source';
  let text = `${/^[aeiou]/i.test(source) ? 'An' : 'A'} ${source}${t.prerequisites ? ` ${t.prerequisites.trim()}` : ''} can ${action}`;
  if (nonEmpty(t.threatImpact)) text += `, which leads to ${t.threatImpact!.trim()}`;
  const goals = (t.impactedGoal ?? []).filter((g) => g.trim() !== '');
  const assets = (t.impactedAssets ?? []).filter((a) => a.trim() !== '');
  if (goals.length > 0) text += `, resulting in reduced ${goals.join(', ')}`;
  if (assets.length > 0)
    text += `${goals.length > 0 ? ' of' : ', negatively impacting'} ${assets.join(', ')}`;
  return text;
}

/** The grammar fields exactly as the file has them (absent ones absent). */
function grammarOf(t: TcThreat): Grammar {
  return {
    ...(t.threatSource !== undefined ? { threatSource: t.threatSource } : {}),
    ...(t.prerequisites !== undefined ? { prerequisites: t.prerequisites } : {}),
    ...(t.threatAction !== undefined ? { threatAction: t.threatAction } : {}),
    ...(t.threatImpact !== undefined ? { threatImpact: t.threatImpact } : {}),
    ...(t.impactedGoal !== undefined ? { impactedGoal: t.impactedGoal } : {}),
    ...(t.impactedAssets !== undefined ? { impactedAssets: t.impactedAssets } : {}),
  };
}
