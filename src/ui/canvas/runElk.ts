import type { ElkNodeShape } from '../../core';

/**
 * ELK, loaded on demand (1.6 MB, needed only to lay out) as its bundled build, which runs in the
 * calling thread: the app lays out inside its own background worker, so no second worker (and no
 * second script URL for the Trusted Types policy) is needed. The bundled build has no eval or
 * Function constructor, so it runs under the page's CSP.
 */
export interface ElkEngine {
  layout(graph: ElkNodeShape): Promise<ElkNodeShape>;
}

let engine: Promise<ElkEngine> | null = null;

async function load(): Promise<ElkEngine> {
  const scope = globalThis as { onmessage?: unknown };
  // In a worker (no `document`), elk.bundled.js installs itself as the worker's message handler,
  // replacing ours: the background worker's handler is put back, so its protocol stays its own.
  const handler = scope.onmessage;
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  if ('onmessage' in scope && scope.onmessage !== handler) scope.onmessage = handler;
  const elk = new ELK();
  return {
    async layout(graph) {
      try {
        return (await elk.layout(graph as Parameters<typeof elk.layout>[0])) as ElkNodeShape;
      } catch (error) {
        throw error instanceof Error ? error : new Error(describeElkError(error));
      }
    },
  };
}

/** The engine; rejects when its chunk cannot be loaded (and tries again on the next call). */
export function elkEngine(): Promise<ElkEngine> {
  engine ??= load().catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** ELK rejects with its own (Java-style) exception objects rather than Errors. */
function describeElkError(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; g?: unknown };
    if (typeof e.message === 'string' && e.message) return e.message;
    if (typeof e.g === 'string' && e.g) return e.g;
  }
  return String(error);
}
