import type { Library } from '../library/loadLibrary';
import type { References, Threat } from '../library/librarySchema';
import type { TargetKind } from '../model/vocabulary';
import type { CompiledRule } from './compileRules';
import type { FindingMitigation } from './finding';
import { findingKey } from './findingKey';

/**
 * What every finding of one rule shares — its threat, the mitigations it suggests and the
 * guidelines they implement — worked out once per library instead of once per finding. Findings
 * share these frozen objects unless triage or a by-design mitigation makes theirs different.
 */
export interface RulePlan {
  threat: Threat;
  /** `findingKey(ruleId, '')`: a finding's key is this and its target id, one concatenation. */
  keyPrefix: string;
  /** Bit n set when adjustment n adds references (how a finding's references depend on what held). */
  referenceBits: number;
  /**
   * References of untriaged findings without by-design mitigations whose adjustments added some, by
   * which of those adjustments held (`referenceBits` bits) and kind: one frozen object per combination.
   */
  adjustedReferences: Map<number, References>;
  mitigationIds: readonly string[];
  /** Mitigations in the untriaged state, for component/flow/boundary targets and for the model. */
  mitigations: (kind: TargetKind) => readonly FindingMitigation[];
  references: (kind: TargetKind) => References;
}

const plans = new WeakMap<CompiledRule, RulePlan>();

export function planFor(compiled: CompiledRule, library: Library): RulePlan {
  const cached = plans.get(compiled);
  if (cached) return cached;
  const threat = library.threats.get(compiled.rule.threat)!;
  const mitigationIds = compiled.rule.mitigations ?? threat.mitigations;
  const base = mergeReferences(threat.references, compiled.rule.references);
  const forKind = (model: boolean) => {
    const mitigations = Object.freeze(
      mitigationsFor(mitigationIds, library, model ? 'model' : 'component', new Set(), undefined),
    );
    const references = Object.freeze({ ...base, guidelines: guidelinesOf(base, mitigations) });
    return { mitigations, references };
  };
  const element = forKind(false);
  const model = forKind(true);
  let referenceBits = 0;
  compiled.adjust.forEach((a, n) => {
    if (a.references && n < 31) referenceBits |= 1 << n;
  });
  const plan: RulePlan = {
    threat,
    keyPrefix: findingKey(compiled.rule.id, ''),
    referenceBits,
    adjustedReferences: new Map(),
    mitigationIds,
    mitigations: (kind) => (kind === 'model' ? model.mitigations : element.mitigations),
    references: (kind) => (kind === 'model' ? model.references : element.references),
  };
  plans.set(compiled, plan);
  return plan;
}

/**
 * The threat's references with a rule's (or an adjustment's) added, list by list, without
 * duplicates and in first-seen order. Works for every list of References, including ones added later.
 */
export function mergeReferences(base: References, extra: References | undefined): References {
  if (!extra) return base;
  const out: Record<string, string[]> = {};
  const keys = new Set([...Object.keys(base), ...Object.keys(extra)]);
  for (const key of keys) {
    const a = (base as unknown as Record<string, readonly string[] | undefined>)[key] ?? [];
    const b = (extra as unknown as Record<string, readonly string[] | undefined>)[key] ?? [];
    out[key] = [...new Set([...a, ...b])];
  }
  return out as unknown as References;
}

/** The mitigations a finding lists, with their states from triage or by design. */
export function mitigationsFor(
  ids: readonly string[],
  library: Library,
  kind: TargetKind,
  byDesign: ReadonlySet<string>,
  stored: Readonly<Record<string, FindingMitigation['state']>> | undefined,
): FindingMitigation[] {
  const out: FindingMitigation[] = [];
  const seen = new Set<string>();
  for (const id of [...ids, ...byDesign]) {
    if (seen.has(id)) continue;
    seen.add(id);
    const m = library.mitigations.get(id)!;
    // Organisational mitigations are reported once for the whole model, not on every element.
    if (m.organisational && kind !== 'model') continue;
    out.push({
      id,
      title: m.title,
      state: stored?.[id] ?? (byDesign.has(id) ? 'implemented' : 'suggested'),
      guidelines: m.guidelines,
      byDesign: byDesign.has(id),
    });
  }
  return out;
}

export function guidelinesOf(references: References, mitigations: readonly FindingMitigation[]): string[] {
  return [...new Set([...references.guidelines, ...mitigations.flatMap((m) => m.guidelines)])].sort(
    compareGuidelines,
  );
}

const AREA_ORDER = ['SD', 'DEV', 'DEP', 'OM'];
/** Guidelines in document order: SD-1 … OM-4. */
export function compareGuidelines(a: string, b: string): number {
  const [pa = '', na = '0'] = a.split('-');
  const [pb = '', nb = '0'] = b.split('-');
  return (
    AREA_ORDER.indexOf(pa) - AREA_ORDER.indexOf(pb) || Number(na) - Number(nb) || (a < b ? -1 : a > b ? 1 : 0)
  );
}
