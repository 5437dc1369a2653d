import {
  formatProblems,
  type Finding,
  type Library,
  type Problem,
  type ThreatModelDocument,
} from '../../core';
import { reportFailure } from '../errors/reportFailure';
import { readFileText } from '../platform/platform';
import type { AppState, PendingImport } from '../store/appState';
import { primeFindings } from '../store/analysisCache';
import type { AppStore } from '../store/createAppStore';
import { packSources, tasksOf, type BackgroundTasks } from '../work/backgroundTasks';
import { WorkStopped } from '../work/workClient';

import { MAX_FILE_BYTES } from './fileNames';

const importer = () => import('../interop/importFile');

const UNCHANGED = 'The current model is unchanged.';

/**
 * Opens a picked or dropped file (see openDocumentText); refuses huge files unread. Never rejects:
 * a file that cannot be read, or an importer that cannot load, becomes a notice like a bad file.
 */
export async function openFile(
  store: AppStore,
  file: File,
  tasks: BackgroundTasks = tasksOf({ store }),
): Promise<boolean> {
  if (file.size > MAX_FILE_BYTES) {
    store.getState().update({
      notice: {
        kind: 'error',
        message: `Could not open ${file.name}: it is larger than 64 MB. ${UNCHANGED}`,
      },
    });
    return false;
  }
  try {
    return await openDocumentText(store, file.name, await readFileText(file), tasks);
  } catch (error) {
    reportFailure(store, `open ${file.name}`, error, UNCHANGED);
    return false;
  }
}

const hasModel = (s: AppState) =>
  s.view === 'editor' ||
  s.document.components.length + s.document.trustBoundaries.length + s.document.userThreats.length > 0;

/**
 * Opens file text of any format the core reads (ours, Threat Dragon v2, Threat Composer). On
 * failure a notice names the file and each problem's JSON path, and the open document is left
 * exactly as it was. A Threat Composer file, which holds threats but no diagram, first asks
 * whether to open it as a new model or add its threats to the open one.
 *
 * Reading, validation, layout and a first analysis run as a background task (a worker in the
 * app) with a progress indicator; the store changes only once the task has finished, so a
 * cancelled open changes nothing at all.
 */
export async function openDocumentText(
  store: AppStore,
  fileName: string,
  text: string,
  tasks: BackgroundTasks = tasksOf({ store }),
): Promise<boolean> {
  let result;
  // The worker's findings are those of the library in use when the job started.
  const library = store.getState().library;
  try {
    result = await tasks.run(`Opening ${fileName}`, {
      kind: 'openModel',
      fileName,
      text,
      packs: packSources(store),
    });
  } catch (error) {
    if (error instanceof WorkStopped && error.reason === 'cancelled') return false;
    throw error;
  }
  if (!result.ok) {
    store.getState().update({ notice: { kind: 'error', message: result.message } });
    return false;
  }
  if (result.format === 'threat-composer' && hasModel(store.getState())) {
    store.getState().update({
      notice: null,
      pendingImport: {
        fileName,
        document: result.document,
        notes: result.notes,
        placements: result.placements,
        formatLabel: result.formatLabel,
      },
    });
    return true;
  }
  await openAsNew(store, fileName, result.document, {
    warnings: result.warnings,
    notes: result.notes,
    heading: `Imported ${fileName} from ${result.formatLabel}`,
    native: result.format === 'aitm',
    remarks: [result.layoutNote, analysisRemark(result.analysisFailure)].flatMap((r) => (r ? [r] : [])),
    analysisFailed: result.analysisFailure !== null,
    ...(result.findings && store.getState().library === library
      ? { findings: { library, list: result.findings } }
      : {}),
  });
  return true;
}

const analysisRemark = (failure: string | null) =>
  failure &&
  `The threat analysis failed on this model (${failure}): it is open and can be edited and saved, but no threats are shown.`;

/**
 * Before a file replaces what is shown, the shown document gets a snapshot ("before import of x"):
 * the import itself goes into a new library document, and this keeps a named copy besides.
 */
async function snapshotBeforeImport(store: AppStore, fileName: string): Promise<void> {
  if (!hasModel(store.getState())) return;
  await store.getState().takeSnapshot(`before import of ${fileName}`);
}

async function openAsNew(
  store: AppStore,
  fileName: string,
  document: ThreatModelDocument,
  how: {
    warnings: readonly Problem[];
    notes: string[];
    heading: string;
    native: boolean;
    /** Said before the warnings: a fallback layout, a failed analysis. */
    remarks?: string[];
    analysisFailed?: boolean;
    /** A big model's findings, made by the background worker (see workJobs.ts). */
    findings?: { library: Library; list: Finding[] };
  },
): Promise<void> {
  await snapshotBeforeImport(store, fileName);
  // A new library document (see persistence.ts): the one shown before keeps its own record.
  // An imported model gets its file name from its title, not from the other tool's file.
  // Before the document is shown: the panels read its findings as soon as it is.
  if (how.findings && store.getState().library === how.findings.library)
    primeFindings(document, how.findings.library, how.findings.list);
  store.getState().replaceDocument(document, how.native ? fileName : null);
  const remarks = how.remarks ?? [];
  const lines = [...remarks, ...(how.warnings.length ? [formatProblems(fileName, how.warnings, 10)] : [])];
  store.getState().update({
    notice: lines.length
      ? {
          kind: how.analysisFailed ? 'warning' : 'info',
          message: `Opened ${fileName}:\n${lines.join('\n')}`,
        }
      : null,
    importNotes: how.notes.length > 0 ? { heading: how.heading, notes: how.notes } : null,
    pendingImport: null,
  });
}

/** The user's answer to the Threat Composer question. Never rejects: a failure closes the question with a notice. */
export async function resolvePendingImport(
  store: AppStore,
  choice: 'new' | 'merge' | 'cancel',
): Promise<void> {
  const pending = store.getState().pendingImport;
  if (!pending) return;
  try {
    await answerPendingImport(store, pending, choice);
  } catch (error) {
    store.getState().update({ pendingImport: null });
    reportFailure(store, `import ${pending.fileName}`, error, UNCHANGED);
  }
}

async function answerPendingImport(
  store: AppStore,
  pending: PendingImport,
  choice: 'new' | 'merge' | 'cancel',
): Promise<void> {
  if (choice === 'cancel') {
    store.getState().update({ pendingImport: null });
    return;
  }
  const heading = `Imported ${pending.fileName} from ${pending.formatLabel ?? 'Threat Composer'}`;
  if (choice === 'new') {
    await openAsNew(store, pending.fileName, pending.document, {
      warnings: [],
      notes: pending.notes,
      heading,
      native: false,
    });
    return;
  }
  const { mergeThreats } = await importer();
  await snapshotBeforeImport(store, pending.fileName);
  const { document, library } = store.getState();
  const merged = mergeThreats(
    pending.fileName,
    document,
    pending.document.userThreats,
    library.catalogue,
    pending.placements,
  );
  if (!merged.ok) {
    store.getState().update({ pendingImport: null, notice: { kind: 'error', message: merged.message } });
    return;
  }
  // One undoable change: Undo takes the threats out again.
  store.getState().change(() => merged.document);
  store.getState().update({
    pendingImport: null,
    view: 'editor',
    sidePanel: 'threats',
    importNotes: { heading, notes: [...merged.notes, ...pending.notes] },
  });
}
