/**
 * Threat Dragon version 1 models (JointJS diagrams under `diagramJson.cells`, properties on the cell
 * itself) read as version 2 ones. Our own code, following what Threat Dragon 2 does when it opens a
 * v1 file (td.vue/src/service/migration: cells.js, data.js, edges.js, nodes.js):
 * - `tm.Actor` / `tm.Process` / `tm.Store` become actor / process / store nodes with the same id,
 *   position, size and z order; the label is the cell's `attrs.text.text`;
 * - `tm.Flow` becomes a flow edge and `tm.Boundary` a boundary curve (an edge), with the same
 *   source, target and vertices; v1 ends name their node as `{ id }`, v2 as `{ cell }`;
 * - the properties move under `data`: name, description, out of scope and its reason, threats, and
 *   the flags of flows (protocol, encrypted, public network), stores and actors;
 * - threats get a `modelType` from their type and an id when they have none. Threat Dragon makes a
 *   random one; ours is derived from the cell id and position, so the same file always imports
 *   the same way.
 */
import { isObject } from '../../shared/isObject';
import { stableUuid } from '../../shared/stableUuid';
import { STRIDE_LABELS } from '../mapping';

const NODE_SHAPES: Record<string, string> = {
  'tm.Actor': 'actor',
  'tm.Process': 'process',
  'tm.Store': 'store',
};

const STRIDE_WORDS = new Set(Object.values(STRIDE_LABELS).map((l) => l.toLowerCase()));

/** Whether a parsed file is a v1 model: a diagram carries the JointJS `diagramJson`. */
export function isVersion1(input: Record<string, unknown>): boolean {
  const detail = input['detail'];
  if (!isObject(detail) || !Array.isArray(detail['diagrams'])) return false;
  return detail['diagrams'].some((d) => isObject(d) && d['diagramJson'] !== undefined);
}

export function convertVersion1(input: Record<string, unknown>): Record<string, unknown> {
  const detail = input['detail'] as Record<string, unknown>;
  const diagrams = (detail['diagrams'] as unknown[]).map((d) => (isObject(d) ? diagram(d) : d));
  return { ...input, detail: { ...detail, diagrams } };
}

function diagram(input: Record<string, unknown>): Record<string, unknown> {
  const { diagramJson, ...rest } = input;
  if (diagramJson === undefined) return input;
  const cells = isObject(diagramJson) && Array.isArray(diagramJson['cells']) ? diagramJson['cells'] : [];
  // Version 1 knew STRIDE only.
  const diagramType = typeof rest['diagramType'] === 'string' ? rest['diagramType'] : 'STRIDE';
  return {
    ...rest,
    diagramType,
    cells: cells.map((c) => (isObject(c) ? cell(c, diagramType) : c)),
  };
}

function cell(c: Record<string, unknown>, diagramType: string): Record<string, unknown> {
  const type = typeof c['type'] === 'string' ? c['type'] : '';
  const id = typeof c['id'] === 'string' ? c['id'] : '';
  const node = NODE_SHAPES[type];
  const data = cellData(c, type, id, diagramType);
  if (node) {
    return {
      id,
      shape: node,
      ...(isObject(c['position']) ? { position: c['position'] } : {}),
      ...(isObject(c['size']) ? { size: c['size'] } : {}),
      ...(typeof c['z'] === 'number' ? { zIndex: c['z'] } : {}),
      attrs: { text: { text: textOf(c['attrs']) ?? '' } },
      data,
    };
  }
  if (type === 'tm.Flow' || type === 'tm.Boundary') {
    return {
      id,
      shape: type === 'tm.Flow' ? 'flow' : 'trust-boundary-curve',
      ...(end(c['source']) ? { source: end(c['source']) } : {}),
      ...(end(c['target']) ? { target: end(c['target']) } : {}),
      ...(Array.isArray(c['vertices']) ? { vertices: c['vertices'] } : {}),
      ...(typeof c['z'] === 'number' ? { zIndex: c['z'] } : {}),
      connector: 'smooth',
      labels: edgeLabels(c),
      data,
    };
  }
  // An unknown v1 cell: kept with its type, so that the importer names it in its notes.
  return { id, shape: type, data };
}

/** v1 ends: `{ id }` of a node, or a free point `{ x, y }`. */
function end(value: unknown): Record<string, unknown> | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value['id'] === 'string') return { cell: value['id'] };
  if (typeof value['x'] === 'number' && typeof value['y'] === 'number')
    return { x: value['x'], y: value['y'] };
  return undefined;
}

function edgeLabels(c: Record<string, unknown>): unknown[] {
  if (!Array.isArray(c['labels'])) return [];
  return c['labels'].flatMap((label) => {
    if (!isObject(label)) return [];
    const text = textOf(label['attrs']);
    return text === undefined ? [] : [{ position: label['position'], attrs: { label: { text } } }];
  });
}

function textOf(attrs: unknown): string | undefined {
  if (!isObject(attrs) || !isObject(attrs['text'])) return undefined;
  const text = attrs['text']['text'];
  return typeof text === 'string' ? text : undefined;
}

function cellData(
  c: Record<string, unknown>,
  type: string,
  id: string,
  diagramType: string,
): Record<string, unknown> {
  const firstLabel = Array.isArray(c['labels']) && isObject(c['labels'][0]) ? c['labels'][0] : undefined;
  const name =
    (typeof c['name'] === 'string' && c['name'] !== '' ? c['name'] : undefined) ??
    textOf(c['attrs']) ??
    (firstLabel ? textOf(firstLabel['attrs']) : undefined) ??
    '';
  const data: Record<string, unknown> = {
    name,
    description: typeof c['description'] === 'string' ? c['description'] : '',
    type,
    isTrustBoundary: type === 'tm.Boundary',
  };
  if (type !== 'tm.Boundary') {
    data['outOfScope'] = c['outOfScope'] === true;
    data['reasonOutOfScope'] = typeof c['reasonOutOfScope'] === 'string' ? c['reasonOutOfScope'] : '';
    const threats = Array.isArray(c['threats']) ? c['threats'] : [];
    data['threats'] = threats.map((t, k) => (isObject(t) ? threat(t, id, k, diagramType) : t));
    data['hasOpenThreats'] = threats.some((t) => isObject(t) && t['status'] === 'Open');
  }
  if (type === 'tm.Flow') {
    data['protocol'] = typeof c['protocol'] === 'string' ? c['protocol'] : '';
    data['isEncrypted'] = c['isEncrypted'] === true;
    data['isPublicNetwork'] = c['isPublicNetwork'] === true;
  }
  if (type === 'tm.Store') {
    for (const flag of ['isALog', 'storesCredentials', 'isEncrypted', 'isSigned'])
      data[flag] = c[flag] === true;
  }
  if (type === 'tm.Actor') data['providesAuthentication'] = c['providesAuthentication'] === true;
  if (type === 'tm.Process' && typeof c['privilegeLevel'] === 'string')
    data['privilegeLevel'] = c['privilegeLevel'];
  return data;
}

function threat(
  t: Record<string, unknown>,
  cellId: string,
  k: number,
  diagramType: string,
): Record<string, unknown> {
  const type = typeof t['type'] === 'string' ? t['type'] : '';
  const modelType = STRIDE_WORDS.has(type.toLowerCase()) ? 'STRIDE' : diagramType;
  const id =
    typeof t['id'] === 'string' && t['id'] !== '' ? t['id'] : stableUuid(`td-v1-threat:${cellId}:${k}`);
  return { ...t, id, modelType };
}
