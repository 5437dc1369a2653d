import type { AppStore } from '../store/createAppStore';
import type { BackgroundTasks } from '../work/backgroundTasks';

/**
 * openFile (openDocument.ts), loaded when a file is first opened or dropped: the open and import
 * path is not needed to draw the first screen, and the editor's initial JavaScript has a budget.
 */
export async function openFile(store: AppStore, file: File, tasks?: BackgroundTasks): Promise<boolean> {
  const { openFile: open } = await import('./openDocument');
  return open(store, file, tasks);
}
