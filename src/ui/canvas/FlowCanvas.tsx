import {
  applyEdgeChanges,
  applyNodeChanges,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  ConnectionMode,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type NodePositionChange,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { MinimapToggle } from '../layout/MinimapToggle';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { connectComponents } from '../store/elementActions';
import { componentsById } from '../store/selectors';
import { CollabPresenceMount } from '../collab/CollabPresenceMount';
import { BoundaryDrawingLayer } from './BoundaryDrawingLayer';
import { CanvasDots } from './CanvasDots';
import { CanvasMinimap } from './CanvasMinimap';
import { edgeTypes, nodeTypes } from './canvasTypes';
import { FlowMarkers } from './FlowMarkers';
import { commitMoves } from './commitMoves';
import { GRID } from './geometry';
import { PALETTE_MIME } from './paletteDrag';
import { dropFromPalette } from './paletteDrop';
import { advanceProjection, startProjection } from './canvasProjection';
import { projectEdges, projectNodes, type CanvasNode, type FlowEdgeType } from './projectDocument';
import { createLabelSlots, LabelSlotsContext } from './labelSlots';
import { useLevelOfDetail } from './levelOfDetail';
import { useCanvasBridge } from './useCanvasBridge';
import { useDeferredAnalysis } from './useDeferredAnalysis';

const SNAP: [number, number] = [GRID, GRID];
const DEFAULT_VIEWPORT = { x: 40, y: 40, zoom: 1 };

/**
 * The React Flow adapter. Nodes live in canvas state while dragging (drag frames never touch the
 * document or the engine); a drag's end, a connection, a resize or a drop becomes one document
 * command. Selection is UI state in the store, shared with the outline and the threat panel.
 * Every node is handed over at once, however large the model: nodes carry their size and handles
 * (projectDocument.ts), so React Flow mounts only those on screen. (Handing a large model over a
 * hundred nodes a frame made React Flow take in the growing lists again on each of those frames.)
 */
function CanvasInner() {
  const store = useStoreApi();
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const doc = useAppStore((s) => s.document);
  const selection = useAppStore((s) => s.selection);
  const snapToGrid = useAppStore((s) => s.snapToGrid);
  // Hidden during review too: the finding's element must never sit under it.
  const minimapShown = useAppStore((s) => s.minimapShown && s.review === null);
  // Level of detail: far out, labels collide and detail costs most of the painting (levelOfDetail.ts).
  const detail = useLevelOfDetail();
  useCanvasBridge(wrapper);
  useDeferredAnalysis();

  const [projected, setProjected] = useState(() => startProjection(doc, selection));
  const [nodes, setNodes] = useState<CanvasNode[]>(() => projectNodes(doc, projected.selected, []));
  const [edges, setEdges] = useState<FlowEdgeType[]>(() =>
    projectEdges(doc, projected.selected, [], projected.layouts),
  );
  if (projected.doc !== doc || projected.selection !== selection) {
    // Re-project during render (not in an effect) so no frame shows stale nodes; from the change,
    // not the whole model (canvasProjection.ts).
    const next = advanceProjection(projected, doc, selection, nodes, edges);
    setProjected(next.projection);
    setNodes(next.nodes);
    setEdges(next.edges);
  }
  // The labels' spots, beside the edges (labelSlots.ts): told to the edges before the frame is drawn.
  const [labelSlots] = useState(() => createLabelSlots(projected.layouts, projected.doc));
  useLayoutEffect(() => labelSlots.publish(projected.layouts, projected.doc), [labelSlots, projected]);

  const applySelection = useCallback(
    (changes: readonly { id: string; selected: boolean }[]) => {
      if (changes.length === 0) return;
      const next = new Set(store.getState().selection);
      for (const c of changes) {
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      store.getState().select([...next]);
    },
    [store],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
      if (local.length) setNodes((current) => applyNodeChanges(local, current));
      const ended = changes.filter(
        (c): c is NodePositionChange =>
          c.type === 'position' && c.dragging === false && c.position !== undefined,
      );
      if (ended.length) {
        const moved = ended.flatMap((c) => {
          const internal = flow.getInternalNode(c.id);
          return internal ? [{ id: c.id, position: internal.internals.positionAbsolute }] : [];
        });
        store.getState().change((d) => commitMoves(d, moved));
      }
      applySelection(
        changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : [])),
      );
    },
    [flow, store, applySelection],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdgeType>[]) => {
      const local = changes.filter((c) => c.type !== 'select' && c.type !== 'remove');
      if (local.length) setEdges((current) => applyEdgeChanges(local, current));
      applySelection(
        changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : [])),
      );
    },
    [applySelection],
  );

  const onConnect = useCallback(
    (c: Connection) => void connectComponents(store, c.source, c.target),
    [store],
  );
  const isValidConnection = useCallback(
    (c: Connection | FlowEdgeType) => {
      const components = componentsById(store.getState().document);
      return c.source !== c.target && components.has(c.source) && components.has(c.target);
    },
    [store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const typeId = event.dataTransfer.getData(PALETTE_MIME);
      if (!typeId) return;
      event.preventDefault();
      event.stopPropagation();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      dropFromPalette(store, typeId, at);
    },
    [flow, store],
  );

  return (
    <LabelSlotsContext value={labelSlots}>
      <div
        className={detail.className}
        style={detail.style}
        ref={wrapper}
        onDragOver={onDragOver}
        onDrop={onDrop}
      >
        <ReactFlow<CanvasNode, FlowEdgeType>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          deleteKeyCode={null}
          elevateNodesOnSelect={false}
          snapToGrid={snapToGrid}
          snapGrid={SNAP}
          onlyRenderVisibleElements
          // No fitView: a model opens at a readable zoom (useCanvasBridge, openingViewport.ts).
          connectionMode={ConnectionMode.Loose}
          defaultViewport={DEFAULT_VIEWPORT}
          minZoom={0.05}
          maxZoom={2.5}
          proOptions={{ hideAttribution: true }}
          aria-label="Model canvas"
        >
          <FlowMarkers />
          <CanvasDots gap={GRID} size={1} />
          {minimapShown && <CanvasMinimap ariaLabel="Minimap" />}
          <Controls showInteractive={false} aria-label="Zoom controls">
            <MinimapToggle />
          </Controls>
          <BoundaryDrawingLayer />
          <CollabPresenceMount />
        </ReactFlow>
      </div>
    </LabelSlotsContext>
  );
}

export function FlowCanvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  );
}
