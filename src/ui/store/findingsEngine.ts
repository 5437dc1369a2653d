import { createEvaluator, type Finding, type Library, type ThreatModelDocument } from '../../core';

/**
 * The editor's findings engine: one evaluator per library, fed the documents in the order the
 * user makes them. An incremental evaluator (the core's createEvaluator) diffs each document
 * against the one it saw last and re-runs only what the change can affect; going back to an
 * older document (undo) is just another diff.
 */
export interface FindingsEvaluator {
  evaluate(doc: ThreatModelDocument): Finding[];
}

// Keyed by the library: adding a rule pack makes a new library, and with it a fresh evaluator;
// the old one, and what it remembers of the last document, goes with the old library.
const evaluators = new WeakMap<Library, FindingsEvaluator>();

export function evaluatorFor(library: Library): FindingsEvaluator {
  let evaluator = evaluators.get(library);
  if (!evaluator) {
    evaluator = createEvaluator(library);
    evaluators.set(library, evaluator);
  }
  return evaluator;
}

/**
 * Forgets the library's evaluator: after the engine threw, what it kept of its last run may be
 * half updated, so the next document is evaluated from scratch.
 */
export function resetEvaluator(library: Library): void {
  evaluators.delete(library);
}
