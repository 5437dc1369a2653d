import type { ThreatModelDocument } from '../model/document';

/** Keys that only say where an element is drawn: the engine never reads them (membership is `boundaryId` / `parentId`). */
const COMPONENT_GEOMETRY = new Set(['position']);
const BOUNDARY_GEOMETRY = new Set(['position', 'size']);

/**
 * True when `after` differs from `before` only in where elements are drawn (positions of
 * components and boundaries, sizes of boundaries): what a drag, an auto-layout or a resize that
 * changes no membership produces. Findings do not depend on geometry, so such a change can keep
 * the previous findings instead of evaluating again. Documents are immutable with structural
 * sharing (Immer), so unchanged parts are the same objects and the check is a linear walk of
 * reference comparisons; anything it cannot prove equal counts as a real change.
 */
export function onlyGeometryDiffers(before: ThreatModelDocument, after: ThreatModelDocument): boolean {
  if (before === after) return true;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === 'components' || key === 'trustBoundaries') continue;
    if (!Object.is(before[key as keyof ThreatModelDocument], after[key as keyof ThreatModelDocument]))
      return false;
  }
  return (
    sameApartFrom(before.components, after.components, COMPONENT_GEOMETRY) &&
    sameApartFrom(before.trustBoundaries, after.trustBoundaries, BOUNDARY_GEOMETRY)
  );
}

function sameApartFrom(a: readonly object[], b: readonly object[], ignored: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Record<string, unknown>;
    const y = b[i] as Record<string, unknown>;
    if (x === y) continue;
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)]))
      if (!ignored.has(key) && !Object.is(x[key], y[key])) return false;
  }
  return true;
}
