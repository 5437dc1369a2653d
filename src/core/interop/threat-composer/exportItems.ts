import type { UserThreat } from '../../model/document';
import type {
  FindingStatus,
  MitigationState,
  Rating,
  Severity,
  StrideCategory,
  TargetKind,
} from '../../model/vocabulary';
import type { References } from '../../library/librarySchema';
import type { Finding } from '../../rules/finding';
import { userThreatIdOf, userThreatKey } from '../../rules/userThreatIds';
import { readCommaLine, readGrammar, readLabelledList, type Grammar } from './keptText';

/**
 * What the Threat Composer export writes one threat from: a finding or an unplaced user threat,
 * with what an imported Threat Composer threat kept (its id, number, grammar, tags, assumptions).
 */
export interface Item {
  key: string;
  title: string;
  targetId: string | null;
  targetKind: TargetKind | null;
  targetLabel: string;
  severity: Severity;
  status: FindingStatus;
  owner?: string;
  note?: string;
  why: string;
  /** The threat's description: the library's for a rule finding, the user's for a user threat. */
  description: string;
  stride: StrideCategory[];
  /** STRIDE letters kept from an imported Threat Composer threat. */
  strideLetters: string[];
  impact: Rating | null;
  path: string[];
  references: References;
  ruleId: string | null;
  threatId: string | null;
  userThreatId: string | null;
  /** Imported from Threat Composer: its id, grammar, tags and assumptions are written back as they were. */
  fromThreatComposer: boolean;
  tcId?: string;
  /** The threat's number in Threat Composer (T-39), which people cite in tickets and notes. */
  tcNumber?: number;
  grammar: Grammar;
  tcTags: string[];
  assumptions: string[];
  mitigations: { id: string; title: string; state: MitigationState | 'suggested'; guidelines: string[] }[];
}

export function fromFinding(f: Finding, userThreats: ReadonlyMap<string, UserThreat>): Item {
  const userThreatId = f.origin === 'user' ? (userThreatIdOf(f.threatId) ?? null) : null;
  const user = userThreatId === null ? undefined : userThreats.get(userThreatId);
  return {
    key: f.key,
    title: f.title,
    targetId: f.targetId,
    targetKind: f.targetKind,
    targetLabel: f.targetLabel,
    severity: f.severity,
    status: f.status,
    ...(f.owner !== undefined ? { owner: f.owner } : {}),
    ...(f.note !== undefined ? { note: f.note } : {}),
    why: f.why,
    description: f.description,
    stride: f.stride,
    impact: f.origin === 'rule' ? f.impact : null,
    path: f.trace.path,
    references: f.references,
    ruleId: f.ruleId,
    threatId: f.origin === 'rule' ? f.threatId : null,
    userThreatId,
    ...keptFromThreatComposer(user),
    mitigations: f.mitigations.map((m) => ({
      // A user threat's mitigations are shared by their text, as Threat Composer shares them.
      id: f.origin === 'user' ? userMitigationKey(m.title) : m.id,
      title: m.title,
      state: m.state,
      guidelines: m.guidelines,
    })),
  };
}

export function fromUnplaced(t: UserThreat): Item {
  return {
    key: userThreatKey(t.id, null),
    title: t.title,
    targetId: null,
    targetKind: null,
    targetLabel: '',
    severity: t.severity,
    status: t.status,
    ...(t.owner !== undefined ? { owner: t.owner } : {}),
    ...(t.note !== undefined ? { note: t.note } : {}),
    why: '',
    description: t.description ?? '',
    stride: [],
    impact: null,
    path: [],
    references: { guidelines: [], atlas: [], owaspLlm: [], owaspMl: [], owaspAgentic: [], saif: [] },
    ruleId: null,
    threatId: null,
    userThreatId: t.id,
    ...keptFromThreatComposer(t),
    mitigations: (t.mitigations ?? []).map((m) => ({
      id: userMitigationKey(m.title),
      title: m.title,
      state: m.state,
      guidelines: [],
    })),
  };
}

function userMitigationKey(title: string): string {
  return `user-mitigation:${title}`;
}

/**
 * Threat numbers: an imported threat keeps its Threat Composer number (the first to claim it, when
 * two do); every other threat takes the next number after the highest, in order. Renumbering T-39
 * as T-1 broke every ticket and note that cited it.
 */
export function threatNumbers(items: readonly Pick<Item, 'tcNumber'>[]): number[] {
  const taken = new Set<number>();
  const kept = items.map((item) => {
    const n = item.tcNumber;
    if (n === undefined || n < 1 || taken.has(n)) return undefined;
    taken.add(n);
    return n;
  });
  let next = 0;
  for (const n of taken) if (n > next) next = n;
  return kept.map((n) => n ?? ++next);
}

/** What an imported Threat Composer threat keeps in its description and id (see import.ts). */
function keptFromThreatComposer(
  t: UserThreat | undefined,
): Pick<
  Item,
  'fromThreatComposer' | 'tcId' | 'tcNumber' | 'grammar' | 'tcTags' | 'assumptions' | 'strideLetters'
> {
  const fromThreatComposer = t?.source === 'threat-composer';
  if (!t || !fromThreatComposer)
    return { fromThreatComposer, grammar: {}, tcTags: [], assumptions: [], strideLetters: [] };
  const tcId = t.id.startsWith('tc-') ? t.id.slice(3) : '';
  const tcNumber = /(?:^|\n)Threat Composer: T-(\d{1,9})$/.exec(t.description ?? '')?.[1];
  return {
    fromThreatComposer,
    ...(tcId.length > 0 && tcId.length <= 36 ? { tcId } : {}),
    ...(tcNumber !== undefined ? { tcNumber: Number(tcNumber) } : {}),
    grammar: readGrammar(t.description),
    tcTags: readCommaLine(t.description, 'Tags'),
    strideLetters: readCommaLine(t.description, 'STRIDE').filter((l) => /^[STRIDE]$/.test(l)),
    assumptions: readLabelledList(t.description, 'Assumptions'),
  };
}
