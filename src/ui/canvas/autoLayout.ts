import { applyLayout, layoutDefects, readElkLayout, toElkGraph, type ThreatModelDocument } from '../../core';

import { describeError } from '../errors/reportFailure';
import { gridLayout } from './gridLayout';

/**
 * Above these sizes the layered layout (ELK) is not tried and the linear grid is used instead.
 * Measured on the bench model (`npm run bench:ui -- --layout`: 1,000 components, 2,000 flows, ten
 * boundaries): ELK takes 1–2 s once warm and several seconds in a fresh worker on a loaded
 * two-core machine, growing faster than linearly; the limits sit just above that size, so that
 * what ELK is given stays within a few seconds.
 */
export const LAYERED_LAYOUT_LIMITS = { elements: 1200, flows: 2400 } as const;

/** True when some component or boundary has no position (a hand-written or imported file). */
export function needsLayout(doc: ThreatModelDocument): boolean {
  return doc.components.some((c) => !c.position) || doc.trustBoundaries.some((b) => !b.position);
}

/** Why a model is too large for the layered layout, or null when it is not. */
export function tooLargeForLayered(doc: ThreatModelDocument): string | null {
  const elements = doc.components.length + doc.trustBoundaries.length;
  if (elements > LAYERED_LAYOUT_LIMITS.elements)
    return `${elements.toLocaleString('en')} components and boundaries is more than the layered layout handles (${LAYERED_LAYOUT_LIMITS.elements.toLocaleString('en')})`;
  if (doc.dataFlows.length > LAYERED_LAYOUT_LIMITS.flows)
    return `${doc.dataFlows.length.toLocaleString('en')} data flows is more than the layered layout handles (${LAYERED_LAYOUT_LIMITS.flows.toLocaleString('en')})`;
  return null;
}

/**
 * Lays the model out left to right with ELK's layered algorithm, boundaries as compound nodes
 * sized around their members. Meant to run in the background worker (workJobs.ts): ELK is loaded
 * there on demand. A model too large for ELK, one ELK fails on, or a result that would show
 * overlapping elements, is laid out as a grid instead, and `onNote` says why.
 */
export async function autoLayout(
  doc: ThreatModelDocument,
  onNote?: (note: string) => void,
): Promise<ThreatModelDocument> {
  if (doc.components.length === 0 && doc.trustBoundaries.length === 0) return doc;
  const tooLarge = tooLargeForLayered(doc);
  if (tooLarge) {
    onNote?.(`Laid out as a grid: ${tooLarge}.`);
    return gridLayout(doc);
  }
  // Outside the try: an engine that cannot be loaded (a new deploy) is a reason to reload, not a grid.
  const elk = await (await import('./runElk')).elkEngine();
  let laidOut: ThreatModelDocument;
  try {
    const result = await elk.layout(toElkGraph(doc));
    laidOut = applyLayout(doc, readElkLayout(doc, result));
  } catch (error) {
    onNote?.(`Laid out as a grid: the layered layout failed (${describeError(error)}).`);
    return gridLayout(doc);
  }
  const defects = layoutDefects(laidOut, 3);
  if (defects.length > 0) {
    onNote?.(`Laid out as a grid: the layered layout left elements overlapping (${defects.join('; ')}).`);
    return gridLayout(doc);
  }
  return laidOut;
}

export async function layoutIfNeeded(
  doc: ThreatModelDocument,
  onNote?: (note: string) => void,
): Promise<ThreatModelDocument> {
  return needsLayout(doc) ? autoLayout(doc, onNote) : doc;
}
