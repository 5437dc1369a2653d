import { lazy, Suspense, useEffect, type DragEvent } from 'react';
import { loadElementActions } from './commands/editorActions';
import { useShortcuts } from './commands/useShortcuts';
import { ImportNotesPanel } from './dialogs/ImportNotesPanel';
import { DeletedDocumentNotice } from './dialogs/DeletedDocumentNotice';
import { Notices } from './dialogs/Notices';
import { importWorkspace } from './documents/editorPrefetch';
import { openFile } from './documents/openFileLazily';
import { CrashBoundary } from './errors/CrashBoundary';
import { runReported } from './errors/reportFailure';
import { SkipLinks } from './layout/SkipLinks';
import { applyTheme, saveThemePreference } from './platform/themePreference';
import { useAppStore, useServices } from './store/StoreContext';
import { Toolbar } from './toolbar/Toolbar';
import { tasksOf } from './work/backgroundTasks';
import { WorkProgress } from './work/WorkProgress';
import './styles/panels.css';

const HelpDialog = lazy(() => import('./dialogs/HelpDialog'));
// The editor (React Flow and the panels) is not needed to draw the start screen; the import
// choice appears only after a Threat Composer file was opened.
let editorModule: typeof import('./layout/Workspace') | null = null;
/** Loads the editor's chunk (tests load it up front, so the editor renders without a Suspense round). */
export const preloadEditor = () =>
  // With the element edits, so the editor's shortcuts (Delete, Ctrl+D…) act synchronously.
  Promise.all([importWorkspace(), loadElementActions()]).then(([m]) => {
    editorModule = m;
    return m;
  });
const LazyWorkspace = lazy(() => preloadEditor().then((m) => ({ default: m.Workspace })));
/** The editor, drawn at once when its chunk is in (no Suspense round), else once it loads. */
function EditorWorkspace() {
  if (editorModule) return <editorModule.Workspace />;
  return (
    <Suspense fallback={<p className="workspace-loading muted">Loading the editor…</p>}>
      <LazyWorkspace />
    </Suspense>
  );
}
// The start screen (and the templates' descriptions) is not needed when a document opens
// straight into the editor, which is the usual start: it is loaded like the editor.
let startModule: typeof import('./dialogs/StartScreen') | null = null;
/** Loads the start screen's chunk (tests load it up front, like the editor's). */
export const preloadStartScreen = () =>
  import('./dialogs/StartScreen').then((m) => {
    startModule = m;
    return m;
  });
const LazyStartScreen = lazy(() => preloadStartScreen().then((m) => ({ default: m.StartScreen })));
function StartView() {
  if (startModule) return <startModule.StartScreen />;
  return (
    <Suspense fallback={<p className="workspace-loading muted">Loading…</p>}>
      <LazyStartScreen />
    </Suspense>
  );
}
const ImportChoiceDialog = lazy(() =>
  import('./dialogs/ImportChoiceDialog').then((m) => ({ default: m.ImportChoiceDialog })),
);
const LibraryDialog = lazy(() => import('./library/LibraryDialog'));
const AnalysisFailureNotice = lazy(() => import('./dialogs/AnalysisFailureNotice'));
const DocumentsDialog = lazy(() => import('./dialogs/DocumentsDialog'));

/** The app: the editor inside a boundary that, if it crashes, still offers the model for download. */
export function App() {
  return (
    <CrashBoundary area="editor" variant="app">
      <Editor />
    </CrashBoundary>
  );
}

/** The editor shell: toolbar, notices, start screen or workspace, and the dialogs. */
function Editor() {
  const services = useServices();
  const { store } = services;
  const view = useAppStore((s) => s.view);
  const helpOpen = useAppStore((s) => s.helpOpen);
  const libraryOpen = useAppStore((s) => s.libraryOpen);
  const importPending = useAppStore((s) => s.pendingImport !== null);
  const documentsOpen = useAppStore((s) => s.documentsOpen);
  const theme = useAppStore((s) => s.theme);
  const update = useAppStore((s) => s.update);
  useShortcuts();

  useEffect(() => {
    applyTheme(theme);
    saveThemePreference(theme);
  }, [theme]);

  useEffect(() => {
    // Write a pending autosave when the page is hidden; when it goes away (reload, tab close),
    // also keep what the background write may not finish before it does.
    const flush = () => store.getState().flushAutosave();
    const leave = () => store.getState().keepUnsavedChanges();
    // Work that autosave could not keep (storage full, another tab's newer version): ask first.
    const guard = (event: BeforeUnloadEvent) => {
      const s = store.getState();
      if (s.autosaveConflict !== null || s.storageWarning !== null) event.preventDefault();
    };
    window.addEventListener('pagehide', leave);
    window.addEventListener('beforeunload', guard);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('beforeunload', guard);
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
    // openFile reports its own failures; this catches what it could not foresee.
    runReported(store, `open ${file.name}`, () => openFile(store, file, tasksOf(services)));
  };

  return (
    <div className="app" onDragOver={onDragOver} onDrop={onDrop}>
      {view === 'editor' && <SkipLinks />}
      <Toolbar />
      <Notices />
      {view === 'editor' && (
        <Suspense fallback={null}>
          <AnalysisFailureNotice />
        </Suspense>
      )}
      <DeletedDocumentNotice />
      <WorkProgress />
      <ImportNotesPanel />
      {view === 'start' ? <StartView /> : <EditorWorkspace />}
      {importPending && (
        <Suspense fallback={null}>
          <ImportChoiceDialog />
        </Suspense>
      )}
      {helpOpen && (
        <CrashBoundary area="help dialog" variant="dialog" onClose={() => update({ helpOpen: false })}>
          <Suspense fallback={null}>
            <HelpDialog />
          </Suspense>
        </CrashBoundary>
      )}
      {libraryOpen && (
        <CrashBoundary area="library dialog" variant="dialog" onClose={() => update({ libraryOpen: false })}>
          <Suspense fallback={null}>
            <LibraryDialog />
          </Suspense>
        </CrashBoundary>
      )}
      {documentsOpen && (
        <CrashBoundary
          area="documents dialog"
          variant="dialog"
          onClose={() => update({ documentsOpen: false })}
        >
          <Suspense fallback={null}>
            <DocumentsDialog />
          </Suspense>
        </CrashBoundary>
      )}
    </div>
  );
}
