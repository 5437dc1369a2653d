import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState } from './appState';
import type { AppStore } from './createAppStore';
import type { CanvasBridge } from '../canvas/canvasBridge';
import type { Platform } from '../platform/platform';
import type { DocumentStorage } from './persistence';
import type { DocumentLibrary } from '../platform/documentLibrary';
import type { BackgroundTasks } from '../work/backgroundTasks';

/** What the app's components share: the store, the canvas bridge and the browser effects. */
export interface AppServices {
  store: AppStore;
  canvas: CanvasBridge;
  platform: Platform;
  /** Where the rule packs are kept between visits; null keeps them for this tab only. */
  packStorage: DocumentStorage | null;
  /** Where heavy work runs (a Web Worker in the app); without it, on this thread (see tasksOf). */
  tasks?: BackgroundTasks;
  /** The document library (every model in this browser); null or absent: the editor works in memory. */
  documents?: DocumentLibrary | null;
}

const ServicesContext = createContext<AppServices | null>(null);

export function AppProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices must be used inside <AppProvider>');
  return services;
}

/** Reads one slice of the app state; components re-render only when the selected value changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}

export function useStoreApi(): AppStore {
  return useServices().store;
}
