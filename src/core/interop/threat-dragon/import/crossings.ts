/** Threat Dragon boundary curves: which flows cross them. */
import type { Point } from '../../../layout/geometry';
import { Polyline, simplifyPolyline } from '../../shared/polyline';
import { joinList } from '../../shared/notes';
import { quoted } from '../../shared/text';
import type { TdCell } from '../schema';
import { MAX_VERTICES, MAX_CROSSING_TESTS } from './limits';
import type { ImportContext, Entry, Curve } from './context';
import { count } from './cells';

/**
 * Whether a flow crosses a boundary curve: named in its `trustBoundaryIds`, or its path (source
 * centre, vertices, target centre) intersects the curve's polyline. The geometric tests share one
 * budget for the whole import; flows left untested when it runs out are listed in a note.
 */
export function crossesCurve(
  ctx: ImportContext,
  entry: Entry,
  label: string,
  source: { cell: string },
  target: { cell: string },
  nodeCentre: Map<string, Point>,
  curves: { list: readonly Curve[]; ids: ReadonlySet<string> },
): boolean {
  if (curves.list.length === 0) return false;
  const hinted = entry.cell.data?.trustBoundaryIds ?? [];
  if (hinted.some((id) => typeof id === 'string' && curves.ids.has(id))) return true;
  const from = nodeCentre.get(source.cell);
  const to = nodeCentre.get(target.cell);
  if (!from || !to) return false;
  const path = new Polyline([from, ...verticesOf(ctx, entry), to]);
  for (const curve of curves.list) {
    if (curve.points.length < 2) continue;
    const crosses = path.intersects(curve.line, ctx.crossingBudget);
    if (crosses === true) return true;
    if (crosses === undefined) {
      ctx.notes.group(
        'untested',
        (items) =>
          `The diagrams' geometry is too large to test every flow against every boundary curve (more than ${count(MAX_CROSSING_TESTS)} tests), so these flows were not tested and are not marked "crosses a boundary" unless Threat Dragon says so; check them: ${joinList(items)}.`,
        `${entry.where}${label ? ` (${quoted(label)})` : ''}`,
      );
      return false;
    }
  }
  return false;
}

/** An edge's vertices, at most MAX_VERTICES of them (evenly spaced ones kept, with a note). */
export function verticesOf(ctx: ImportContext, entry: Entry): Point[] {
  const vertices = (entry.cell.vertices ?? []).map((v) => ({ x: v.x, y: v.y }));
  if (vertices.length <= MAX_VERTICES) return vertices;
  ctx.notes.group(
    'vertices',
    (items) =>
      `Edges with more than ${count(MAX_VERTICES)} vertices were simplified to ${count(MAX_VERTICES)} evenly spaced ones before testing which flows cross boundary curves, so those crossings are approximate: ${joinList(items)}.`,
    `${entry.where}.vertices`,
  );
  return simplifyPolyline(vertices, MAX_VERTICES);
}

/** The points of a boundary curve: its source, vertices and target (free points, or attached cells' centres). */
export function polyline(cell: TdCell, vertices: Point[], nodeCentre: Map<string, Point>): Point[] {
  const end = (e: TdCell['source']): Point | undefined => {
    if (!e) return undefined;
    if (typeof e.x === 'number' && typeof e.y === 'number') return { x: e.x, y: e.y };
    return e.cell === undefined ? undefined : nodeCentre.get(e.cell);
  };
  const points = [end(cell.source), ...vertices, end(cell.target)];
  return points.filter((p): p is Point => p !== undefined);
}
