/**
 * The canvas benchmark's model as plain data (no core import): 10 boundaries, 1,000 components on
 * a grid inside them, 2,000 flows — mostly neighbours, some long links. `npm run bench:ui` opens it
 * in the editor (as a document) and in the bare React Flow page (as default nodes and edges), so
 * both draw the same elements at the same places.
 */
export const CANVAS_COMPONENTS = 1000;
export const CANVAS_FLOWS = 2000;
const BOUNDARIES = 10;
const PER_ROW = 40;
const TYPES = [
  'user',
  'data-source',
  'data-pipeline',
  'vector-store',
  'llm-app',
  'llm',
  'agent',
  'agent-tool',
  'inference-api',
  'data-store',
  'monitoring',
  'guardrail',
];

export interface CanvasModel {
  boundaries: {
    id: string;
    label: string;
    zone: 'internet' | 'internal';
    position: { x: number; y: number };
    size: { width: number; height: number };
  }[];
  components: {
    id: string;
    type: string;
    label: string;
    boundaryId: string;
    position: { x: number; y: number };
  }[];
  flows: { id: string; sourceId: string; targetId: string; label: string }[];
}

export function canvasModel(): CanvasModel {
  const rowsPerBoundary = Math.ceil(CANVAS_COMPONENTS / PER_ROW / BOUNDARIES);
  const boundaries: CanvasModel['boundaries'] = [];
  for (let b = 0; b < BOUNDARIES; b++)
    boundaries.push({
      id: `tb-${b}`,
      label: `Zone ${b}`,
      zone: b === 0 ? 'internet' : 'internal',
      position: { x: -24, y: b * rowsPerBoundary * 120 - 48 },
      size: { width: PER_ROW * 240 + 24, height: rowsPerBoundary * 120 + 16 },
    });
  const components: CanvasModel['components'] = [];
  for (let i = 0; i < CANVAS_COMPONENTS; i++) {
    const row = Math.floor(i / PER_ROW);
    components.push({
      id: `c-${i}`,
      type: TYPES[i % TYPES.length]!,
      label: `Component ${i}`,
      boundaryId: `tb-${Math.min(BOUNDARIES - 1, Math.floor(row / rowsPerBoundary))}`,
      position: { x: (i % PER_ROW) * 240, y: row * 120 },
    });
  }
  const flows: CanvasModel['flows'] = [];
  for (let k = 0; k < CANVAS_FLOWS; k++) {
    const source = k % CANVAS_COMPONENTS;
    const target =
      k < CANVAS_COMPONENTS ? (source + 1) % CANVAS_COMPONENTS : (source * 7 + 13) % CANVAS_COMPONENTS;
    flows.push({
      id: `f-${k}`,
      sourceId: `c-${source}`,
      targetId: `c-${target === source ? (target + 1) % CANVAS_COMPONENTS : target}`,
      label: k % 10 === 0 ? `flow ${k}` : '',
    });
  }
  return { boundaries, components, flows };
}
