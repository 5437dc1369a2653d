import { useEffect } from 'react';
import { useServices } from '../store/StoreContext';
import { COMMANDS, runCommand } from './commandRegistry';
import { isEditableTarget, matchesShortcut } from './shortcuts';

/** One keyboard listener for the whole app, driven by the command registry. */
export function useShortcuts(): void {
  const services = useServices();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const state = services.store.getState();
      // Review mode owns the plain keys while it runs.
      if (state.review && !event.ctrlKey && !event.metaKey && event.key !== '?') return;
      const typing = isEditableTarget(event.target);
      for (const command of COMMANDS) {
        if (typing && !command.global) continue;
        if (!command.shortcuts.some((s) => matchesShortcut(event, s))) continue;
        if (command.enabled && !command.enabled(state)) return;
        // Copying text the user selected in a panel is the browser's job.
        if (command.id === 'copy' && (document.getSelection()?.toString() ?? '') !== '') return;
        event.preventDefault();
        runCommand(services, command.id);
        return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [services]);
}
