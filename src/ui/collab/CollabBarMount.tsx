import { lazy, Suspense } from 'react';
import { useAppStore } from '../store/StoreContext';

// Loaded only when a room is in play, so the first paint carries nothing of Yjs or Hocuspocus.
const CollabBar = lazy(() => import('./CollabBar'));

/** Read once at start: the tab was opened on a workshop link (`?collab=`). */
const openedOnRoomLink =
  typeof location !== 'undefined' && new URLSearchParams(location.search).has('collab');

/** The toolbar's room controls and the Share / Join dialogs, once sharing or joining is asked for. */
export function CollabBarMount() {
  const wanted = useAppStore((s) => s.shareOpen || s.collab !== null);
  if (!wanted && !openedOnRoomLink) return null;
  return (
    <Suspense fallback={null}>
      <CollabBar />
    </Suspense>
  );
}
