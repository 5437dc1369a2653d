import type { Finding, Library, ThreatModelDocument } from '../../core';

/**
 * The analyses the editor has made, memoised by document: Immer's structural sharing means an
 * unchanged document is the same object, so a WeakMap keyed by it is a correct cache, and a
 * document nothing holds any more (the undo history keeps patches, not documents) takes its
 * findings with it. Apart from selectors.ts, which fills it, so that code needed at start
 * (opening a file) can record the worker's analysis without loading the rules engine.
 */
export interface Analysis {
  library: Library;
  findings: Finding[];
  failure: string | null;
}

export const analyses = new WeakMap<ThreatModelDocument, Analysis>();

/** The last document analysed: a change that only moved or resized elements keeps its findings. */
export const lastAnalysed: { current: { doc: ThreatModelDocument; entry: Analysis } | null } = {
  current: null,
};

export function rememberAnalysis(doc: ThreatModelDocument, entry: Analysis): Analysis {
  analyses.set(doc, entry);
  lastAnalysed.current = { doc, entry };
  return entry;
}

/**
 * Records an analysis made elsewhere (the background worker, for a big model being opened) as
 * the findings of `doc`, so the page does not evaluate it again. The library must be the one the
 * findings were made with; the next edit is evaluated on the page as usual.
 */
export function primeFindings(doc: ThreatModelDocument, library: Library, findings: Finding[]): void {
  rememberAnalysis(doc, { library, findings, failure: null });
}
