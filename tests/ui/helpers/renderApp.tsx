import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import { createEmptyDocument, type Library, type ThreatModelDocument } from '../../../src/core/index';
import { App, preloadEditor, preloadStartScreen } from '../../../src/ui/App';
import { createCanvasBridge } from '../../../src/ui/canvas/canvasBridge';
import type { CombinedLibrary } from '../../../src/ui/library/rulePacks';
import type { DocumentLibrary } from '../../../src/ui/platform/documentLibrary';
import type { DocumentSlot } from '../../../src/ui/platform/libraryDocumentStorage';
import type { Platform } from '../../../src/ui/platform/platform';
import { createAppStore } from '../../../src/ui/store/createAppStore';
import type { DocumentStorage } from '../../../src/ui/store/persistence';
import { AppProvider } from '../../../src/ui/store/StoreContext';
import type { BackgroundTasks } from '../../../src/ui/work/backgroundTasks';
import { testLibrary } from './testLibrary';

// The editor is a lazy chunk in the app; loaded here once, it renders at once as it did when static.
await preloadEditor();
await preloadStartScreen();

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

/**
 * One storage slot seen by several tabs: a save by one tab is heard by the others' `watch`, as
 * the browser's `storage` event does (never in the tab that wrote).
 */
export function sharedSlot(initial: string | null = null) {
  const slot = { text: initial, listeners: new Map<number, () => void>() };
  let tabs = 0;
  return {
    slot,
    tab(): DocumentStorage {
      const me = ++tabs;
      return {
        load: () => slot.text,
        save(text) {
          slot.text = text;
          for (const [tab, listener] of slot.listeners) if (tab !== me) listener();
        },
        watch(listener) {
          slot.listeners.set(me, listener);
          return () => slot.listeners.delete(me);
        },
      };
    },
  };
}

export interface RenderOptions {
  document?: ThreatModelDocument;
  library?: Library;
  storage?: DocumentStorage | DocumentSlot | null;
  /** Where rule packs are kept; a fresh memory storage by default. */
  packStorage?: DocumentStorage | null;
  tabId?: string;
  /** Rule packs restored at start-up (restorePacks), layered on `library`. */
  packs?: CombinedLibrary;
  ui?: ReactElement;
  /** Where heavy work runs; by default an in-thread lane per store (see tasksOf). */
  tasks?: BackgroundTasks;
  /** The document library the dialogs list (see documentPersistence.test.tsx). */
  documents?: DocumentLibrary;
}

/** Renders the app (or one panel) with its own store, a fake platform and the test library. */
export function renderApp(options: RenderOptions = {}) {
  installBrowserShims();
  const library = options.library ?? testLibrary();
  const store = createAppStore({
    ...(options.packs
      ? {
          baseLibrary: library,
          library: options.packs.library,
          rulePacks: options.packs.active,
          rejectedPacks: options.packs.rejected,
        }
      : { library }),
    ...(options.tabId ? { tabId: options.tabId } : {}),
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
  const packStorage = options.packStorage === undefined ? memoryStorage() : options.packStorage;
  const services = {
    store,
    canvas: createCanvasBridge(),
    platform,
    packStorage,
    ...(options.tasks ? { tasks: options.tasks } : {}),
    ...(options.documents ? { documents: options.documents } : {}),
  };
  const user = userEvent.setup();
  const result = render(<AppProvider services={services}>{options.ui ?? <App />}</AppProvider>);
  return { ...result, store, user, platform, downloads, services, packStorage };
}
