import { useReactFlow } from '@xyflow/react';
import { useEffect, useState, type PointerEvent } from 'react';
import type { Position } from '../../core';
import { addBoundaryAt } from '../store/elementActions';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import '../styles/boundaryDrawing.css';

/** A drag shorter than this (screen pixels) either way is a click: it draws nothing. */
const MIN_DRAWN = 12;

interface Drag {
  start: Position;
  end: Position;
  /** The layer's top-left corner on screen when the drag began (the dashed box is drawn in it). */
  origin: Position;
}

/**
 * "Draw boundary" mode: while it is on, a layer over the canvas turns a pointer drag into a dashed
 * rectangle and, on release, a trust boundary of exactly that rectangle (which nests and captures
 * by geometry, see addBoundaryAt). Escape, or a click without a drag, leaves the mode. Rendered as
 * a child of <ReactFlow>, so it has the viewport to turn screen points into document points.
 */
export function BoundaryDrawingLayer() {
  const store = useStoreApi();
  const flow = useReactFlow();
  const active = useAppStore((s) => s.drawingBoundary);
  const [drag, setDrag] = useState<Drag | null>(null);
  if (!active && drag) setDrag(null);

  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      store.getState().update({ drawingBoundary: false });
    };
    // Capture: Escape ends drawing before it clears the selection or closes anything else.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active, store]);

  if (!active) return null;
  const client = (e: PointerEvent): Position => ({ x: e.clientX, y: e.clientY });
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    const { left, top } = e.currentTarget.getBoundingClientRect();
    setDrag({ start: client(e), end: client(e), origin: { x: left, y: top } });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ ...drag, end: client(e) });
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const end = client(e);
    setDrag(null);
    store.getState().update({ drawingBoundary: false });
    if (Math.abs(end.x - drag.start.x) < MIN_DRAWN || Math.abs(end.y - drag.start.y) < MIN_DRAWN) return;
    const a = flow.screenToFlowPosition(drag.start, { snapToGrid: false });
    const b = flow.screenToFlowPosition(end, { snapToGrid: false });
    addBoundaryAt(store, {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.abs(b.x - a.x),
      height: Math.abs(b.y - a.y),
    });
  };

  const box = drag
    ? {
        left: Math.min(drag.start.x, drag.end.x) - drag.origin.x,
        top: Math.min(drag.start.y, drag.end.y) - drag.origin.y,
        width: Math.abs(drag.end.x - drag.start.x),
        height: Math.abs(drag.end.y - drag.start.y),
      }
    : null;
  return (
    <div
      className="boundary-drawing-layer"
      data-testid="boundary-drawing-layer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
    >
      <p className="boundary-drawing-hint" role="status">
        Drag a rectangle around what the trust boundary holds · Escape cancels
      </p>
      {box && <div className="boundary-drawing-rect" style={box} aria-hidden="true" />}
    </div>
  );
}
