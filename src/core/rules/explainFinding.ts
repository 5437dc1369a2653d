import type { FactValue } from '../library/librarySchema';
import type { LeafTrace } from './conditions';

/**
 * Builds the `why` sentence of a finding from its trace: what held, along which path, what was
 * assumed from defaults, and what raised, lowered or mitigated it.
 */
export function explainFinding(parts: {
  summary: string;
  leaves: readonly LeafTrace[];
  pathLabels: readonly string[];
  adjustments: readonly string[];
  byDesign: readonly string[];
}): string {
  const reasons = parts.leaves.filter((l) => !isQuiet(l)).map(describeLeaf);
  let text = parts.summary.replace(/\.$/, '');
  if (reasons.length > 0) text += ` — ${unique(reasons).join('; ')}`;
  text += '.';
  if (parts.pathLabels.length > 1) text += ` Path: ${parts.pathLabels.join(' → ')}.`;
  for (const a of parts.adjustments) text += ` ${capitalise(a.replace(/\.$/, ''))}.`;
  for (const b of parts.byDesign) text += ` By design: ${b.replace(/\.$/, '')}.`;
  return text;
}

/**
 * Leaves that say nothing a reader needs: the component type (the finding names its target) and
 * "the flow is not local" (the normal case, which rules test only to leave local flows out).
 */
function isQuiet(leaf: LeafTrace): boolean {
  if (leaf.fact === 'type' || leaf.fact === 'source.type' || leaf.fact === 'target.type') return true;
  return leaf.fact === 'local' && leaf.actual === false;
}

function describeLeaf(leaf: LeafTrace): string {
  const assumed = leaf.defaulted ? ' (not set in the model; assumed by default)' : '';
  // Path and `some` conditions carry their own phrase ("retrieves from an index without access control").
  if (leaf.op === 'path') return leaf.negated ? `not the case that ${leaf.phrase}` : leaf.phrase;
  if (typeof leaf.actual === 'boolean' && (leaf.op === 'eq' || leaf.op === 'ne')) {
    const isProperty = /(^|\.)prop\.|^(encrypted|authenticated)$|\.(encrypted|authenticated)$/.test(
      leaf.fact,
    );
    if (isProperty) return `${leaf.phrase}: ${leaf.actual ? 'yes' : 'no'}${assumed}`;
    return leaf.actual ? leaf.phrase : `not the case that ${leaf.phrase}`;
  }
  if (leaf.op === 'exists') return `${leaf.phrase} ${leaf.actual === null ? 'is not set' : 'is set'}`;
  if (Array.isArray(leaf.actual)) {
    const wanted = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
    const matched = leaf.actual.filter((v) => wanted.includes(v));
    if (leaf.op === 'includesNone' || leaf.negated) return `${leaf.phrase} include none of ${list(wanted)}`;
    if (leaf.op === 'includesOnly') return `${leaf.phrase} include only ${list(leaf.actual)}`;
    return `${leaf.phrase} include ${list(matched.length > 0 ? matched : wanted)}`;
  }
  // What the model says: the actual value. A negated leaf held because the value is not the
  // one the rule names, so saying "is not <actual>" would state the opposite of the model.
  return `${leaf.phrase} is ${show(leaf.actual)}${assumed}`;
}

const show = (v: FactValue | undefined) => (v === null || v === undefined ? 'unset' : String(v));
const list = (values: readonly (FactValue | undefined)[]) => values.map(show).join(', ');
const unique = (values: string[]) => [...new Set(values)];
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What a finding assumed from catalogue defaults, in the words the inspector uses ("Sanitises
 * output", "target Authenticated"), not the fact keys rules are written in (`prop.sanitisesOutput`).
 */
export function assumedDefaultPhrases(leaves: readonly LeafTrace[]): string[] {
  return unique(leaves.filter((l) => l.defaulted).map((l) => l.phrase));
}
