import { useReactFlow } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { useAppStore, useServices } from '../store/StoreContext';
import { flowsById } from '../store/selectors';
import { documentBounds, readableViewport } from './openingViewport';

/** Above this many components a model opens on its first ones, not fitted whole (see openingView). */
export const LARGE_MODEL_COMPONENTS = 400;

/**
 * The nodes a freshly opened model is shown on: all of them (null), or for a large model its
 * first components. Showing thousands of nodes draws every one of them at once, which froze the
 * page for seconds; Fit view (F) still shows the whole model when asked. Either way the model
 * opens at a readable zoom (readableViewport).
 */
export function openingView(doc: { components: readonly { id: string }[] }): { id: string }[] | null {
  if (doc.components.length <= LARGE_MODEL_COMPONENTS) return null;
  return doc.components.slice(0, 100).map((c) => ({ id: c.id }));
}

/**
 * Registers the canvas with the bridge (so toolbar commands can fit, zoom and find the centre) and
 * follows focus requests from review mode and the outline by bringing the element into view.
 */
export function useCanvasBridge(wrapper: RefObject<HTMLElement | null>): void {
  const { canvas: canvasRef, store } = useServices();
  const flow = useReactFlow();
  const focusRequest = useAppStore((s) => s.focusRequest);

  useEffect(() => {
    // React Flow's viewport promises only say when an animation ends and never reject: ignored.
    canvasRef.current = {
      fitView: () => void flow.fitView({ duration: 200, padding: 0.15, maxZoom: 1 }),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      viewportCenter: () => {
        const rect = wrapper.current?.getBoundingClientRect();
        if (!rect) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      },
      toImage: async (format) => {
        // Drawn from the document, so nothing on screen needs to be measured or uncull.
        const { renderDiagramImage } = await import('./diagramImage');
        const { document, library } = store.getState();
        return renderDiagramImage(document, library, format);
      },
    };
    return () => {
      canvasRef.current = null;
    };
  }, [canvasRef, flow, wrapper, store]);

  useEffect(() => {
    // Wait a frame so the canvas has its size (and freshly projected nodes are in place).
    const handle = requestAnimationFrame(() => {
      // A model just opened (or the canvas just shown with one): at a readable zoom.
      if (!focusRequest || focusRequest.id === '*') {
        const doc = store.getState().document;
        const start = openingView(doc);
        const bounds = documentBounds(doc, start ? new Set(start.map((n) => n.id)) : undefined);
        const rect = wrapper.current?.getBoundingClientRect();
        if (bounds && rect) void flow.setViewport(readableViewport(bounds, rect));
        return;
      }
      const dataFlow = flowsById(store.getState().document).get(focusRequest.id);
      const ids = dataFlow ? [dataFlow.sourceId, dataFlow.targetId] : [focusRequest.id];
      void flow.fitView({ nodes: ids.map((id) => ({ id })), duration: 250, padding: 0.6, maxZoom: 1.25 });
    });
    return () => cancelAnimationFrame(handle);
  }, [focusRequest, flow, store, wrapper]);
}
