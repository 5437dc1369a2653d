import type { AppStore } from './createAppStore';

/**
 * The first analysis of the document a page load opens waits until the canvas is drawn: at 1,000
 * components it took about 60 ms in front of the first paint, for badges that can as well appear
 * a frame later. Until it is released the panels show no findings (selectors.ts), never those of
 * another document; an edit before then makes a new document, analysed at once as always.
 */
export function deferFirstAnalysis(store: AppStore): void {
  const { view, document } = store.getState();
  if (view === 'editor') store.getState().update({ analysisDeferredFor: document });
}

/** Analyses the deferred document now (once; nothing when none waits). */
export async function releaseDeferredAnalysis(store: AppStore): Promise<void> {
  if (store.getState().analysisDeferredFor === null) return;
  // Loaded with the editor already: this import only resolves it.
  const { findingsOf } = await import('./selectors');
  const s = store.getState();
  if (s.analysisDeferredFor === null) return;
  // Analysed before the field clears, so the panels' next read finds it (never a half state).
  if (s.analysisDeferredFor === s.document) findingsOf(s.document, s.library);
  store.getState().update({ analysisDeferredFor: null });
}

/** After the frame being drawn now is on screen (a frame, then a task after its paint). */
export function afterNextPaint(callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(callback, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
