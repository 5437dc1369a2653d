// First, before the core builds its schemas (see the module and vite.config.ts).
import './ui/platform/noDynamicCode';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import { shippedLibrary } from './core';
import './ui/styles/app.css';
import { App } from './ui/App';
import { createCanvasBridge } from './ui/canvas/canvasBridge';
import { showUncaughtErrors } from './ui/errors/globalErrors';
import { restorePacks } from './ui/library/rulePacks';
import { localDocumentStorage, RULE_PACKS_KEY } from './ui/platform/localDocumentStorage';
import { browserPlatform } from './ui/platform/platform';
import { loadThemePreference } from './ui/platform/themePreference';
import { createAppStore } from './ui/store/createAppStore';
import { AppProvider } from './ui/store/StoreContext';

// Rule packs first: the autosaved model may use component types a pack defines.
const baseLibrary = shippedLibrary();
const packStorage = localDocumentStorage(undefined, RULE_PACKS_KEY);
const packs = restorePacks(packStorage, baseLibrary);
const store = createAppStore({
  baseLibrary,
  library: packs.library,
  rulePacks: packs.active,
  rejectedPacks: packs.rejected,
  storage: localDocumentStorage(),
  theme: loadThemePreference(),
});
if (packs.problems.length > 0 && store.getState().notice === null)
  store.getState().update({
    notice: {
      kind: 'warning',
      message: 'Some stored rule packs no longer load and are not in use; see Library for the problems.',
    },
  });
showUncaughtErrors(store);
const services = { store, canvas: createCanvasBridge(), platform: browserPlatform, packStorage };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider services={services}>
      <App />
    </AppProvider>
  </StrictMode>,
);
