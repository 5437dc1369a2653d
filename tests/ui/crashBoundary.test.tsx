// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renameDocument, serialiseDocument, type ThreatModelDocument } from '../../src/core/index';
import { asStored, autosavedDocument } from './helpers/crashHelpers';
import { apiModel } from '../support/modelBuilders';
import { memoryStorage, renderApp } from './helpers/renderApp';

/** Which mocked parts throw while rendering; every test starts with none. */
const crash = vi.hoisted(() => ({ inspector: false, threats: false, toolbar: false }));
beforeEach(() => {
  // React reports every error a boundary catches on the console; expected here.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  crash.inspector = crash.threats = crash.toolbar = false;
  vi.restoreAllMocks();
});

vi.mock('../../src/ui/inspector/Inspector', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ui/inspector/Inspector')>();
  return {
    Inspector: () => {
      if (crash.inspector) throw new Error('inspector exploded');
      return <actual.Inspector />;
    },
  };
});
vi.mock('../../src/ui/threats/ThreatPanel', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ui/threats/ThreatPanel')>();
  return {
    ThreatPanel: () => {
      if (crash.threats) throw new TypeError("Cannot read properties of undefined (reading 'severity')");
      return <actual.ThreatPanel />;
    },
  };
});
vi.mock('../../src/ui/toolbar/Toolbar', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ui/toolbar/Toolbar')>();
  return {
    Toolbar: () => {
      if (crash.toolbar) throw new Error('toolbar exploded');
      return <actual.Toolbar />;
    },
  };
});

const fallback = (name: string) => screen.getByRole('alert', { name });

describe('error boundaries keep the model safe', () => {
  it('a crash in the inspector shows its fallback; the canvas, toolbar and threats keep working', async () => {
    crash.inspector = true;
    const setup = renderApp({ document: apiModel() });
    const box = fallback('The inspector stopped working');
    expect(box.textContent).toContain('Something went wrong in the inspector: inspector exploded.');
    expect(console.error).toHaveBeenCalled();

    // The rest of the app is there and usable.
    expect(screen.getByRole('application', { name: 'Model canvas' })).toBeTruthy();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('tab', { name: 'Threats' })).toBeTruthy();
    const title = screen.getByRole('textbox', { name: 'Model title' });
    await setup.user.clear(title);
    await setup.user.type(title, 'Renamed');
    expect(setup.store.getState().document.meta.title).toBe('Renamed');

    // The download is exactly the serialised document, as it is now.
    await setup.user.click(within(box).getByRole('button', { name: 'Download the model (.aitm.json)' }));
    expect(setup.downloads).toEqual([
      {
        fileName: 'renamed.aitm.json',
        text: serialiseDocument(setup.store.getState().document),
        mimeType: 'application/json',
      },
    ]);

    // Once the cause is gone, Try again brings the inspector back.
    crash.inspector = false;
    await setup.user.click(within(box).getByRole('button', { name: 'Try again' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('region', { name: 'Inspector' })).toBeTruthy();
  });

  it('a crash in the threats panel leaves the canvas and the inspector working', async () => {
    crash.threats = true;
    const setup = renderApp({ document: apiModel() });
    const box = fallback('The threats panel stopped working');
    expect(box.textContent).toContain(
      "Something went wrong in the threats panel: Cannot read properties of undefined (reading 'severity').",
    );
    expect(screen.getByRole('region', { name: 'Inspector' })).toBeTruthy();
    // Switching to the dashboard gives that tab its own, healthy boundary.
    await setup.user.click(screen.getByRole('tab', { name: 'Dashboard' }));
    await waitFor(() =>
      expect(screen.queryByRole('alert', { name: 'The threats panel stopped working' })).toBeNull(),
    );
  });

  it('a crash of the whole editor still offers the model and a reload', async () => {
    crash.toolbar = true;
    const setup = renderApp({ document: apiModel() });
    const box = fallback('The editor stopped working');
    expect(box.textContent).toContain('Something went wrong: toolbar exploded.');
    expect(within(box).getByRole('button', { name: 'Reload the page' })).toBeTruthy();
    await setup.user.click(within(box).getByRole('button', { name: 'Download the model (.aitm.json)' }));
    expect(setup.downloads).toEqual([
      {
        fileName: 'chat-service.aitm.json',
        text: serialiseDocument(apiModel()),
        mimeType: 'application/json',
      },
    ]);
  });

  it('after a crash, a broken document never overwrites the autosave, and the download is the last valid one', async () => {
    const storage = memoryStorage();
    const setup = renderApp({ document: apiModel(), storage });
    const good = renameDocument(apiModel(), 'Last good version');
    setup.store.getState().change(() => good);
    await waitFor(() => expect(autosavedDocument(storage.text)).toEqual(asStored(good)));
    const savesBefore = storage.saves;

    crash.inspector = true;
    setup.store.getState().select(['c-api']);
    await screen.findByRole('alert', { name: 'The inspector stopped working' });

    // A state the schema rejects (what a bug might produce) arrives after the crash.
    const broken = { ...good, components: [...good.components, { id: 'c-bad', label: 42 }] };
    setup.store.getState().change(() => broken as unknown as ThreatModelDocument);
    await new Promise((r) => setTimeout(r, 60));
    setup.store.getState().flushAutosave();
    expect(storage.saves).toBe(savesBefore);
    expect(autosavedDocument(storage.text)).toEqual(asStored(good));

    // A fresh crash now says the download holds the version before the broken change.
    crash.inspector = true;
    const box = screen.getByRole('alert', { name: 'The inspector stopped working' });
    await setup.user.click(within(box).getByRole('button', { name: 'Try again' }));
    const again = await screen.findByRole('alert', { name: 'The inspector stopped working' });
    expect(again.textContent).toContain('The latest change did not pass the model checks');
    await setup.user.click(within(again).getByRole('button', { name: 'Download the model (.aitm.json)' }));
    expect(setup.downloads.at(-1)).toEqual({
      fileName: 'last-good-version.aitm.json',
      text: serialiseDocument(good),
      mimeType: 'application/json',
    });

    // Valid changes are autosaved again.
    const fixed = renameDocument(good, 'Fixed');
    setup.store.getState().change(() => fixed);
    await waitFor(() => expect(autosavedDocument(storage.text)).toEqual(asStored(fixed)));
  });
});
