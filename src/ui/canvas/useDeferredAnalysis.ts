import { useStore as useFlowStore } from '@xyflow/react';
import { useEffect } from 'react';
import { afterNextPaint, releaseDeferredAnalysis } from '../store/deferredAnalysis';
import { useAppStore, useStoreApi } from '../store/StoreContext';

/**
 * Releases the first analysis of the document a page load opened (deferredAnalysis.ts) once the
 * canvas has drawn its nodes: React Flow renders nodes once it knows the pane's size, so after
 * the paint that follows, the badges come a frame later instead of the canvas coming 60 ms later.
 */
export function useDeferredAnalysis(): void {
  const store = useStoreApi();
  const waiting = useAppStore((s) => s.analysisDeferredFor !== null);
  const sized = useFlowStore((s) => s.width > 0 && s.height > 0);
  useEffect(() => {
    if (!waiting || !sized) return;
    return afterNextPaint(() => void releaseDeferredAnalysis(store));
  }, [waiting, sized, store]);
}
