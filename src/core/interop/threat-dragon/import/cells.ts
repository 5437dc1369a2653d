/** Reading Threat Dragon cells: geometry, ports and text where Threat Dragon keeps them. */
import { isObject } from '../../shared/isObject';
import type { Point, Rect } from '../../../layout/geometry';
import { nonEmpty } from '../../shared/text';
import type { TdCell } from '../schema';

/** 20000 → "20,000". */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const DEFAULT_NODE_SIZE = { width: 100, height: 100 };

const NEAR = 0.5;

export function rectOf(cell: TdCell, defaultSize: boolean): Rect | undefined {
  if (!cell.position) return undefined;
  const size = cell.size ?? (defaultSize ? DEFAULT_NODE_SIZE : undefined);
  if (!size) return undefined;
  return { x: cell.position.x, y: cell.position.y, width: size.width, height: size.height };
}

export function near(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) <= NEAR && Math.abs(a.y - b.y) <= NEAR;
}

export function portIds(ports: unknown): string[] {
  if (!isObject(ports) || !Array.isArray(ports['items'])) return [];
  return ports['items'].flatMap((item) =>
    isObject(item) && typeof item['id'] === 'string' ? [item['id']] : [],
  );
}

/** A string at `attrs[a][b]`, when there is a non-empty one. */
export function textAt(attrs: unknown, a: string, b: string): string | undefined {
  if (!isObject(attrs)) return undefined;
  const inner = attrs[a];
  if (!isObject(inner)) return undefined;
  const value = inner[b];
  return typeof value === 'string' ? nonEmpty(value) : undefined;
}

/** The visible name of a flow, in any of the label layouts Threat Dragon has written. */
export function flowLabel(labels: unknown): string | undefined {
  if (!Array.isArray(labels)) return undefined;
  const first: unknown = labels[0];
  if (!isObject(first)) return typeof first === 'string' ? nonEmpty(first) : undefined;
  return (
    textAt(first['attrs'], 'labelText', 'text') ??
    textAt(first['attrs'], 'label', 'text') ??
    textAt(first['attrs'], 'text', 'text')
  );
}
