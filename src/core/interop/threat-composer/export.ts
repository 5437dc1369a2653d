import type { ThreatModelDocument, UserThreat } from '../../model/document';
import type {
  FindingStatus,
  MitigationState,
  Severity,
  StrideCategory,
  TargetKind,
} from '../../model/vocabulary';
import type { References } from '../../library/librarySchema';
import type { Finding } from '../../rules/finding';
import { userMitigationId, userThreatIdOf, userThreatKey } from '../../rules/userThreatIds';
import { flowName } from '../../model/flowName';
import { stableUuid } from '../shared/stableUuid';
import { clamp, compareStrings, toJsonText } from '../shared/text';
import { TC_CUSTOM } from './schema';

/**
 * Exports findings as a Threat Composer file (`.tc.json`) that passes Threat Composer's strict
 * schema (no unknown keys; ids ≤ 36 and link ids exactly 36 characters; tags ≤ 30; contents
 * clamped to their limits):
 * - every finding (and every unplaced user threat) becomes a threat statement with its status,
 *   STRIDE letters, Priority, a comment saying why it applies, tags for its references, and our ids
 *   and references under `custom:` metadata (finding key, component ids, rule id, NCSC guidelines,
 *   ATLAS, OWASP and SAIF ids, severity, status);
 * - every mitigation becomes one Threat Composer mitigation (shared by the threats it mitigates,
 *   as Threat Composer does), linked to them by `mitigationLinks`. Its status is the least
 *   advanced state across those threats: suggested anywhere → identified, else planned → in
 *   progress, else implemented → resolved; not-applicable everywhere → will not action;
 * - ids are UUIDs derived from our keys and ids (deterministic).
 * Threat Composer has no diagram elements; the model's components, boundaries and flows are
 * described in the architecture and data-flow descriptions.
 */
export function exportThreatComposer(
  doc: ThreatModelDocument,
  findings: readonly Finding[],
): ThreatComposerFile {
  const items = [
    ...[...findings].sort((a, b) => compareStrings(a.key, b.key)).map(fromFinding),
    ...doc.userThreats.filter((t) => t.targetId === null).map(fromUnplaced),
  ];

  const threats: TcThreatOut[] = [];
  const mitigationOrder: string[] = [];
  const mitigationStates = new Map<
    string,
    { title: string; guidelines: string[]; states: (MitigationState | 'suggested')[] }
  >();
  const links: { mitigationId: string; linkedId: string }[] = [];
  items.forEach((item, i) => {
    const id = stableUuid(`tc-threat:${item.key}`);
    threats.push(threatOut(item, id, i + 1));
    for (const m of item.mitigations) {
      let entry = mitigationStates.get(m.id);
      if (!entry) {
        entry = { title: m.title, guidelines: m.guidelines, states: [] };
        mitigationStates.set(m.id, entry);
        mitigationOrder.push(m.id);
      }
      entry.states.push(m.state);
      const link = { mitigationId: stableUuid(`tc-mitigation:${m.id}`), linkedId: id };
      if (!links.some((l) => l.mitigationId === link.mitigationId && l.linkedId === link.linkedId))
        links.push(link);
    }
  });

  const mitigations: TcMitigationOut[] = mitigationOrder.map((mid, i) => {
    const entry = mitigationStates.get(mid)!;
    const metadata: TcMetadata[] = [{ key: TC_CUSTOM.mitigationId, value: mid }];
    if (entry.guidelines.length > 0) metadata.push({ key: TC_CUSTOM.ncsc, value: [...entry.guidelines] });
    return {
      id: stableUuid(`tc-mitigation:${mid}`),
      numericId: i + 1,
      displayOrder: i + 1,
      metadata,
      ...(entry.guidelines.length > 0 ? { tags: tags(entry.guidelines.map((g) => `NCSC ${g}`)) } : {}),
      content: clamp(entry.title, 1000),
      status: aggregateMitigationStatus(entry.states),
    };
  });

  return {
    schema: 1,
    applicationInfo: {
      name: clamp(doc.meta.title, 200),
      description: clamp(
        [doc.meta.description, doc.meta.owner ? `Owner: ${doc.meta.owner}` : undefined]
          .filter(Boolean)
          .join('\n\n'),
        100_000,
      ),
    },
    architecture: { description: clamp(architectureText(doc), 100_000) },
    dataflow: { description: clamp(dataflowText(doc), 100_000) },
    assumptions: [],
    mitigations,
    assumptionLinks: [],
    mitigationLinks: links,
    threats,
  };
}

/** exportThreatComposer as the text of a `.tc.json` file. */
export function exportThreatComposerJson(doc: ThreatModelDocument, findings: readonly Finding[]): string {
  return toJsonText(exportThreatComposer(doc, findings));
}

// ---------------------------------------------------------------- output types

export type TcMetadata = { key: string; value: string | string[] };

export interface TcThreatOut {
  id: string;
  numericId: number;
  displayOrder: number;
  metadata: TcMetadata[];
  tags?: string[];
  impactedAssets?: string[];
  statement: string;
  status: 'threatIdentified' | 'threatResolved' | 'threatResolvedNotUseful';
}

export interface TcMitigationOut {
  id: string;
  numericId: number;
  displayOrder: number;
  metadata: TcMetadata[];
  tags?: string[];
  content: string;
  status:
    | 'mitigationIdentified'
    | 'mitigationInProgress'
    | 'mitigationResolved'
    | 'mitigationResolvedWillNotAction';
}

export interface ThreatComposerFile {
  schema: 1;
  applicationInfo: { name: string; description: string };
  architecture: { description: string };
  dataflow: { description: string };
  assumptions: never[];
  mitigations: TcMitigationOut[];
  assumptionLinks: never[];
  mitigationLinks: { mitigationId: string; linkedId: string }[];
  threats: TcThreatOut[];
}

// ---------------------------------------------------------------- threats

interface Item {
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
  /** A user threat's own description (findings explain themselves in `why`). */
  description?: string;
  stride: StrideCategory[];
  references: References;
  ruleId: string | null;
  threatId: string | null;
  userThreatId: string | null;
  mitigations: { id: string; title: string; state: MitigationState | 'suggested'; guidelines: string[] }[];
}

function fromFinding(f: Finding): Item {
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
    stride: f.stride,
    references: f.references,
    ruleId: f.ruleId,
    threatId: f.origin === 'rule' ? f.threatId : null,
    userThreatId: f.origin === 'user' ? (userThreatIdOf(f.threatId) ?? null) : null,
    mitigations: f.mitigations.map((m) => ({
      id: m.id,
      title: m.title,
      state: m.state,
      guidelines: m.guidelines,
    })),
  };
}

function fromUnplaced(t: UserThreat): Item {
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
    references: { guidelines: [], atlas: [], owaspLlm: [], owaspMl: [], owaspAgentic: [], saif: [] },
    ruleId: null,
    threatId: null,
    userThreatId: t.id,
    mitigations: (t.mitigations ?? []).map((m, i) => ({
      id: userMitigationId(t.id, i),
      title: m.title,
      state: m.state,
      guidelines: [],
    })),
  };
}

const STRIDE_LETTERS: Record<StrideCategory, string> = {
  spoofing: 'S',
  tampering: 'T',
  repudiation: 'R',
  'information-disclosure': 'I',
  'denial-of-service': 'D',
  'elevation-of-privilege': 'E',
};

const PRIORITY: Record<Severity, 'High' | 'Medium' | 'Low'> = {
  critical: 'High',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/**
 * Threat Composer has three statuses: an accepted risk is still an identified threat (it is not
 * resolved), and `custom:aitmStatus` keeps "accepted" for a round trip.
 */
const THREAT_STATUS: Record<FindingStatus, TcThreatOut['status']> = {
  open: 'threatIdentified',
  accepted: 'threatIdentified',
  mitigated: 'threatResolved',
  'not-applicable': 'threatResolvedNotUseful',
};

const KIND_WORDS: Record<TargetKind, string> = {
  component: 'component',
  dataFlow: 'data flow',
  trustBoundary: 'trust boundary',
  model: 'model',
};

function threatOut(item: Item, id: string, n: number): TcThreatOut {
  const metadata: TcMetadata[] = [];
  const stride = [...new Set(item.stride.map((s) => STRIDE_LETTERS[s]))];
  if (stride.length > 0) metadata.push({ key: 'STRIDE', value: stride });
  metadata.push({ key: 'Priority', value: PRIORITY[item.severity] });
  const comments = [
    item.owner ? `Owner: ${item.owner}.` : '',
    item.note ? `Note: ${item.note}` : '',
    item.why ? `Why: ${item.why}` : '',
    item.description ? item.description : '',
  ].filter((s) => s !== '');
  if (comments.length > 0) metadata.push({ key: 'Comments', value: clamp(comments.join('\n\n'), 1000) });
  const custom = (key: string, value: string | readonly string[] | null | undefined) => {
    if (value === null || value === undefined || (typeof value !== 'string' && value.length === 0)) return;
    metadata.push({ key, value: typeof value === 'string' ? value : [...value] });
  };
  custom(TC_CUSTOM.findingKey, item.key);
  custom(TC_CUSTOM.componentIds, item.targetId === null ? [] : [item.targetId]);
  custom(TC_CUSTOM.targetKind, item.targetKind);
  custom(TC_CUSTOM.ruleId, item.ruleId);
  custom(TC_CUSTOM.threatId, item.threatId);
  custom(TC_CUSTOM.userThreatId, item.userThreatId);
  custom(TC_CUSTOM.severity, item.severity);
  custom(TC_CUSTOM.status, item.status);
  custom(TC_CUSTOM.owner, item.owner);
  custom(TC_CUSTOM.ncsc, item.references.guidelines);
  custom(TC_CUSTOM.atlas, item.references.atlas);
  custom(TC_CUSTOM.owaspLlm, item.references.owaspLlm);
  custom(TC_CUSTOM.owaspMl, item.references.owaspMl);
  custom(TC_CUSTOM.owaspAgentic, item.references.owaspAgentic);
  custom(TC_CUSTOM.saif, item.references.saif);

  const refTags = tags([
    ...item.references.owaspLlm,
    ...item.references.owaspMl,
    ...item.references.owaspAgentic,
    ...item.references.atlas,
    ...item.references.saif.map((s) => `SAIF ${s}`),
    ...item.references.guidelines.map((g) => `NCSC ${g}`),
  ]);
  const where =
    item.targetKind === null
      ? ''
      : item.targetKind === 'model'
        ? ' (the system as a whole)'
        : ` on ${KIND_WORDS[item.targetKind]} "${item.targetLabel}"`;
  return {
    id,
    numericId: n,
    displayOrder: n,
    metadata,
    ...(refTags.length > 0 ? { tags: refTags } : {}),
    ...(item.targetLabel !== '' && item.targetKind !== 'model'
      ? { impactedAssets: [clamp(item.targetLabel, 200)] }
      : {}),
    statement: clamp(`${item.title}${where}`, 1400),
    status: THREAT_STATUS[item.status],
  };
}

/** Tags as Threat Composer accepts them: non-empty, at most 30 characters, no duplicates. */
function tags(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const tag = clamp(v.trim(), 30);
    if (tag !== '' && !out.includes(tag)) out.push(tag);
  }
  return out;
}

function aggregateMitigationStatus(
  states: readonly (MitigationState | 'suggested')[],
): TcMitigationOut['status'] {
  if (states.includes('suggested')) return 'mitigationIdentified';
  if (states.includes('planned')) return 'mitigationInProgress';
  if (states.includes('implemented')) return 'mitigationResolved';
  return 'mitigationResolvedWillNotAction';
}

// ---------------------------------------------------------------- descriptions

function architectureText(doc: ThreatModelDocument): string {
  const lines = [
    'Exported from an AI threat model. Threat Composer has no diagram elements, so the model is listed here.',
  ];
  const boundaryLabel = new Map(doc.trustBoundaries.map((b) => [b.id, b.label || b.id]));
  if (doc.trustBoundaries.length > 0) {
    lines.push('', '### Trust boundaries', '');
    for (const b of doc.trustBoundaries) {
      const parent = b.parentId ? `, inside ${boundaryLabel.get(b.parentId) ?? b.parentId}` : '';
      lines.push(`- ${b.label || b.id} (${b.zone}${parent})`);
    }
  }
  if (doc.components.length > 0) {
    lines.push('', '### Components', '');
    for (const c of doc.components) {
      const inside = c.boundaryId ? `, in ${boundaryLabel.get(c.boundaryId) ?? c.boundaryId}` : '';
      lines.push(`- ${c.label || c.id} (${c.type}${inside}) — id \`${c.id}\``);
    }
  }
  return lines.join('\n');
}

function dataflowText(doc: ThreatModelDocument): string {
  if (doc.dataFlows.length === 0) return '';
  const label = new Map(doc.components.map((c) => [c.id, c.label || c.id]));
  const lines = ['### Data flows', ''];
  for (const f of doc.dataFlows) {
    const props = [
      f.props?.kind ?? '',
      f.props?.local ? 'local' : '',
      f.props?.encrypted ? 'encrypted' : '',
      f.props?.protocol ?? '',
      ...(f.props?.data ?? []),
    ].filter(Boolean);
    lines.push(
      `- ${flowName(f, (id) => label.get(id), { withLabel: true })}${props.length > 0 ? ` (${props.join(', ')})` : ''} — id \`${f.id}\``,
    );
  }
  return lines.join('\n');
}
