import {
  adoptGeometry,
  centredAt,
  createEmptyDocument,
  DEFAULT_BOUNDARY_SIZE,
  serialiseDocument,
} from '../../core';
import type { ImageFormat } from '../canvas/canvasBridge';
import { fileBaseName, saveFileName } from '../documents/fileNames';
import { openFile } from '../documents/openFileLazily';
import { takeSnapshotNow } from '../documents/libraryActions';
import { runReported } from '../errors/reportFailure';
import type { TextExport } from '../interop/exportFiles';
import type { AppState } from '../store/appState';
import type { AppServices } from '../store/StoreContext';
import { withElementActions } from './editorActions';
import { tasksOf } from '../work/backgroundTasks';
import { WorkStopped } from '../work/workClient';

/**
 * Every action the toolbar, menus and keyboard offer, in one registry: one place defines what it
 * does, when it is available and its shortcut, and the help dialog lists them from here.
 */
export interface Command {
  id: string;
  label: string;
  group: 'File' | 'Edit' | 'View' | 'Review' | 'Export';
  shortcuts: string[];
  run: (services: AppServices) => void | Promise<void>;
  /** Completes "Could not …" when `run` throws or rejects; defaults to the label. */
  failure?: string;
  /** What a failure means for the user's work, added to the notice. */
  failureNote?: string;
  enabled?: (state: AppState) => boolean;
  /** Shortcuts that work even while typing in a field. */
  global?: boolean;
}

const hasSelection = (s: AppState) => s.view === 'editor' && s.selection.length > 0;
const inEditor = (s: AppState) => s.view === 'editor';

/** A text export through its core function, named after the model's title. */
const exportText =
  (kind: TextExport) =>
  async ({ store, platform }: AppServices): Promise<void> => {
    // Loaded on use, like the exporters: the start screen's first load carries no rules engine.
    const [{ TEXT_EXPORTS }, { analysisFailureOf, findingsOf }] = await Promise.all([
      import('../interop/exportFiles'),
      import('../store/selectors'),
    ]);
    const { document, library } = store.getState();
    // A report without findings because the analysis crashed would claim the model is clean.
    const failure = analysisFailureOf(document, library);
    if (failure) throw new Error(`the threat analysis failed on this model (${failure})`);
    const { suffix, mime, build } = TEXT_EXPORTS[kind];
    platform.download(
      `${fileBaseName(document.meta.title)}${suffix}`,
      build(document, library, findingsOf(document, library)),
      mime,
    );
  };

/** The diagram as an image, rendered by the canvas. */
const exportImage =
  (format: ImageFormat) =>
  async ({ store, canvas, platform }: AppServices): Promise<void> => {
    const name = `${fileBaseName(store.getState().document.meta.title)}.${format}`;
    if (!canvas.current) throw new Error('the canvas is not shown');
    const image = await canvas.current.toImage(format);
    if (format === 'svg') platform.download(name, image, 'image/svg+xml');
    else platform.downloadUrl(name, image);
  };

export const COMMANDS: readonly Command[] = [
  {
    id: 'new',
    label: 'New model',
    group: 'File',
    shortcuts: ['Alt+N'],
    run: ({ store }) => store.getState().update({ view: 'start' }),
  },
  {
    id: 'open',
    label: 'Open file…',
    group: 'File',
    shortcuts: ['Mod+O'],
    global: true,
    failure: 'open the file',
    failureNote: 'The current model is unchanged.',
    run: async (services) => {
      const file = await services.platform.pickFile('.json,application/json');
      if (file) await openFile(services.store, file, tasksOf(services));
    },
  },
  {
    id: 'documents',
    label: 'Documents…',
    group: 'File',
    shortcuts: [],
    run: ({ store }) => store.getState().update({ documentsOpen: true }),
  },
  {
    id: 'snapshot',
    label: 'Take snapshot',
    group: 'File',
    shortcuts: [],
    enabled: inEditor,
    failure: 'take a snapshot',
    run: (services) => takeSnapshotNow(services),
  },
  {
    id: 'save',
    label: 'Save (download)',
    group: 'File',
    shortcuts: ['Mod+S'],
    global: true,
    enabled: inEditor,
    failure: 'save the model',
    run: ({ store, platform }) => {
      const { document, fileName } = store.getState();
      platform.download(
        saveFileName(document.meta.title, fileName),
        serialiseDocument(document),
        'application/json',
      );
    },
  },
  {
    id: 'share',
    label: 'Share as a live workshop…',
    group: 'File',
    shortcuts: [],
    enabled: inEditor,
    run: ({ store }) => store.getState().update({ shareOpen: true }),
  },
  {
    id: 'blank',
    label: 'Blank model',
    group: 'File',
    shortcuts: [],
    run: ({ store }) => store.getState().replaceDocument(createEmptyDocument()),
  },
  {
    id: 'undo',
    label: 'Undo',
    group: 'Edit',
    shortcuts: ['Mod+Z'],
    enabled: (s) => inEditor(s) && (s.collab ? s.collab.canUndo() : s.history.past.length > 0),
    run: ({ store }) => store.getState().undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    group: 'Edit',
    shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
    enabled: (s) => inEditor(s) && (s.collab ? s.collab.canRedo() : s.history.future.length > 0),
    run: ({ store }) => store.getState().redo(),
  },
  {
    id: 'delete',
    label: 'Delete selection',
    group: 'Edit',
    shortcuts: ['Delete', 'Backspace'],
    enabled: hasSelection,
    run: ({ store }) => withElementActions((a) => a.deleteSelection(store)),
  },
  {
    id: 'copy',
    label: 'Copy',
    group: 'Edit',
    shortcuts: ['Mod+C'],
    enabled: hasSelection,
    failure: 'copy the selection',
    run: ({ store }) => withElementActions((a) => a.copySelection(store)),
  },
  {
    id: 'paste',
    label: 'Paste',
    group: 'Edit',
    shortcuts: ['Mod+V'],
    enabled: (s) => inEditor(s) && s.clipboard !== null,
    failure: 'paste',
    run: ({ store }) => withElementActions((a) => a.pasteClipboard(store)),
  },
  {
    id: 'duplicate',
    label: 'Duplicate',
    group: 'Edit',
    shortcuts: ['Mod+D'],
    enabled: hasSelection,
    failure: 'duplicate the selection',
    run: ({ store }) => withElementActions((a) => a.duplicateSelection(store)),
  },
  {
    id: 'selectAll',
    label: 'Select all',
    group: 'Edit',
    shortcuts: ['Mod+A'],
    enabled: inEditor,
    run: ({ store }) => withElementActions((a) => a.selectAll(store)),
  },
  {
    id: 'addBoundary',
    label: 'Add trust boundary',
    group: 'Edit',
    shortcuts: ['B'],
    enabled: inEditor,
    run: ({ store, canvas }) => {
      const c = canvas.current?.viewportCenter() ?? { x: 0, y: 0 };
      return withElementActions((a) => a.addBoundaryInFreeSpace(store, centredAt(c, DEFAULT_BOUNDARY_SIZE)));
    },
  },
  {
    id: 'drawBoundary',
    label: 'Draw trust boundary',
    group: 'Edit',
    shortcuts: ['Shift+B'],
    enabled: inEditor,
    run: ({ store }) => store.getState().update({ drawingBoundary: !store.getState().drawingBoundary }),
  },
  {
    id: 'layout',
    label: 'Auto layout',
    group: 'View',
    shortcuts: ['Shift+L'],
    enabled: inEditor,
    failure: 'lay out the model',
    failureNote: 'The model is unchanged.',
    run: async (services) => {
      const { store } = services;
      const before = store.getState().document;
      let laidOut;
      try {
        laidOut = await tasksOf(services).run('Laying out the model', { kind: 'layout', document: before });
      } catch (error) {
        if (error instanceof WorkStopped && error.reason === 'cancelled') return;
        throw error;
      }
      // Edited while the layout ran: the layout is of an older model, so it is not applied.
      if (store.getState().document !== before)
        throw new Error('the model changed while it was being laid out; run Auto layout again');
      // Only the geometry: the worker's copy would replace every object, and with them the findings.
      store.getState().change((doc) => adoptGeometry(doc, laidOut.document));
      if (laidOut.layoutNote)
        store.getState().update({ notice: { kind: 'info', message: laidOut.layoutNote } });
      // As a model opens: fitted when that stays readable (zoom ≥ 0.75), otherwise on its first
      // components, handed to the canvas a slice per frame — fitting a thousand components drew
      // them all in one frame and blocked the page for most of a second.
      store.getState().focus('*');
    },
  },
  {
    id: 'fitView',
    label: 'Fit view',
    group: 'View',
    shortcuts: ['F'],
    enabled: inEditor,
    run: ({ canvas }) => canvas.current?.fitView(),
  },
  {
    id: 'snap',
    label: 'Snap to grid on/off',
    group: 'View',
    shortcuts: ['G'],
    enabled: inEditor,
    run: ({ store }) => store.getState().update({ snapToGrid: !store.getState().snapToGrid }),
  },
  {
    id: 'zoomIn',
    label: 'Zoom in',
    group: 'View',
    shortcuts: ['+', '='],
    enabled: inEditor,
    run: ({ canvas }) => canvas.current?.zoomIn(),
  },
  {
    id: 'zoomOut',
    label: 'Zoom out',
    group: 'View',
    shortcuts: ['-'],
    enabled: inEditor,
    run: ({ canvas }) => canvas.current?.zoomOut(),
  },
  {
    id: 'toggleLeftPanel',
    label: 'Show/hide components and outline panel',
    group: 'View',
    shortcuts: ['['],
    enabled: inEditor,
    run: ({ store }) => store.getState().update({ leftPanelOpen: !store.getState().leftPanelOpen }),
  },
  {
    id: 'toggleRightPanel',
    label: 'Show/hide inspector and findings panel',
    group: 'View',
    shortcuts: [']'],
    enabled: inEditor,
    run: ({ store }) => store.getState().update({ rightPanelOpen: !store.getState().rightPanelOpen }),
  },
  {
    id: 'toggleMinimap',
    label: 'Show/hide minimap',
    group: 'View',
    shortcuts: ['M'],
    enabled: inEditor,
    run: ({ store }) => store.getState().update({ minimapShown: !store.getState().minimapShown }),
  },
  {
    id: 'theme',
    label: 'Switch theme',
    group: 'View',
    shortcuts: [],
    run: ({ store }) => {
      const dark =
        store.getState().theme === 'dark' ||
        (store.getState().theme === 'system' &&
          globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches);
      store.getState().update({ theme: dark ? 'light' : 'dark' });
    },
  },
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    group: 'View',
    shortcuts: ['?'],
    run: ({ store }) => store.getState().update({ helpOpen: true }),
  },
  {
    id: 'escape',
    label: 'Clear selection / close',
    group: 'View',
    shortcuts: ['Escape'],
    run: ({ store }) => {
      const s = store.getState();
      if (s.drawingBoundary) s.update({ drawingBoundary: false });
      else if (s.helpOpen || s.libraryOpen) s.update({ helpOpen: false, libraryOpen: false });
      else s.select([]);
    },
  },
  {
    id: 'review',
    label: 'Review open findings',
    group: 'Review',
    shortcuts: ['R'],
    enabled: inEditor,
    run: ({ store }) => withElementActions((a) => a.startReview(store)),
  },
  {
    id: 'library',
    label: 'Threat library and rule packs',
    group: 'View',
    shortcuts: [],
    run: ({ store }) => store.getState().update({ libraryOpen: true }),
  },
  {
    id: 'exportJson',
    label: 'Export JSON report',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the JSON report',
    run: exportText('jsonReport'),
  },
  {
    id: 'exportMarkdown',
    label: 'Export Markdown report',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the Markdown report',
    run: exportText('markdownReport'),
  },
  {
    id: 'exportThreatDragon',
    label: 'Export Threat Dragon JSON',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the Threat Dragon file',
    run: exportText('threatDragon'),
  },
  {
    id: 'exportThreatComposer',
    label: 'Export Threat Composer JSON',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the Threat Composer file',
    run: exportText('threatComposer'),
  },
  {
    id: 'exportOtm',
    label: 'Export Open Threat Model (OTM)',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the OTM file',
    run: exportText('otm'),
  },
  {
    id: 'exportTmBom',
    label: 'Export TM-BOM JSON',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the TM-BOM file',
    run: exportText('tmBom'),
  },
  {
    id: 'exportCsv',
    label: 'Export findings as CSV',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the findings as CSV',
    run: exportText('findingsCsv'),
  },
  {
    id: 'exportSvg',
    label: 'Export diagram as SVG',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the diagram',
    run: exportImage('svg'),
  },
  {
    id: 'exportPng',
    label: 'Export diagram as PNG',
    group: 'Export',
    shortcuts: [],
    enabled: inEditor,
    failure: 'export the diagram',
    run: exportImage('png'),
  },
];

export const commandById = new Map(COMMANDS.map((c) => [c.id, c]));

/**
 * Runs a command from a button, menu or shortcut. Whatever it throws or rejects with is shown as
 * a notice naming the command and the reason: a failed open, layout or export is never silent.
 */
export function runCommand(services: AppServices, id: string): void {
  const command = commandById.get(id);
  if (!command) throw new Error(`unknown command "${id}"`);
  if (command.enabled && !command.enabled(services.store.getState())) return;
  runReported(
    services.store,
    command.failure ?? `run “${command.label}”`,
    () => command.run(services),
    command.failureNote,
  );
}
