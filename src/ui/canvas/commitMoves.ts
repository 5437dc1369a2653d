import { moveElementsCarrying, type Position, type ThreatModelDocument } from '../../core';

/**
 * Turns the end of a drag into one document change: the moved elements' new absolute positions
 * (rounded to whole pixels), the members of a moved boundary carried along, and the membership of
 * everything the drag affected re-derived from where it now is (moveElementsCarrying).
 */
export function commitMoves(
  doc: ThreatModelDocument,
  moved: readonly { id: string; position: Position }[],
): ThreatModelDocument {
  return moveElementsCarrying(
    doc,
    moved.map((m) => ({ id: m.id, position: { x: Math.round(m.position.x), y: Math.round(m.position.y) } })),
  );
}
