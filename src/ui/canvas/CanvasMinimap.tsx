import { Panel, useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { afterNextPaint } from '../store/deferredAnalysis';
import type { CanvasNode } from './projectDocument';
import '../styles/minimap.css';

const WIDTH = 200;
const HEIGHT = 150;
/** Space around the drawn area, in minimap pixels (React Flow's MiniMap offsetScale). */
const OFFSET = 5;

interface Drawing {
  components: string;
  boundaries: string;
  bounds: { x: number; y: number; width: number; height: number } | null;
}

const rectPath = (x: number, y: number, w: number, h: number) => `M${x},${y}h${w}v${h}h${-w}z`;

/**
 * The minimap: every component and boundary as one SVG path each, and the viewport as a mask.
 * React Flow's MiniMap draws each node as a component of its own with its own store
 * subscription: a model of 3,000 components mounted 3,000 of them on open, and each drag or pan
 * frame ran a selector for each. It pans (drag) and zooms (wheel) the canvas like React Flow's.
 */
export function CanvasMinimap({ ariaLabel }: { ariaLabel: string }) {
  const store = useStoreApi();
  const flow = useReactFlow();
  const svg = useRef<SVGSVGElement>(null);
  const nodes = useStore((s) => s.nodes) as CanvasNode[];
  const [tx, ty, zoom, paneWidth, paneHeight] = useStore(
    useShallow((s) => [s.transform[0], s.transform[1], s.transform[2], s.width, s.height] as const),
  );

  // Redrawn when the nodes handed to React Flow change, from the absolute positions React Flow
  // worked out for them (a node in a boundary is placed relative to it) — but not on each frame
  // of a drag, and only after the frame that follows a change: the dragged node shows at its new
  // place a frame after the drop. A thousand rectangles drawn again per frame cost the zoomed-in
  // drag frames that the canvas itself does not, and on the drop's frame they delayed it.
  const [drawn, setDrawn] = useState(nodes);
  const dragging = nodes.some((n) => n.dragging);
  // The first nodes (a model opened) at once: there is no frame of a drop to keep short.
  if (drawn.length === 0 && nodes.length > 0 && !dragging) setDrawn(nodes);
  useEffect(() => {
    if (dragging || drawn === nodes) return;
    return afterNextPaint(() => setDrawn(nodes));
  }, [dragging, drawn, nodes]);
  const drawing = useMemo((): Drawing => {
    const lookup = store.getState().nodeLookup;
    let components = '';
    let boundaries = '';
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const node of drawn) {
      const internal = lookup.get(node.id);
      if (!internal || node.hidden) continue;
      const { x, y } = internal.internals.positionAbsolute;
      const w = internal.measured.width ?? node.width ?? 0;
      const h = internal.measured.height ?? node.height ?? 0;
      if (node.type === 'boundary') boundaries += rectPath(x, y, w, h);
      else components += rectPath(x, y, w, h);
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x + w);
      maxY = Math.max(maxY, y + h);
    }
    const bounds = minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
    return { components, boundaries, bounds };
  }, [drawn, store]);

  // As React Flow's MiniMap: the nodes and the viewport, fitted, centred, with a margin.
  const view = { x: -tx / zoom, y: -ty / zoom, width: paneWidth / zoom, height: paneHeight / zoom };
  const b = drawing.bounds;
  const box = b
    ? {
        x: Math.min(b.x, view.x),
        y: Math.min(b.y, view.y),
        width: Math.max(b.x + b.width, view.x + view.width) - Math.min(b.x, view.x),
        height: Math.max(b.y + b.height, view.y + view.height) - Math.min(b.y, view.y),
      }
    : view;
  const scale = Math.max(box.width / WIDTH, box.height / HEIGHT) || 1;
  const offset = OFFSET * scale;
  const x = box.x - (scale * WIDTH - box.width) / 2 - offset;
  const y = box.y - (scale * HEIGHT - box.height) / 2 - offset;
  const width = scale * WIDTH + offset * 2;
  const height = scale * HEIGHT + offset * 2;

  // Wheel zooms the canvas about its centre (not passive: the page must not scroll meanwhile).
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const step = -event.deltaY * (event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002);
      void flow.zoomTo(store.getState().transform[2] * Math.pow(2, step));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [flow, store]);

  // Dragging moves the viewport with the pointer: the mask follows it.
  const drag = useRef<{ x: number; y: number } | null>(null);
  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const last = drag.current;
    if (!last) return;
    drag.current = { x: event.clientX, y: event.clientY };
    const [vx, vy, vzoom] = store.getState().transform;
    // `scale` flow units per minimap pixel, as drawn now (this handler is made by each render),
    // at the size it is shown (smaller on a narrow canvas, minimap.css).
    const shown = event.currentTarget.getBoundingClientRect().width || WIDTH;
    const k = scale * vzoom * (WIDTH / shown);
    void flow.setViewport({
      x: vx - (event.clientX - last.x) * k,
      y: vy - (event.clientY - last.y) * k,
      zoom: vzoom,
    });
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    <Panel position="bottom-right" className="react-flow__minimap">
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${x} ${y} ${width} ${height}`}
        className="react-flow__minimap-svg canvas-minimap"
        role="img"
        aria-label={ariaLabel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <title>{ariaLabel}</title>
        <path className="canvas-minimap-boundaries" d={drawing.boundaries} />
        <path className="canvas-minimap-components" d={drawing.components} />
        <path
          className="react-flow__minimap-mask"
          d={`${rectPath(x - offset, y - offset, width + offset * 2, height + offset * 2)}${rectPath(view.x, view.y, view.width, view.height)}`}
          fillRule="evenodd"
          pointerEvents="none"
        />
      </svg>
    </Panel>
  );
}
