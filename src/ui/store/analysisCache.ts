import type { Finding, Library, ThreatModelDocument } from '../../core';

/**
 * The analyses the editor has made of its last few documents: the panels read the findings of
 * the same document many times per change, and must get the very same array each time.
 *
 * A few, not one per live document (a WeakMap): a finding the incremental evaluator replaces
 * keeps the document it last held for, so the cached findings of one old document kept alive by
 * anything (an autosave in flight, a React snapshot) held the document of each finding replaced
 * since, each with its own cached findings, and so on: a chain that grew by a findings array
 * (about 170 KB at 10,000 components) with every edit. Apart from selectors.ts, which fills it,
 * so that code needed at start (opening a file) can record the worker's analysis without loading
 * the rules engine.
 */
export interface Analysis {
  library: Library;
  findings: Finding[];
  failure: string | null;
}

/** The current document, the one before it (a panel still showing it) and one more. */
const KEPT = 3;
const recent = new Map<ThreatModelDocument, Analysis>();

export const analyses = {
  get: (doc: ThreatModelDocument): Analysis | undefined => recent.get(doc),
};

/** The last document analysed: a change that only moved or resized elements keeps its findings. */
export const lastAnalysed: { current: { doc: ThreatModelDocument; entry: Analysis } | null } = {
  current: null,
};

export function rememberAnalysis(doc: ThreatModelDocument, entry: Analysis): Analysis {
  recent.delete(doc);
  recent.set(doc, entry);
  if (recent.size > KEPT) recent.delete(recent.keys().next().value!);
  lastAnalysed.current = { doc, entry };
  return entry;
}
/**
 * Records an analysis made elsewhere (the background worker, for a big model being opened) as
 * the findings of `doc`, so the page does not evaluate it again. The library must be the one the
 * findings were made with.
 *
 * The page's incremental evaluator has not seen `doc`, so the first edit would evaluate the whole
 * model on the page, in the keystroke's frame (about 60 ms at 10,000 components). When the page
 * is next idle and nothing was analysed since, the evaluator is shown `doc` (its findings are
 * not used: the worker's stay the ones shown), so that edit is incremental.
 */
export function primeFindings(doc: ThreatModelDocument, library: Library, findings: Finding[]): void {
  rememberAnalysis(doc, { library, findings, failure: null });
  whenIdle(() => {
    if (lastAnalysed.current?.doc !== doc) return;
    import('./findingsEngine').then(
      ({ evaluatorFor, resetEvaluator }) => {
        if (lastAnalysed.current?.doc !== doc) return;
        try {
          evaluatorFor(library).evaluate(doc);
        } catch {
          // The edit will evaluate from scratch (and report a failure) as it would have.
          resetEvaluator(library);
        }
      },
      () => {},
    );
  });
}

function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 2000 });
  else setTimeout(callback, 200);
}
