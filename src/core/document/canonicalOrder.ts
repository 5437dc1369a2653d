import type { ThreatModelDocument } from '../model/document';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The document with its elements in id order. Evaluation and reports work on this view so that
 * the order of elements in a file (which editors and merges shuffle) never changes a finding, a
 * path chosen among equally short ones, or a byte of a report.
 */
export function canonicalOrder(doc: ThreatModelDocument): ThreatModelDocument {
  return {
    ...doc,
    trustBoundaries: [...doc.trustBoundaries].sort(byId),
    components: [...doc.components].sort(byId),
    dataFlows: [...doc.dataFlows].sort(byId),
    userThreats: [...doc.userThreats].sort(byId),
  };
}
