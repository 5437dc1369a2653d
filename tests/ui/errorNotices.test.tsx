// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serialiseDocument } from '../../src/core/index';
import { showUncaughtErrors } from '../../src/ui/errors/globalErrors';
import { createAppStore } from '../../src/ui/store/createAppStore';
import { apiModel } from '../support/modelBuilders';
import { renderApp } from './helpers/renderApp';
import { testLibrary } from './helpers/testLibrary';

/** Failures the mocked modules below throw while set; every test starts with none. */
const failures = vi.hoisted(() => ({ layout: null as Error | null, markdown: null as Error | null }));
afterEach(() => {
  failures.layout = null;
  failures.markdown = null;
});

vi.mock('../../src/ui/canvas/autoLayout', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ui/canvas/autoLayout')>();
  return {
    ...actual,
    autoLayout: async (doc: Parameters<typeof actual.autoLayout>[0]) => {
      if (failures.layout) throw failures.layout;
      return actual.autoLayout(doc);
    },
  };
});

vi.mock('../../src/ui/interop/exportFiles', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ui/interop/exportFiles')>();
  const markdown = actual.TEXT_EXPORTS.markdownReport;
  return {
    ...actual,
    TEXT_EXPORTS: {
      ...actual.TEXT_EXPORTS,
      markdownReport: {
        ...markdown,
        build: (...args: Parameters<typeof markdown.build>) => {
          if (failures.markdown) throw failures.markdown;
          return markdown.build(...args);
        },
      },
    },
  };
});

/** A file the browser cannot read (moved, permissions): `text()` rejects as Chromium's does. */
function unreadableFile(name: string): File {
  const file = new File(['{}'], name, { type: 'application/json' });
  Object.defineProperty(file, 'text', {
    value: () => Promise.reject(new DOMException('The requested file could not be read', 'NotReadableError')),
  });
  return file;
}

async function exportVia(setup: ReturnType<typeof renderApp>, item: string) {
  await setup.user.click(screen.getByRole('button', { name: 'Export' }));
  await setup.user.click(
    within(screen.getByRole('menu', { name: 'Export' })).getByRole('menuitem', { name: item }),
  );
}

describe('failures of async actions are shown, never swallowed', () => {
  it('a file that cannot be read shows why, keeps the model, and the notice can be dismissed', async () => {
    const setup = renderApp({ document: apiModel() });
    const before = setup.store.getState().document;
    setup.platform.nextFile = unreadableFile('notes.aitm.json');
    await setup.user.click(screen.getByRole('button', { name: 'Open file…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Could not open notes.aitm.json: The requested file could not be read. The current model is unchanged.',
    );
    expect(setup.store.getState().document).toBe(before);
    await setup.user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a dropped file that cannot be read shows why', async () => {
    const { container, store } = renderApp({ document: apiModel() });
    const before = store.getState().document;
    const file = unreadableFile('dropped.json');
    fireEvent.drop(container.querySelector('.app')!, { dataTransfer: { files: [file], types: ['Files'] } });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not open dropped.json: The requested file could not be read.',
    );
    expect(store.getState().document).toBe(before);
  });

  it('a file picker that fails shows why', async () => {
    const setup = renderApp({ document: apiModel() });
    setup.platform.pickFile = vi.fn(async () => {
      throw new Error('the file picker is blocked');
    });
    await setup.user.click(screen.getByRole('button', { name: 'Open file…' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not open the file: the file picker is blocked. The current model is unchanged.Dismiss',
    );
  });

  it('a failing export names the export and the reason, and downloads nothing', async () => {
    const setup = renderApp({ document: apiModel() });
    failures.markdown = new Error('the report is too large');
    await exportVia(setup, 'Markdown report');
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not export the Markdown report: the report is too large.',
    );
    expect(setup.downloads).toEqual([]);

    // The same export works once the cause is gone, and the next one replaces the notice.
    failures.markdown = null;
    await exportVia(setup, 'Markdown report');
    await waitFor(() => expect(setup.downloads.map((d) => d.fileName)).toEqual(['chat-service.report.md']));
  });

  it('a failing auto-layout shows the reason and leaves the model and its history as they were', async () => {
    const setup = renderApp({ document: apiModel() });
    const before = setup.store.getState().document;
    failures.layout = new Error('the layout engine ran out of memory');
    await setup.user.click(screen.getByRole('button', { name: 'Auto layout' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'Could not lay out the model: the layout engine ran out of memory. The model is unchanged.',
    );
    expect(setup.store.getState().document).toBe(before);
    expect(setup.store.getState().history.past).toEqual([]);

    // From the keyboard too.
    await setup.user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    fireEvent.keyDown(window, { key: 'L', shiftKey: true });
    expect((await screen.findByRole('alert')).textContent).toContain('Could not lay out the model');
  });

  it('a layout engine that cannot be loaded tells the user to reload', async () => {
    const setup = renderApp({ document: apiModel() });
    failures.layout = new TypeError(
      'Failed to fetch dynamically imported module: http://localhost/assets/elk.bundled-x1y2.js',
    );
    await setup.user.click(screen.getByRole('button', { name: 'Auto layout' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not lay out the model: part of the app could not be loaded (the connection dropped, or a newer version was published); reload the page. The model is unchanged.',
    );
  });

  it('a rule pack that cannot be read shows why in the library dialog, which stays usable', async () => {
    const setup = renderApp({ document: apiModel() });
    const before = setup.store.getState().library;
    await setup.user.click(screen.getByRole('button', { name: 'Threat library and rule packs' }));
    const dialog = await screen.findByRole('dialog', { name: 'Threat library' });
    setup.platform.nextFile = unreadableFile('pack.json');
    const add = within(dialog).getByRole('button', { name: 'Add a rule pack…' });
    await setup.user.click(add);
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain(
      'Could not load pack.json: The requested file could not be read. The library in use is unchanged.',
    );
    expect(setup.store.getState().library).toBe(before);
    expect((add as HTMLButtonElement).disabled).toBe(false);
    await setup.user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('a command that throws synchronously is reported too', async () => {
    const setup = renderApp({ document: apiModel() });
    setup.platform.download = () => {
      throw new Error('downloads are blocked by policy');
    };
    await setup.user.click(screen.getByRole('button', { name: 'Save (download)' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Could not save the model: downloads are blocked by policy.',
    );
    expect(serialiseDocument(setup.store.getState().document)).toBe(serialiseDocument(apiModel()));
  });

  it('an unhandled rejection anywhere still ends in a notice', () => {
    const store = createAppStore({ library: testLibrary(), document: apiModel() });
    const target = new EventTarget();
    const stop = showUncaughtErrors(store, target as unknown as Window);
    const rejection = Object.assign(new Event('unhandledrejection'), {
      reason: new Error('lost in a promise'),
    });
    target.dispatchEvent(rejection);
    expect(store.getState().notice).toEqual({
      kind: 'error',
      message: 'Could not finish an action: lost in a promise.',
    });
    const resize = Object.assign(new Event('error'), { message: 'ResizeObserver loop limit exceeded' });
    store.getState().update({ notice: null });
    target.dispatchEvent(resize);
    expect(store.getState().notice).toBeNull();
    stop();
    target.dispatchEvent(rejection);
    expect(store.getState().notice).toBeNull();
  });
});
