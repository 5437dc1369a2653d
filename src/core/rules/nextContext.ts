import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { Component, DataFlow, ThreatModelDocument } from '../model/document';
import type { DocumentChanges } from './documentChanges';
import {
  buildEvaluationContext,
  contextWithFlows,
  contextWithoutFacts,
  type EvaluationContext,
} from './evaluationContext';
import { extendGraphFacts } from './graphFactsExtension';
import { remapGraphFacts } from './graphFactsRemap';
import { extendNodeMemo } from './pathConditionExtension';
import { dirtyComponents } from './reachabilityChanges';

/**
 * The incremental evaluator's step for a change of reachability (incrementalEvaluator.ts): the
 * context of the next document, the components whose facts may differ, and where each flow and
 * component was before. Added flows and components extend the previous context; anything else
 * analyses the graph again and compares (ADR 0019).
 */

/** What the evaluator last evaluated: its input, its canonical document and their context. */
export interface Previous {
  input: ThreatModelDocument;
  doc: ThreatModelDocument;
  ctx: EvaluationContext;
}

/** The context an update moves to, the components to fire again, and where each flow was before (-1: new). */
export interface NextContext {
  ctx: EvaluationContext;
  doc: ThreatModelDocument;
  dirty: Uint8Array;
  oldIndexOfFlow: (flow: number) => number;
  /** Set when components were added: where each component was before (-1: new). */
  oldIndexOfComponent?: Int32Array;
}

/**
 * Elements in id order (`items` is in id order already) with `added` merged in, where each was in
 * `items` (-1 for an added one), and the indices of the added ones.
 */
function mergeById<T extends { id: string }>(
  items: readonly T[],
  added: readonly T[],
): { items: T[]; oldIndexOf: Int32Array; addedAt: number[] } {
  const sorted = [...added].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: T[] = [];
  const oldIndexOf = new Int32Array(items.length + sorted.length);
  const addedAt: number[] = [];
  let i = 0;
  for (const f of sorted) {
    while (i < items.length && items[i]!.id < f.id) {
      oldIndexOf[out.length] = i;
      out.push(items[i++]!);
    }
    oldIndexOf[out.length] = -1;
    addedAt.push(out.length);
    out.push(f);
  }
  while (i < items.length) {
    oldIndexOf[out.length] = i;
    out.push(items[i++]!);
  }
  return { items: out, oldIndexOf, addedAt };
}

/** A new context analysed from scratch, and what differs from the last (undefined: evaluate all). */
export function reanalysedContext(
  library: Library,
  s: Previous,
  input: ThreatModelDocument,
  changes: DocumentChanges,
): NextContext | undefined {
  const doc = canonicalOrder(input);
  const ctx = buildEvaluationContext(doc, library);
  // The ends of removed flows that went with a removed component are no seeds: they are gone.
  const seeds = [...changes.reachSeeds, ...changes.components.facts].map(
    (id) => ctx.graph.indexOf.get(id) ?? -1,
  );
  const oldIndexOf = s.ctx.graph.indexOf;
  const oldIndexOfComponent = changes.removedComponents
    ? Int32Array.from(doc.components, (c) => oldIndexOf.get(c.id)!)
    : undefined;
  const dirty = dirtyComponents(s.ctx, ctx, seeds, oldIndexOfComponent);
  if (!dirty) return undefined;
  const oldFlowIndexOf = flowIndexIn(s.ctx);
  return {
    ctx,
    doc,
    dirty,
    oldIndexOfFlow: (k) => oldFlowIndexOf.get(doc.dataFlows[k]!.id) ?? -1,
    ...(oldIndexOfComponent ? { oldIndexOfComponent } : {}),
  };
}

/**
 * The context of the document with flows added: the canonical document gets them in id order,
 * the graph facts and memoised conditions are extended over them (graphFactsExtension.ts,
 * pathConditionExtension.ts), and the components whose facts changed are dirty. The shown paths
 * may differ elsewhere too; explanations are built from the current context when read, so that
 * needs no firing.
 */
export function extendedContext(
  library: Library,
  s: Previous,
  input: ThreatModelDocument,
  added: readonly DataFlow[],
  addedComponents: readonly Component[],
): NextContext | undefined {
  const old = s.ctx;
  const { items: flows, oldIndexOf: oldIndexOfFlow, addedAt } = mergeById(s.doc.dataFlows, added);
  const components = addedComponents.length > 0 ? mergeById(s.doc.components, addedComponents) : undefined;
  const doc: ThreatModelDocument = {
    ...s.doc,
    components: components?.items ?? s.doc.components,
    dataFlows: flows,
    meta: input.meta,
    triage: input.triage,
    userThreats:
      input.userThreats === s.input.userThreats ? s.doc.userThreats : canonicalOrder(input).userThreats,
  };
  let ctx: EvaluationContext;
  let dirty: Uint8Array;
  let moved: { oldIndexOf: Int32Array; newIndexOfOld: Int32Array } | undefined;
  if (components) {
    // New components take their places in id order: the old facts move to the new indices first.
    ctx = contextWithoutFacts(doc, library);
    const newIndexOfOld = new Int32Array(old.types.length);
    components.oldIndexOf.forEach((was, i) => {
      if (was >= 0) newIndexOfOld[was] = i;
    });
    moved = { oldIndexOf: components.oldIndexOf, newIndexOfOld };
    dirty = new Uint8Array(ctx.types.length);
    const start = remapGraphFacts(old.facts, newIndexOfOld, ctx.types.length);
    ctx.facts = extendGraphFacts(start, ctx, addedAt, dirty, false);
    for (const i of components.addedAt) dirty[i] = 1;
  } else {
    ctx = contextWithFlows(old, doc, oldIndexOfFlow);
    dirty = new Uint8Array(ctx.types.length);
    ctx.facts = extendGraphFacts(old.facts, ctx, addedAt, dirty);
  }
  for (const k of addedAt) dirty[ctx.graph.flowSource[k]!] = dirty[ctx.graph.flowTarget[k]!] = 1;
  const dirtyList: number[] = [];
  for (let i = 0; i < dirty.length; i++) if (dirty[i]) dirtyList.push(i);
  if (!extendNodeMemo(old, ctx, addedAt, dirty, dirtyList, (k) => oldIndexOfFlow[k]!, moved))
    return undefined;
  return {
    ctx,
    doc,
    dirty,
    oldIndexOfFlow: (k) => oldIndexOfFlow[k]!,
    ...(components ? { oldIndexOfComponent: components.oldIndexOf } : {}),
  };
}

/** Flow index by id, built when first asked (a new flow moves the indices of those after it). */
export function flowIndexIn(ctx: EvaluationContext): Map<string, number> {
  return (ctx.flowIndexOf ??= new Map(ctx.doc.dataFlows.map((f, k) => [f.id, k])));
}
