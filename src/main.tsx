// First, before the core builds its schemas (see the module and vite.config.ts).
import './ui/platform/noDynamicCode';
// Second: starts downloading the editor's code before the rest of this start-up code runs.
import { documentExpected } from './ui/documents/editorPrefetch';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import { shippedLibrary } from './core';
import './ui/styles/app.css';
import './ui/styles/defects.css';
import { App, preloadEditor, preloadStartScreen } from './ui/App';
import { createCanvasBridge } from './ui/canvas/canvasBridge';
import { showUncaughtErrors } from './ui/errors/globalErrors';
import { restorePacksInBackground } from './ui/library/startupPacks';
import { rememberOpenDocument, startupDocument } from './ui/documents/startupDocument';
import { browserDocumentLibrary, requestPersistentStorage } from './ui/platform/indexedDbDocumentLibrary';
import { libraryDocumentSlot } from './ui/platform/libraryDocumentStorage';
import { localPendingSaves } from './ui/platform/pendingSaves';
import { unavailableLibrary } from './ui/platform/unavailableLibrary';
import {
  browserLocalStorage,
  browserSessionStorage,
  localDocumentStorage,
  RULE_PACKS_KEY,
} from './ui/platform/localDocumentStorage';
import { browserPlatform } from './ui/platform/platform';
import { loadPanelPreference } from './ui/platform/panelPreference';
import { loadThemePreference } from './ui/platform/themePreference';
import { createAppStore } from './ui/store/createAppStore';
import { AppProvider } from './ui/store/StoreContext';
import { deferFirstAnalysis, releaseDeferredAnalysis } from './ui/store/deferredAnalysis';
import { createBackgroundTasks } from './ui/work/backgroundTasks';
import { workerClient } from './ui/work/workClient';

const root = createRoot(document.getElementById('root')!);
const tasks = createBackgroundTasks(workerClient());

async function start(): Promise<void> {
  // The editor's chunk (React Flow, the panels, the rules engine) downloads and compiles while the
  // library and the stored document load: it waited for the first render, a round trip and a
  // compile after everything else. Fetched at once when a document is known to be coming (a reload,
  // an autosave of earlier builds), else as soon as the library names one. Not behind the start
  // screen: there the editor then showed a file so soon after it was opened that a reload at once
  // came before the file was stored, and lost it.
  let editorLoading: Promise<unknown> | null = null;
  const loadEditor = () => (editorLoading ??= preloadEditor().catch(() => undefined));
  if (documentExpected()) void loadEditor();
  // Rule packs first: the autosaved model may use component types a pack defines. They are
  // checked in the background with a time budget, so a slow pack can no longer freeze every load.
  const baseLibrary = shippedLibrary();
  const packStorage = localDocumentStorage(undefined, RULE_PACKS_KEY);
  const checking = setTimeout(
    () =>
      root.render(
        <p className="startup-status" role="status">
          Checking your stored rule packs…
        </p>,
      ),
    200,
  );
  const library = browserDocumentLibrary();
  const pendingSaves = localPendingSaves(browserLocalStorage());
  const [packs, opening] = await Promise.all([
    restorePacksInBackground(packStorage, baseLibrary, tasks),
    // The autosave of earlier builds becomes a library document; then the document to show.
    startupDocument(library, browserLocalStorage(), browserSessionStorage(), { pendingSaves }),
  ]);
  clearTimeout(checking);
  if (opening.record) void loadEditor();
  void requestPersistentStorage();
  // Without a working library every write fails, so the editor warns and works in memory.
  const documents = opening.libraryWorks ? library : null;
  const slot = libraryDocumentSlot(documents ?? unavailableLibrary(), opening.record, pendingSaves);
  const store = createAppStore({
    baseLibrary,
    library: packs.library,
    rulePacks: packs.active,
    rejectedPacks: packs.rejected,
    storage: slot,
    theme: loadThemePreference(),
    panels: loadPanelPreference(),
  });
  if (packs.problems.length > 0 && store.getState().notice === null)
    store.getState().update({
      notice: {
        kind: 'warning',
        message: 'Some stored rule packs no longer load and are not in use; see Library for the problems.',
      },
    });
  showUncaughtErrors(store);
  rememberOpenDocument(store, browserSessionStorage());
  const services = {
    store,
    canvas: createCanvasBridge(),
    platform: browserPlatform,
    packStorage,
    tasks,
    documents,
  };
  // Drawn without a "Loading…" round when the start screen is what shows first.
  if (store.getState().view === 'start') await preloadStartScreen().catch(() => undefined);
  // When it could not load, the editor loads it again itself (and says so if it fails again).
  else await loadEditor();
  // Canvas first, findings a frame later (the canvas releases them once drawn); should the canvas
  // never draw (a crash), they come all the same.
  deferFirstAnalysis(store);
  setTimeout(() => void releaseDeferredAnalysis(store), 3000);

  root.render(
    <StrictMode>
      <AppProvider services={services}>
        <App />
      </AppProvider>
    </StrictMode>,
  );
}

void start();
