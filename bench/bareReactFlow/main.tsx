/// <reference types="vite/client" />
/**
 * The yardstick of `npm run bench:ui`: plain React Flow 12 — default nodes and edges, its own
 * state, no store, no rules — drawing the benchmark's model (bench/canvasModel.ts) at the same
 * places, with the same viewport as the editor opened it in (`?x=&y=&zoom=`).
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  ReactFlow,
  type Edge,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { canvasModel } from '../canvasModel';

function initialElements(): { nodes: Node[]; edges: Edge[] } {
  const model = canvasModel();
  const origin = new Map(model.boundaries.map((b) => [b.id, b.position]));
  const nodes: Node[] = [
    ...model.boundaries.map((b): Node => ({
      id: b.id,
      type: 'group',
      position: b.position,
      data: { label: b.label },
      style: { width: b.size.width, height: b.size.height },
    })),
    ...model.components.map((c): Node => {
      const parent = origin.get(c.boundaryId)!;
      return {
        id: c.id,
        position: { x: c.position.x - parent.x, y: c.position.y - parent.y },
        parentId: c.boundaryId,
        data: { label: c.label },
      };
    }),
  ];
  const edges: Edge[] = model.flows.map((f) => ({
    id: f.id,
    source: f.sourceId,
    target: f.targetId,
    ...(f.label ? { label: f.label } : {}),
  }));
  return { nodes, edges };
}

const query = new URLSearchParams(location.search);
const viewport = {
  x: Number(query.get('x') ?? 40),
  y: Number(query.get('y') ?? 40),
  zoom: Number(query.get('zoom') ?? 1),
};

function Bare() {
  const [{ nodes: startNodes, edges: startEdges }] = useState(initialElements);
  const [nodes, setNodes] = useState(startNodes);
  const [edges, setEdges] = useState(startEdges);
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => setNodes((n) => applyNodeChanges(changes, n)),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => setEdges((e) => applyEdgeChanges(changes, e)),
    [],
  );
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onlyRenderVisibleElements
      defaultViewport={viewport}
      minZoom={0.05}
      maxZoom={2.5}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Bare />
  </StrictMode>,
);
