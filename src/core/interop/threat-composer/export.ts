import type { ThreatModelDocument } from '../../model/document';
import type {
  FindingStatus,
  MitigationState,
  Severity,
  StrideCategory,
  TargetKind,
} from '../../model/vocabulary';
import type { Finding } from '../../rules/finding';
import { flowName } from '../../model/flowName';
import { stableUuid } from '../shared/stableUuid';
import { clamp, compareStrings, toJsonText } from '../shared/text';
import { deriveGrammar } from './grammar';
import {
  parseSections,
  readBulletList,
  readLabelledPairs,
  readPairList,
  MITIGATION_COMMENTS,
  type Grammar,
} from './keptText';
import { TC_CUSTOM } from './schema';
import { fromFinding, fromUnplaced, threatNumbers, type Item } from './exportItems';

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
  const userThreats = new Map(doc.userThreats.map((t) => [t.id, t]));
  const items = [
    ...[...findings].sort((a, b) => compareStrings(a.key, b.key)).map((f) => fromFinding(f, userThreats)),
    ...doc.userThreats.filter((t) => t.targetId === null).map(fromUnplaced),
  ];
  const kept = parseSections(doc.meta.description);

  const threats: TcThreatOut[] = [];
  const mitigationOrder: string[] = [];
  const mitigationStates = new Map<
    string,
    { title: string; guidelines: string[]; states: (MitigationState | 'suggested')[] }
  >();
  const links: { mitigationId: string; linkedId: string }[] = [];
  const linkSeen = new Set<string>();
  const assumptionTexts: string[] = readBulletList(kept.sections.assumptions);
  const assumptionLinks: TcAssumptionLinkOut[] = [];
  const numbers = threatNumbers(items);
  items.forEach((item, i) => {
    const id = item.tcId ?? stableUuid(`tc-threat:${item.key}`);
    threats.push(threatOut(item, id, numbers[i]!, doc));
    for (const m of item.mitigations) {
      let entry = mitigationStates.get(m.id);
      if (!entry) {
        entry = { title: m.title, guidelines: m.guidelines, states: [] };
        mitigationStates.set(m.id, entry);
        mitigationOrder.push(m.id);
      }
      entry.states.push(m.state);
      const link = { mitigationId: stableUuid(`tc-mitigation:${m.id}`), linkedId: id };
      const linkKey = `${link.mitigationId} ${link.linkedId}`;
      if (!linkSeen.has(linkKey)) {
        linkSeen.add(linkKey);
        links.push(link);
      }
    }
    for (const assumption of item.assumptions) {
      if (!assumptionTexts.includes(assumption)) assumptionTexts.push(assumption);
      assumptionLinks.push({ type: 'Threat', assumptionId: assumptionUuid(assumption), linkedId: id });
    }
  });

  // Mitigation comments kept by an import: in each threat's description, and for mitigations
  // linked to no threat in the model description.
  const comments = new Map(readPairList(kept.sections.mitigationComments));
  for (const t of doc.userThreats)
    if (t.source === 'threat-composer')
      for (const [content, comment] of readLabelledPairs(t.description, MITIGATION_COMMENTS))
        if (!comments.has(content)) comments.set(content, comment);
  const mitigationMetadata = (content: string, metadata: TcMetadata[]) => {
    const comment = comments.get(content);
    if (comment !== undefined) metadata.push({ key: 'Comments', value: clamp(comment, 1000) });
    return metadata;
  };
  const mitigations: TcMitigationOut[] = mitigationOrder.map((mid, i) => {
    const entry = mitigationStates.get(mid)!;
    const metadata: TcMetadata[] = [{ key: TC_CUSTOM.mitigationId, value: mid }];
    if (entry.guidelines.length > 0) metadata.push({ key: TC_CUSTOM.ncsc, value: [...entry.guidelines] });
    return {
      id: stableUuid(`tc-mitigation:${mid}`),
      numericId: i + 1,
      displayOrder: i + 1,
      metadata: mitigationMetadata(entry.title, metadata),
      ...(entry.guidelines.length > 0 ? { tags: tags(entry.guidelines.map((g) => `NCSC ${g}`)) } : {}),
      content: clamp(entry.title, 1000),
      status: aggregateMitigationStatus(entry.states),
    };
  });
  // Mitigations an imported workspace had on no threat: written back as they were.
  for (const [content, status] of readPairList(kept.sections.unlinkedMitigations)) {
    const n = mitigations.length + 1;
    mitigations.push({
      id: stableUuid(`tc-unlinked-mitigation:${content}`),
      numericId: n,
      displayOrder: n,
      metadata: mitigationMetadata(content, []),
      content: clamp(content, 1000),
      status: MITIGATION_STATUSES.includes(status as TcMitigationOut['status'])
        ? (status as TcMitigationOut['status'])
        : 'mitigationIdentified',
    });
  }
  const assumptions: TcAssumptionOut[] = assumptionTexts.map((content, i) => ({
    id: assumptionUuid(content),
    numericId: i + 1,
    displayOrder: i + 1,
    content: clamp(content, 1000),
  }));

  const generatedArchitecture = doc.components.length + doc.trustBoundaries.length > 0;
  return {
    schema: 1,
    applicationInfo: {
      name: clamp(doc.meta.title, 200),
      description: clamp(
        [kept.application, doc.meta.owner ? `Owner: ${doc.meta.owner}` : undefined]
          .filter(Boolean)
          .join('\n\n'),
        100_000,
      ),
    },
    architecture: {
      description: clamp(
        [
          kept.sections.architecture,
          generatedArchitecture || !kept.sections.architecture ? architectureText(doc) : '',
        ]
          .filter(Boolean)
          .join('\n\n'),
        100_000,
      ),
    },
    dataflow: {
      description: clamp([kept.sections.dataflow, dataflowText(doc)].filter(Boolean).join('\n\n'), 100_000),
    },
    assumptions,
    mitigations,
    assumptionLinks,
    mitigationLinks: links,
    threats,
  };
}

const MITIGATION_STATUSES: readonly TcMitigationOut['status'][] = [
  'mitigationIdentified',
  'mitigationInProgress',
  'mitigationResolved',
  'mitigationResolvedWillNotAction',
];

function assumptionUuid(content: string): string {
  return stableUuid(`tc-assumption:${content}`);
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
  threatSource?: string;
  prerequisites?: string;
  threatAction?: string;
  threatImpact?: string;
  impactedGoal?: string[];
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

export interface TcAssumptionOut {
  id: string;
  numericId: number;
  displayOrder: number;
  content: string;
}

export interface TcAssumptionLinkOut {
  type: 'Threat';
  assumptionId: string;
  linkedId: string;
}

export interface ThreatComposerFile {
  schema: 1;
  applicationInfo: { name: string; description: string };
  architecture: { description: string };
  dataflow: { description: string };
  assumptions: TcAssumptionOut[];
  mitigations: TcMitigationOut[];
  assumptionLinks: TcAssumptionLinkOut[];
  mitigationLinks: { mitigationId: string; linkedId: string }[];
  threats: TcThreatOut[];
}

// ---------------------------------------------------------------- threats

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

function threatOut(item: Item, id: string, n: number, doc: ThreatModelDocument): TcThreatOut {
  const metadata: TcMetadata[] = [];
  const stride = [...new Set([...item.strideLetters, ...item.stride.map((s) => STRIDE_LETTERS[s])])];
  if (stride.length > 0) metadata.push({ key: 'STRIDE', value: stride });
  metadata.push({ key: 'Priority', value: PRIORITY[item.severity] });
  // An imported Threat Composer threat gets its comments back as they were; ours say why.
  const comments = item.fromThreatComposer
    ? [item.note ?? '']
    : [
        item.owner ? `Owner: ${item.owner}.` : '',
        item.note ? `Note: ${item.note}` : '',
        item.why ? `Why: ${item.why}` : '',
        item.description,
      ];
  const commentText = comments.filter((c) => c !== '').join('\n\n');
  if (commentText !== '') metadata.push({ key: 'Comments', value: clamp(commentText, 1000) });
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
  custom(TC_CUSTOM.note, item.note);
  custom(TC_CUSTOM.ncsc, item.references.guidelines);
  custom(TC_CUSTOM.atlas, item.references.atlas);
  custom(TC_CUSTOM.owaspLlm, item.references.owaspLlm);
  custom(TC_CUSTOM.owaspMl, item.references.owaspMl);
  custom(TC_CUSTOM.owaspAgentic, item.references.owaspAgentic);
  custom(TC_CUSTOM.saif, item.references.saif);

  const refTags = tags([
    ...item.tcTags,
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
  // Grammar an imported threat had is kept as it was; otherwise it is derived from the finding.
  const hasGrammar = Object.values(item.grammar).some((v) => v !== undefined);
  const grammar = hasGrammar ? item.grammar : deriveGrammar(item, doc);
  return {
    id,
    numericId: n,
    displayOrder: n,
    metadata,
    ...(refTags.length > 0 ? { tags: refTags } : {}),
    ...grammarFields(grammar),
    statement: clamp(`${item.title}${where}`, 1400),
    status: THREAT_STATUS[item.status],
  };
}

/** The grammar fields that have a value, clamped to Threat Composer's 200 characters. */
function grammarFields(g: Grammar): Partial<TcThreatOut> {
  const text = (v: string | undefined) => (v !== undefined && v !== '' ? clamp(v, 200) : undefined);
  const list = (v: string[] | undefined) =>
    v !== undefined && v.length > 0 ? v.map((x) => clamp(x, 200)) : undefined;
  const out: Partial<TcThreatOut> = {};
  const source = text(g.threatSource);
  if (source !== undefined) out.threatSource = source;
  const prerequisites = text(g.prerequisites);
  if (prerequisites !== undefined) out.prerequisites = prerequisites;
  const action = text(g.threatAction);
  if (action !== undefined) out.threatAction = action;
  const impact = text(g.threatImpact);
  if (impact !== undefined) out.threatImpact = impact;
  const goals = list(g.impactedGoal);
  if (goals !== undefined) out.impactedGoal = goals;
  const assets = list(g.impactedAssets);
  if (assets !== undefined) out.impactedAssets = assets;
  return out;
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
