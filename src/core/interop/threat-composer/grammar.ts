import type { ThreatModelDocument } from '../../model/document';
import type { Rating, StrideCategory, TargetKind } from '../../model/vocabulary';
import { clamp } from '../shared/text';
import type { Grammar } from './keptText';

/**
 * Threat Composer's threat grammar ("A [source] [prerequisites] can [action], which leads to
 * [impact], resulting in reduced [goals] of [assets]") derived from a finding and its element, for
 * threats that do not carry it already: Threat Composer shows a threat without it as a blank card.
 * Every field is at most 200 characters, Threat Composer's limit.
 */

export interface GrammarSubject {
  title: string;
  targetId: string | null;
  targetKind: TargetKind | null;
  targetLabel: string;
  stride: readonly StrideCategory[];
  impact: Rating | null;
  /** Component ids, origin first, of the path that made the rule fire (empty when none did). */
  path: readonly string[];
}

const FIELD_MAX = 200;

const GOALS: Record<StrideCategory, string> = {
  spoofing: 'authenticity',
  tampering: 'integrity',
  repudiation: 'non-repudiation',
  'information-disclosure': 'confidentiality',
  'denial-of-service': 'availability',
  'elevation-of-privilege': 'authorisation',
};

const EFFECTS: Record<StrideCategory, string> = {
  spoofing: 'someone acting under another identity',
  tampering: 'unauthorised changes to data or behaviour',
  repudiation: 'actions nobody can trace back',
  'information-disclosure': 'disclosure of data to people who should not see it',
  'denial-of-service': 'loss of service',
  'elevation-of-privilege': 'actions beyond the privileges intended',
};

const KIND_WORDS: Record<TargetKind, string> = {
  component: 'component',
  dataFlow: 'data flow',
  trustBoundary: 'trust boundary',
  model: 'system',
};

/** Types whose components are people or outside parties: the source of what they send. */
const ACTOR_TYPES = new Set(['user', 'external-service']);

export function deriveGrammar(subject: GrammarSubject, doc: ThreatModelDocument): Required<Grammar> {
  const components = new Map(doc.components.map((c) => [c.id, c]));
  const labelOf = (id: string) => {
    const c = components.get(id);
    return c ? c.label || c.id : id;
  };
  const origin = subject.path.find((id) => id !== subject.targetId);
  const originComponent = origin === undefined ? undefined : components.get(origin);
  const targetComponent = subject.targetId === null ? undefined : components.get(subject.targetId);
  const actor =
    originComponent ??
    (targetComponent && ACTOR_TYPES.has(targetComponent.type) ? targetComponent : undefined);
  const threatSource = actor
    ? `${actor.type.replace(/-/g, ' ')} "${actor.label || actor.id}"`
    : 'threat actor';

  const target =
    subject.targetKind === null || subject.targetKind === 'model' || subject.targetLabel === ''
      ? 'the system'
      : `${KIND_WORDS[subject.targetKind]} "${subject.targetLabel}"`;
  const prerequisites =
    subject.path.length > 1
      ? `who can reach ${target} through ${subject.path.map(labelOf).join(' → ')}`
      : `with access to ${target}`;

  const stride = [...new Set(subject.stride)];
  const effects = stride.map((s) => EFFECTS[s]);
  const threatImpact = [
    effects.length > 0 ? joinWords(effects) : 'harm to the system and its users',
    subject.impact ? `(${subject.impact} impact)` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return {
    threatSource: clamp(threatSource, FIELD_MAX),
    prerequisites: clamp(prerequisites, FIELD_MAX),
    threatAction: clamp(`cause ${lowerFirst(subject.title)}`, FIELD_MAX),
    threatImpact: clamp(threatImpact, FIELD_MAX),
    impactedGoal: stride.map((s) => GOALS[s]),
    impactedAssets: impactedAssets(subject, doc).map((a) => clamp(a, FIELD_MAX)),
  };
}

/** The target element, then the data categories of its flows (a flow's own; a component's in and out). */
function impactedAssets(subject: GrammarSubject, doc: ThreatModelDocument): string[] {
  if (subject.targetKind === null || subject.targetKind === 'model' || subject.targetId === null)
    return [doc.meta.title || 'the system'];
  const assets = [subject.targetLabel || subject.targetId];
  const flows =
    subject.targetKind === 'dataFlow'
      ? doc.dataFlows.filter((f) => f.id === subject.targetId)
      : subject.targetKind === 'component'
        ? doc.dataFlows.filter((f) => f.sourceId === subject.targetId || f.targetId === subject.targetId)
        : [];
  for (const f of flows)
    for (const data of f.props?.data ?? []) {
      const words = data.replace(/-/g, ' ');
      if (!assets.includes(words)) assets.push(words);
    }
  return assets;
}

function lowerFirst(text: string): string {
  // Keep acronyms ("LLM output …") as they are.
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
