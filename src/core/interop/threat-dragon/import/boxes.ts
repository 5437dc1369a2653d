/** Threat Dragon boundary boxes: trust boundaries, their zones and nesting. */
import type { TrustBoundary } from '../../../model/document';
import type { Problem } from '../../../model/problems';
import type { Zone } from '../../../model/vocabulary';
import { joinList } from '../../shared/notes';
import { clamp, nonEmpty, quoted } from '../../shared/text';
import { MAX_NESTING } from './limits';
import type { ImportContext, Placed } from './context';
import { near, textAt } from './cells';
import { importThreats } from './threats';
import { keepElement } from './kept';

/** Boxes nested deeper than MAX_NESTING levels (one problem per over-deep chain, at its first box too deep). */
export function checkNesting(ctx: ImportContext): Problem[] {
  const byId = new Map(ctx.boundaries.map((b) => [b.id, b]));
  const depth = new Map<string, number>();
  // Cycles are broken already, so every walk up ends; each depth is worked out once.
  const depthOf = (start: TrustBoundary): number => {
    const chain: TrustBoundary[] = [];
    let current: TrustBoundary | undefined = start;
    let base = -1;
    while (current !== undefined) {
      const known = depth.get(current.id);
      if (known !== undefined) {
        base = known;
        break;
      }
      chain.push(current);
      current = current.parentId == null ? undefined : byId.get(current.parentId);
    }
    for (let k = chain.length - 1; k >= 0; k--) depth.set(chain[k]!.id, ++base);
    return depth.get(start.id)!;
  };
  return ctx.boundaries
    .filter((b) => depthOf(b) === MAX_NESTING)
    .slice(0, 10)
    .map((b) => ({
      path: ctx.boundaryWhere.get(b.id) ?? '$',
      message: `boundary boxes nest more than ${MAX_NESTING} levels deep here, and at most ${MAX_NESTING} levels of trust boundaries can be imported: move this box out of the boxes around it in Threat Dragon`,
    }));
}

export function importBox(
  ctx: ImportContext,
  box: Placed,
  shiftY: number,
  geometricParent: number,
  boxes: Placed[],
): void {
  const { entry, rect } = box;
  const { cell } = entry;
  const stored = entry.aitm?.kind === 'trustBoundary' ? entry.aitm : undefined;
  const label = clamp(
    nonEmpty(cell.data?.name) ??
      textAt(cell.attrs, 'label', 'text') ??
      textAt(cell.attrs, 'text', 'text') ??
      '',
    500,
  );
  const parentCell = geometricParent < 0 ? null : boxes[geometricParent]!.entry.cell.id;
  const geometricParentId = geometricParent < 0 ? undefined : boxes[geometricParent]!.entry.id;

  let zone: Zone;
  let parentId: string | null | undefined;
  let position = rect ? { x: rect.x, y: rect.y + shiftY } : undefined;
  let size =
    rect && rect.width > 0 && rect.height > 0 ? { width: rect.width, height: rect.height } : undefined;
  let description = nonEmpty(cell.data?.description);
  if (stored) {
    zone = stored.zone;
    parentId = parentCell === stored.box ? stored.parentId : geometricParentId;
    if (
      rect &&
      near(rect, stored.at) &&
      near({ x: rect.width, y: rect.height }, { x: stored.atSize.width, y: stored.atSize.height })
    ) {
      position = stored.position ?? undefined;
      size = stored.size ?? undefined;
    }
    if ((cell.data?.description ?? '') === (stored.description ?? '')) description = stored.description;
  } else {
    const guess = guessZone(label);
    zone = guess.zone;
    parentId = geometricParentId;
    ctx.notes.group(
      'zones',
      (items) =>
        `Threat Dragon boundaries have no zone; zones were guessed from the labels (set "internal" when nothing matched), check them: ${joinList(items)}.`,
      `${quoted(label || cell.id)} → ${zone}`,
    );
  }
  if (!rect)
    ctx.notes.add(`The boundary box at ${entry.where} has no position or size; nothing was placed in it.`);
  ctx.boundaryIds.add(entry.id);
  ctx.boundaryWhere.set(entry.id, entry.where);
  ctx.boundaries.push({
    id: entry.id,
    label,
    zone,
    ...(parentId !== undefined ? { parentId } : {}),
    ...(description !== undefined ? { description: clamp(description, 20_000) } : {}),
    ...(position ? { position } : {}),
    ...(size ? { size } : {}),
  });
  keepElement(ctx, entry, {});
  importThreats(ctx, entry, entry.id);
}

/**
 * A stored parent and a geometric one can disagree into a cycle; each cycle is cut where the walk
 * up from the first boundary (in order) that reaches it closes it. A parent that is no boundary
 * of the model is dropped. Linear: every boundary is walked over once.
 */
export function breakBoundaryCycles(ctx: ImportContext): void {
  const byId = new Map(ctx.boundaries.map((b) => [b.id, b]));
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Map<string, number>();
  for (const start of ctx.boundaries) {
    const path: TrustBoundary[] = [];
    let current: TrustBoundary | undefined = start;
    while (current !== undefined && state.get(current.id) === undefined) {
      state.set(current.id, ON_PATH);
      path.push(current);
      const parentId: string | null | undefined = current.parentId;
      if (parentId == null) break;
      const parent = byId.get(parentId);
      if (parent === undefined) {
        current.parentId = null;
        break;
      }
      if (state.get(parent.id) === ON_PATH) {
        ctx.notes.add(
          `Trust boundary ${quoted(current.label || current.id)} was nested inside itself; it is now top-level.`,
        );
        current.parentId = null;
        break;
      }
      current = parent;
    }
    for (const b of path) state.set(b.id, DONE);
  }
}

function guessZone(label: string): { zone: Zone } {
  const text = label.toLowerCase();
  if (/internet|public network|\bwww\b|\bweb\b client/.test(text)) return { zone: 'internet' };
  if (/\bdmz\b|demilitari[sz]ed|perimeter/.test(text)) return { zone: 'dmz' };
  if (/third[- ]?party|3rd[- ]?party|vendor|partner|\bsaas\b|external/.test(text))
    return { zone: 'third-party' };
  if (/restricted|high[- ]trust|secure zone/.test(text)) return { zone: 'restricted' };
  return { zone: 'internal' };
}
