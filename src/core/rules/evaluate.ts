import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument } from '../model/document';
import { MODEL_TARGET_ID, type TargetKind } from '../model/vocabulary';
import type { CompiledRule } from './compileRules';
import { testCondition, traceCondition, type LeafTrace } from './conditions';
import { buildEvaluationContext, type EvaluationContext } from './evaluationContext';
import { explainFinding } from './explainFinding';
import type { Finding, FindingMitigation } from './finding';
import { findingKey } from './findingKey';
import { severityOf, shiftRating } from './severity';
import { userThreatFindings } from './userThreatFindings';

/**
 * Attaches the library's threats to every component, data flow, trust boundary and the model as a
 * whole. Pure, synchronous and deterministic: the same document and library always give the same
 * findings, sorted by key. Triage stored in the document is merged in.
 */
export function evaluate(input: ThreatModelDocument, library: Library): Finding[] {
  const doc = canonicalOrder(input);
  const ctx = buildEvaluationContext(doc, library);
  const findings: Finding[] = [];
  const { index } = library;
  doc.components.forEach((component, i) => {
    const rules = index.componentByType.get(component.type);
    if (rules)
      for (const rule of rules) fire(ctx, rule, 'component', i, component.id, component.label, findings);
    for (const rule of index.componentAnyType)
      fire(ctx, rule, 'component', i, component.id, component.label, findings);
  });
  const flowRules = index.byTarget.get('dataFlow')!;
  doc.dataFlows.forEach((flow, k) => {
    for (const rule of flowRules)
      fire(ctx, rule, 'dataFlow', k, flow.id, flow.label || flowName(ctx, k), findings);
  });
  const boundaryRules = index.byTarget.get('trustBoundary')!;
  doc.trustBoundaries.forEach((boundary, b) => {
    for (const rule of boundaryRules)
      fire(ctx, rule, 'trustBoundary', b, boundary.id, boundary.label, findings);
  });
  for (const rule of index.byTarget.get('model')!)
    fire(ctx, rule, 'model', 0, MODEL_TARGET_ID, doc.meta.title, findings);
  findings.push(...userThreatFindings(doc));
  return findings.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function flowName(ctx: EvaluationContext, k: number): string {
  const flow = ctx.doc.dataFlows[k]!;
  const label = (id: string) => ctx.doc.components[ctx.graph.indexOf.get(id)!]?.label ?? id;
  return `${label(flow.sourceId)} → ${label(flow.targetId)}`;
}

function fire(
  ctx: EvaluationContext,
  compiled: CompiledRule,
  kind: TargetKind,
  index: number,
  targetId: string,
  targetLabel: string,
  out: Finding[],
): void {
  if (compiled.when && !testCondition(compiled.when, ctx, index)) return;
  const { rule } = compiled;
  const threat = ctx.library.threats.get(rule.threat)!;
  let likelihood = rule.likelihood ?? threat.likelihood;
  let impact = rule.impact ?? threat.impact;
  const adjustments: string[] = [];
  for (const a of compiled.adjust) {
    if (!testCondition(a.when, ctx, index)) continue;
    likelihood = shiftRating(likelihood, a.likelihood);
    impact = shiftRating(impact, a.impact);
    adjustments.push(a.reason);
  }
  const byDesignIds = new Set<string>();
  const byDesign: string[] = [];
  let mitigatedByDesign = false;
  for (const b of compiled.byDesign) {
    if (!testCondition(b.when, ctx, index)) continue;
    b.mitigations.forEach((m) => byDesignIds.add(m));
    byDesign.push(b.reason);
    if (b.effect === 'mitigated') mitigatedByDesign = true;
    else likelihood = shiftRating(likelihood, -1);
  }

  const key = findingKey(rule.id, targetId);
  const triage = ctx.doc.triage[key];
  const mitigationIds = unique([...(rule.mitigations ?? threat.mitigations), ...byDesignIds]);
  const mitigations: FindingMitigation[] = [];
  for (const id of mitigationIds) {
    const m = ctx.library.mitigations.get(id)!;
    // Organisational mitigations are reported once for the whole model, not on every element.
    if (m.organisational && kind !== 'model') continue;
    const stored = triage?.mitigations?.[id];
    mitigations.push({
      id,
      title: m.title,
      state: stored ?? (byDesignIds.has(id) ? 'implemented' : 'suggested'),
      guidelines: m.guidelines,
      byDesign: byDesignIds.has(id),
    });
  }

  const leaves: LeafTrace[] = compiled.when ? traceCondition(compiled.when, ctx, index) : [];
  const pathIndices = leaves.find((l) => l.path && l.path.length > 1)?.path ?? [];
  const path = pathIndices.map((i) => ctx.doc.components[i]!.id);
  const why = explainFinding({
    summary: rule.summary ?? threat.title,
    leaves,
    pathLabels: pathIndices.map((i) => ctx.doc.components[i]!.label || ctx.doc.components[i]!.id),
    adjustments,
    byDesign,
  });
  const guidelines = unique([
    ...threat.references.guidelines,
    ...mitigations.flatMap((m) => m.guidelines),
  ]).sort(compareGuidelines);

  out.push({
    key,
    ruleId: rule.id,
    threatId: threat.id,
    title: threat.title,
    description: threat.description,
    targetId,
    targetKind: kind,
    targetLabel,
    severity: severityOf(likelihood, impact),
    likelihood,
    impact,
    status: triage?.status ?? (mitigatedByDesign ? 'mitigated' : 'open'),
    ...(triage?.owner !== undefined ? { owner: triage.owner } : {}),
    ...(triage?.note !== undefined ? { note: triage.note } : {}),
    triaged: triage !== undefined,
    stride: threat.stride,
    references: { ...threat.references, guidelines },
    mitigations,
    why,
    trace: {
      leaves,
      path,
      adjustments,
      byDesign,
      assumedDefaults: unique(leaves.filter((l) => l.defaulted).map((l) => l.fact)),
    },
    origin: 'rule',
  });
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

const AREA_ORDER = ['SD', 'DEV', 'DEP', 'OM'];
/** Guidelines in document order: SD-1 … OM-4. */
export function compareGuidelines(a: string, b: string): number {
  const [pa = '', na = '0'] = a.split('-');
  const [pb = '', nb = '0'] = b.split('-');
  return (
    AREA_ORDER.indexOf(pa) - AREA_ORDER.indexOf(pb) || Number(na) - Number(nb) || (a < b ? -1 : a > b ? 1 : 0)
  );
}
