import type { Position, ThreatModelDocument } from '../model/document';

/**
 * `current` with the positions of `laidOut`'s components and boundaries and the sizes of its
 * boundaries — and nothing else of it. A layout computed elsewhere (the layout worker) comes back
 * as a fresh copy of the whole document; adopting only its geometry keeps every other object of
 * the current document as it is (structural sharing), so the findings are kept (a change of
 * geometry only: onlyGeometryDiffers) and the canvas rebuilds only the nodes that moved.
 * Elements that `laidOut` does not have, or has without geometry, keep theirs.
 */
export function adoptGeometry(
  current: ThreatModelDocument,
  laidOut: ThreatModelDocument,
): ThreatModelDocument {
  const positions = new Map<string, Position>();
  const sizes = new Map<string, { width: number; height: number }>();
  for (const c of laidOut.components) if (c.position) positions.set(c.id, c.position);
  for (const b of laidOut.trustBoundaries) {
    if (b.position) positions.set(b.id, b.position);
    if (b.size) sizes.set(b.id, b.size);
  }
  let componentsChanged = false;
  const components = current.components.map((c) => {
    const position = positions.get(c.id);
    if (!position || samePoint(c.position, position)) return c;
    componentsChanged = true;
    return { ...c, position: { x: position.x, y: position.y } };
  });
  let boundariesChanged = false;
  const trustBoundaries = current.trustBoundaries.map((b) => {
    const position = positions.get(b.id);
    const size = sizes.get(b.id);
    const moved = position !== undefined && !samePoint(b.position, position);
    const resized = size !== undefined && !(b.size?.width === size.width && b.size.height === size.height);
    if (!moved && !resized) return b;
    boundariesChanged = true;
    return {
      ...b,
      ...(moved ? { position: { x: position.x, y: position.y } } : {}),
      ...(resized ? { size: { width: size.width, height: size.height } } : {}),
    };
  });
  if (!componentsChanged && !boundariesChanged) return current;
  return {
    ...current,
    ...(componentsChanged ? { components } : {}),
    ...(boundariesChanged ? { trustBoundaries } : {}),
  };
}

const samePoint = (a: Position | undefined, b: Position) => a !== undefined && a.x === b.x && a.y === b.y;
