import {
  flowName,
  inScope,
  onlyGeometryDiffers,
  SEVERITIES,
  type Finding,
  type Library,
  type ThreatModelDocument,
} from '../../core';
import { describeError } from '../errors/reportFailure';
import type { AppState, FindingFilters } from './appState';
import { analyses, lastAnalysed, rememberAnalysis, type Analysis } from './analysisCache';
import { evaluatorFor, resetEvaluator } from './findingsEngine';

/** Derived data, memoised by reference (see analysisCache.ts). Findings are never stored. */

const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

function analyse(doc: ThreatModelDocument, library: Library): Analysis {
  const hit = analyses.get(doc);
  if (hit && hit.library === library) return hit;
  // A drag, a resize or an auto-layout changes only geometry, which no rule reads: evaluating a
  // thousand components again for it blocked the page for hundreds of milliseconds.
  const last = lastAnalysed.current;
  if (last && last.entry.library === library && onlyGeometryDiffers(last.doc, doc))
    return rememberAnalysis(doc, last.entry);
  try {
    return rememberAnalysis(doc, { library, findings: evaluatorFor(library).evaluate(doc), failure: null });
  } catch (error) {
    resetEvaluator(library);
    // A crash in the engine (a stack overflow on a huge model) must not take the panels down:
    // no findings, and the reason for AnalysisFailureNotice. The next edit analyses again.
    return rememberAnalysis(doc, { library, findings: NO_FINDINGS, failure: describeError(error) });
  }
}

/** The findings of a document; none when the analysis failed (see analysisFailureOf). */
export function findingsOf(doc: ThreatModelDocument, library: Library): Finding[] {
  return analyse(doc, library).findings;
}

/** Why the analysis of this document failed, or null when it succeeded. */
export function analysisFailureOf(doc: ThreatModelDocument, library: Library): string | null {
  return analyse(doc, library).failure;
}

const PENDING: Analysis = Object.freeze({
  library: null as unknown as Library,
  findings: NO_FINDINGS,
  failure: null,
});

/**
 * What the panels and badges show of the shown document: its analysis, or none yet while its
 * first analysis waits for the canvas to be drawn (deferredAnalysis.ts). Exports and reports
 * call findingsOf, which always analyses.
 */
function shownAnalysis(s: AppState): Analysis {
  if (s.analysisDeferredFor === s.document && !analyses.get(s.document)) return PENDING;
  return analyse(s.document, s.library);
}

export const selectAnalysisFailure = (s: AppState): string | null => shownAnalysis(s).failure;

/**
 * The findings the panels count and list: those of out-of-scope elements are left out, as reports
 * and --fail-on leave them out (exports still get every finding, through findingsOf).
 */
export const selectFindings = (s: AppState): Finding[] => partitionByScope(shownAnalysis(s).findings).inScope;

/** Findings of out-of-scope elements, listed apart (threats panel). */
export const selectOutOfScopeFindings = (s: AppState): Finding[] =>
  partitionByScope(shownAnalysis(s).findings).outOfScope;

const scopeCache = new WeakMap<readonly Finding[], { inScope: Finding[]; outOfScope: Finding[] }>();

/** The findings partitioned last when none was out of scope: the next array is most likely an edit of it. */
let lastAllInScope: readonly Finding[] | null = null;

function partitionByScope(findings: Finding[]): { inScope: Finding[]; outOfScope: Finding[] } {
  let hit = scopeCache.get(findings);
  if (!hit) {
    if (lastAllInScope && allInScopeAfter(lastAllInScope, findings))
      hit = { inScope: findings, outOfScope: [] };
    else {
      const outOfScope = findings.filter((f) => !inScope(f));
      // The same array when nothing is out of scope, so selectors keyed by it keep their cache.
      hit = { inScope: outOfScope.length === 0 ? findings : findings.filter(inScope), outOfScope };
    }
    scopeCache.set(findings, hit);
    lastAllInScope = hit.outOfScope.length === 0 ? findings : null;
  }
  return hit;
}

/**
 * True when every finding of `next` is in scope, knowing that every finding of `prev` is: a
 * finding that is the very object of `prev` at the walk's position is not read (findings are
 * immutable once published). Reading each of 22,000 findings' `outOfScope` — objects of many
 * shapes — cost up to a few milliseconds of every edit; comparing references costs a tenth.
 * The walk follows key order to stay in step over a replaced, added or removed finding; out of
 * step it only reads more findings, never fewer.
 */
function allInScopeAfter(prev: readonly Finding[], next: readonly Finding[]): boolean {
  let i = 0;
  for (let j = 0; j < next.length; j++) {
    const f = next[j]!;
    if (i < prev.length && prev[i] === f) {
      i++;
      continue;
    }
    if (!inScope(f)) return false;
    while (i < prev.length && prev[i]!.key <= f.key) i++;
  }
  return true;
}

// Built incrementally, from the change between two findings arrays (findingsIndex.ts).
export { indexFindings, type FindingsIndex, type TargetSummary } from './findingsIndex';
import { indexFindings, type FindingsIndex } from './findingsIndex';

/**
 * The index of the shown findings, remembered for the last state: every node and edge of the
 * canvas asks for it on every store change (30,000 calls at 10,000 components), and each would
 * otherwise look the analysis, its scope partition and its index up again. Not remembered while
 * the analysis is pending: it may arrive (primed from the worker) without a new state.
 */
let lastIndexed: { state: AppState; index: FindingsIndex } | null = null;

export const selectFindingsIndex = (s: AppState): FindingsIndex => {
  if (lastIndexed?.state === s) return lastIndexed.index;
  const analysis = shownAnalysis(s);
  const index = indexFindings(partitionByScope(analysis.findings).inScope);
  lastIndexed = analysis === PENDING ? null : { state: s, index };
  return index;
};

/** Number of open findings on one element (a primitive, so badges re-render only when it changes). */
export const selectOpenCount = (id: string) => (s: AppState) =>
  selectFindingsIndex(s).summary.get(id)?.open ?? 0;
export const selectTopSeverity = (id: string) => (s: AppState) =>
  selectFindingsIndex(s).summary.get(id)?.severity ?? null;

// ---------------------------------------------------------------- element lookup

// In their own module: the store needs them at start, the rules engine (above) only the editor.
export { boundariesById, componentsById, flowsById } from './elementLookup';
import { boundariesById, componentsById, flowsById } from './elementLookup';

export const selectComponent = (id: string) => (s: AppState) => componentsById(s.document).get(id);
export const selectFlow = (id: string) => (s: AppState) => flowsById(s.document).get(id);
export const selectBoundary = (id: string) => (s: AppState) => boundariesById(s.document).get(id);

export type ElementKind = 'component' | 'dataFlow' | 'trustBoundary';

export function elementKind(doc: ThreatModelDocument, id: string): ElementKind | null {
  if (componentsById(doc).has(id)) return 'component';
  if (flowsById(doc).has(id)) return 'dataFlow';
  if (boundariesById(doc).has(id)) return 'trustBoundary';
  return null;
}

/** A readable name for any element: its label, or "source → target" for an unnamed flow. */
export function elementName(doc: ThreatModelDocument, id: string): string {
  const component = componentsById(doc).get(id);
  if (component) return component.label || component.id;
  const boundary = boundariesById(doc).get(id);
  if (boundary) return boundary.label || boundary.id;
  const flow = flowsById(doc).get(id);
  if (flow) {
    if (flow.label) return flow.label;
    // An empty component label names the end by its id, as everywhere in the editor.
    return flowName(flow, (cid) => componentsById(doc).get(cid)?.label || undefined);
  }
  return id === 'model' ? doc.meta.title : id;
}

// ---------------------------------------------------------------- filtering

export function filterFindings(findings: readonly Finding[], filters: FindingFilters): Finding[] {
  return findings.filter(
    (f) =>
      (filters.severity === 'all' || f.severity === filters.severity) &&
      (filters.status === 'all' || f.status === filters.status) &&
      (filters.guideline === 'all' || f.references.guidelines.includes(filters.guideline)) &&
      (filters.framework === 'all' || f.references[filters.framework].length > 0),
  );
}

const statusRank = (f: Finding) => (f.status === 'open' ? 0 : 1);

/** The panels' order: most severe first, then open before triaged, then by key. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    statusRank(a) - statusRank(b) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Most severe first, then open before triaged, then by key (stable). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
