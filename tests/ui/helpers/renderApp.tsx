import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import { createEmptyDocument, type Library, type ThreatModelDocument } from '../../../src/core/index';
import { App } from '../../../src/ui/App';
import { createCanvasBridge } from '../../../src/ui/canvas/canvasBridge';
import type { Platform } from '../../../src/ui/platform/platform';
import { createAppStore } from '../../../src/ui/store/createAppStore';
import type { DocumentStorage } from '../../../src/ui/store/persistence';
import { AppProvider } from '../../../src/ui/store/StoreContext';
import { testLibrary } from './testLibrary';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** What React Flow needs from a browser that jsdom lacks. */
export function installBrowserShims(): void {
  class ResizeObserverShim {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver ??= ResizeObserverShim as unknown as typeof ResizeObserver;
  globalThis.DOMMatrixReadOnly ??= class {
    m22 = 1;
  } as unknown as typeof DOMMatrixReadOnly;
}

export function memoryStorage(
  initial: string | null = null,
): DocumentStorage & { text: string | null; saves: number } {
  return {
    text: initial,
    saves: 0,
    load() {
      return this.text;
    },
    save(text: string) {
      this.text = text;
      this.saves++;
    },
  };
}

export interface RenderOptions {
  document?: ThreatModelDocument;
  library?: Library;
  storage?: DocumentStorage | null;
  ui?: ReactElement;
}

/** Renders the app (or one panel) with its own store, a fake platform and the test library. */
export function renderApp(options: RenderOptions = {}) {
  installBrowserShims();
  const library = options.library ?? testLibrary();
  const store = createAppStore({
    library,
    ...(options.storage === undefined
      ? { document: options.document ?? createEmptyDocument('Test model') }
      : { storage: options.storage }),
    ...(options.storage !== undefined && options.document ? { document: options.document } : {}),
    autosaveDelayMs: 10,
  });
  const downloads: { fileName: string; text: string; mimeType: string }[] = [];
  const platform: Platform & { nextFile: File | null } = {
    nextFile: null,
    download: (fileName, text, mimeType) => void downloads.push({ fileName, text, mimeType }),
    downloadUrl: (fileName, url) => void downloads.push({ fileName, text: url, mimeType: 'url' }),
    pickFile: vi.fn(async () => platform.nextFile),
  };
  const services = { store, canvas: createCanvasBridge(), platform };
  const user = userEvent.setup();
  const result = render(<AppProvider services={services}>{options.ui ?? <App />}</AppProvider>);
  return { ...result, store, user, platform, downloads, services };
}
