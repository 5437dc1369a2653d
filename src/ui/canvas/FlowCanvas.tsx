import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
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
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { MinimapToggle } from '../layout/MinimapToggle';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { connectComponents } from '../store/elementActions';
import { componentsById } from '../store/selectors';
import { CollabPresenceMount } from '../collab/CollabPresenceMount';
import { BoundaryDrawingLayer } from './BoundaryDrawingLayer';
import { CanvasMinimap } from './CanvasMinimap';
import { edgeTypes, nodeTypes } from './canvasTypes';
import { commitMoves } from './commitMoves';
import { GRID } from './geometry';
import { PALETTE_MIME } from './paletteDrag';
import { dropFromPalette } from './paletteDrop';
import { advanceProjection, startProjection } from './canvasProjection';
import { projectEdges, projectNodes, type CanvasNode, type FlowEdgeType } from './projectDocument';
import { useLevelOfDetail } from './levelOfDetail';
import { useCanvasBridge } from './useCanvasBridge';
import { useDeferredAnalysis } from './useDeferredAnalysis';

const SNAP: [number, number] = [GRID, GRID];
/**
 * React Flow mounts every node once to measure it, whatever the viewport; a freshly opened model
 * of thousands of components is handed over this many nodes a frame, so no frame takes seconds.
 */
const REVEAL_PER_FRAME = 120;
const DEFAULT_VIEWPORT = { x: 40, y: 40, zoom: 1 };

/**
 * The React Flow adapter. Nodes live in canvas state while dragging (drag frames never touch the
 * document or the engine); a drag's end, a connection, a resize or a drop becomes one document
 * command. Selection is UI state in the store, shared with the outline and the threat panel.
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

  // Nodes handed to React Flow so far: all of them, except just after a large model was opened.
  const opening = useAppStore((s) => (s.focusRequest?.id === '*' ? s.focusRequest.nonce : null));
  const [reveal, setReveal] = useState({ opening, count: REVEAL_PER_FRAME });
  if (opening !== null && opening !== reveal.opening) setReveal({ opening, count: REVEAL_PER_FRAME });
  const revealing = reveal.count < nodes.length;
  useEffect(() => {
    if (!revealing) return;
    const frame = requestAnimationFrame(() =>
      setReveal((r) => ({ ...r, count: r.count + REVEAL_PER_FRAME })),
    );
    return () => cancelAnimationFrame(frame);
  }, [revealing, reveal.count]);
  const shownNodes = useMemo(
    () => (revealing ? nodes.slice(0, reveal.count) : nodes),
    [nodes, revealing, reveal.count],
  );
  const shownEdges = useMemo(() => {
    if (!revealing) return edges;
    const shown = new Set(shownNodes.map((n) => n.id));
    return edges.filter((e) => shown.has(e.source) && shown.has(e.target));
  }, [edges, shownNodes, revealing]);

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
    <div
      className={detail.className}
      style={detail.style}
      ref={wrapper}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<CanvasNode, FlowEdgeType>
        nodes={shownNodes}
        edges={shownEdges}
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
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1} />
        {minimapShown && <CanvasMinimap ariaLabel="Minimap" />}
        <Controls showInteractive={false} aria-label="Zoom controls">
          <MinimapToggle />
        </Controls>
        <BoundaryDrawingLayer />
        <CollabPresenceMount />
      </ReactFlow>
    </div>
  );
}

export function FlowCanvas() {
  return (
    <ReactFlowProvider>
      <CanvasInner />
    </ReactFlowProvider>
  );
}
