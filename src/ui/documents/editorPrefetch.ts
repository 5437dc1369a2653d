import { AUTOSAVE_KEY, browserLocalStorage, browserSessionStorage } from '../platform/localDocumentStorage';

/**
 * Starts downloading the editor's code (React Flow, the panels, the element edits) as early as
 * the page can, when a document is sure to open. main.tsx imports this module right after
 * noDynamicCode, so its body runs before the rest of the start-up code is evaluated: the request
 * went out only once all of it had run (about 100 ms at start-up), and the editor's chunk then
 * arrived after the document was read, on the way to the first paint. App.tsx's preloadEditor
 * imports the editor through importWorkspace too, and gets these very downloads.
 */

/** The editor's chunk (its one import in the app: each import names the chunk's dependencies again). */
export const importWorkspace = () => import('../layout/Workspace');

/** Which document this tab showed, so a reload reopens it (other tabs keep their own). */
export const OPEN_DOCUMENT_KEY = 'aitm.openDocument.v1';

/** True when this page load is sure to open a document: a reload of a tab that showed one, or an old autosave. */
export function documentExpected(): boolean {
  try {
    return (
      browserSessionStorage()?.getItem(OPEN_DOCUMENT_KEY) != null ||
      browserLocalStorage()?.getItem(AUTOSAVE_KEY) != null
    );
  } catch {
    return false;
  }
}

// A failure is App.tsx's to report: it imports the same module again and shows what went wrong.
// (The element edits, editorActions.ts, are in the start-up code already: App.tsx imports them.)
if (documentExpected()) void importWorkspace().catch(() => undefined);
