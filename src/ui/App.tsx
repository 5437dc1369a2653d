import { lazy, Suspense, useEffect, type DragEvent } from 'react';
import { useShortcuts } from './commands/useShortcuts';
import { Notices } from './dialogs/Notices';
import { StartScreen } from './dialogs/StartScreen';
import { openDocumentText } from './documents/openDocument';
import { Workspace } from './layout/Workspace';
import { applyTheme, saveThemePreference } from './platform/themePreference';
import { readFileText } from './platform/platform';
import { useAppStore, useStoreApi } from './store/StoreContext';
import { Toolbar } from './toolbar/Toolbar';

const HelpDialog = lazy(() => import('./dialogs/HelpDialog'));

/** The editor shell: toolbar, notices, start screen or workspace, and the help dialog. */
export function App() {
  const store = useStoreApi();
  const view = useAppStore((s) => s.view);
  const helpOpen = useAppStore((s) => s.helpOpen);
  const theme = useAppStore((s) => s.theme);
  useShortcuts();

  useEffect(() => {
    applyTheme(theme);
    saveThemePreference(theme);
  }, [theme]);

  useEffect(() => {
    // Write a pending autosave before the page goes away (reload, tab close).
    const flush = () => store.getState().flushAutosave();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [store]);

  const onDragOver = (event: DragEvent) => {
    if (event.dataTransfer.types.includes('Files')) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    const file = event.dataTransfer.files[0];
    if (!file) return;
    event.preventDefault();
    void readFileText(file).then((text) => openDocumentText(store, file.name, text));
  };

  return (
    <div className="app" onDragOver={onDragOver} onDrop={onDrop}>
      <Toolbar />
      <Notices />
      {view === 'start' ? <StartScreen /> : <Workspace />}
      {helpOpen && (
        <Suspense fallback={null}>
          <HelpDialog />
        </Suspense>
      )}
    </div>
  );
}
