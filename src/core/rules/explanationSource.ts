import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument } from '../model/document';
import type { TargetKind } from '../model/vocabulary';
import { buildEvaluationContext, type EvaluationContext } from './evaluationContext';

/**
 * Where a finding's lazy explanation gets the evaluation context it is traced against. A finding
 * keeps only its document (which the editor's history holds anyway) and its source, never the
 * context itself: a context is tens of megabytes at 10,000 components, and one kept alive per
 * finding per undo step was most of the history's memory.
 */
export interface ExplanationSource {
  contextFor(doc: ThreatModelDocument): EvaluationContext;
}

/** The document a finding holds for (an object, so many findings can share one and be moved on at once). */
export interface Epoch {
  doc: ThreatModelDocument;
}

/**
 * The context of the last document explained, per library: explaining every finding of one
 * evaluation builds at most one context, and at most one is kept.
 */
const lastContext = new WeakMap<Library, { doc: ThreatModelDocument; ctx: EvaluationContext }>();
const standalone = new WeakMap<Library, ExplanationSource>();

export function rememberContext(library: Library, doc: ThreatModelDocument, ctx: EvaluationContext): void {
  lastContext.set(library, { doc, ctx });
}

/** The source of findings built by `evaluate`: contexts are rebuilt from the document when evicted. */
export function standaloneSource(library: Library): ExplanationSource {
  let source = standalone.get(library);
  if (!source) {
    source = {
      contextFor(doc) {
        const hit = lastContext.get(library);
        if (hit && hit.doc === doc) return hit.ctx;
        const ctx = buildEvaluationContext(canonicalOrder(doc), library);
        rememberContext(library, doc, ctx);
        return ctx;
      },
    };
    standalone.set(library, source);
  }
  return source;
}

/** The index of a finding's target in a context, by id (indices move as elements come and go). */
export function targetIndex(ctx: EvaluationContext, kind: TargetKind, id: string): number {
  if (kind === 'component') return ctx.graph.indexOf.get(id)!;
  if (kind === 'trustBoundary') return ctx.boundaryIndexOf.get(id)!;
  if (kind === 'model') return 0;
  if (!ctx.flowIndexOf) ctx.flowIndexOf = new Map(ctx.doc.dataFlows.map((f, k) => [f.id, k]));
  return ctx.flowIndexOf.get(id)!;
}
