import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './ui/styles/app.css';
import { App } from './ui/App';
import { createCanvasBridge } from './ui/canvas/canvasBridge';
import { localDocumentStorage } from './ui/platform/localDocumentStorage';
import { browserPlatform } from './ui/platform/platform';
import { loadThemePreference } from './ui/platform/themePreference';
import { createAppStore } from './ui/store/createAppStore';
import { AppProvider } from './ui/store/StoreContext';

const store = createAppStore({ storage: localDocumentStorage(), theme: loadThemePreference() });
const services = { store, canvas: createCanvasBridge(), platform: browserPlatform };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider services={services}>
      <App />
    </AppProvider>
  </StrictMode>,
);
