import { lazy, Suspense } from 'react';
import { useAppStore } from '../store/StoreContext';

// Yjs and the provider load only when a room is joined: the editor's chunk does not carry them.
const PresenceLayer = lazy(() => import('./PresenceLayer'));

/** Mounted inside the canvas (FlowCanvas.tsx): peers' cursors and selections while in a room. */
export function CollabPresenceMount() {
  const inRoom = useAppStore((s) => s.collab !== null);
  if (!inRoom) return null;
  return (
    <Suspense fallback={null}>
      <PresenceLayer />
    </Suspense>
  );
}
