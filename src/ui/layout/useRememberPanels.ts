import { useEffect } from 'react';
import { panelPreferenceOf, savePanelPreference } from '../platform/panelPreference';
import { useStoreApi } from '../store/StoreContext';

/**
 * Stores the panel layout when the user changes it, so a reload opens the editor as they left it.
 * Only changes are stored: a first visit on a narrow screen does not pin its collapsed default.
 */
export function useRememberPanels(): void {
  const store = useStoreApi();
  useEffect(
    () =>
      store.subscribe((next, previous) => {
        const a = panelPreferenceOf(next);
        const b = panelPreferenceOf(previous);
        if (
          a.leftPanelOpen !== b.leftPanelOpen ||
          a.rightPanelOpen !== b.rightPanelOpen ||
          a.minimapShown !== b.minimapShown
        )
          savePanelPreference(a);
      }),
    [store],
  );
}
