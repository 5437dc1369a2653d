import { createStore } from 'zustand/vanilla';
import type { AppServices } from '../store/StoreContext';
import { forgetToken } from './roomAddress';
import { CollabRefused, startCollabSession, type CollabSession, type StartOptions } from './collabSession';

/**
 * The one workshop session of this tab, for the collaboration UI (toolbar, canvas layer, dialogs).
 * The app store only holds its undo/redo hooks (AppState.collab); presence lives in the session's view.
 */
export const activeSession = createStore<{ session: CollabSession | null; joining: boolean }>()(() => ({
  session: null,
  joining: false,
}));

/** Starts (share) or joins a room; ends any session already open first. Returns the error message on failure. */
export async function openSession(
  services: AppServices,
  options: Omit<StartOptions, 'onEnded'>,
): Promise<string | null> {
  activeSession.getState().session?.close();
  activeSession.setState({ joining: true });
  try {
    const session = await startCollabSession(services, {
      ...options,
      onEnded: () => {
        if (activeSession.getState().session === session) activeSession.setState({ session: null });
        // Out of the room: a reload must not rejoin it with the token of this tab.
        if (typeof sessionStorage !== 'undefined') forgetToken(sessionStorage, options.url, options.room);
        // The address no longer names a room this tab is in.
        if (typeof history !== 'undefined' && location.search.includes('collab='))
          history.replaceState(history.state, '', `${location.pathname}${location.hash}`);
      },
    });
    activeSession.setState({ session, joining: false });
    return null;
  } catch (error) {
    activeSession.setState({ joining: false });
    if (error instanceof CollabRefused)
      return `Could not ${options.mode === 'share' ? 'start sharing' : 'join the room'}: ${error.message}.`;
    throw error;
  }
}
