import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { encodeAutosave } from '../../src/ui/store/autosaveRecord';
import { apiModel } from '../support/modelBuilders';
import { openModel, storedDocuments, viewportSettled } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/** The document library: nothing the user made is overwritten by opening, importing or starting another. */
describeInBrowser('document library in Chromium', () => {
  const title = (page: Page) => page.getByRole('textbox', { name: 'Model title' });
  const nodes = (page: Page) => page.locator('.react-flow__node-component');
  const documentsDialog = (page: Page) => page.getByRole('dialog', { name: 'Documents' });
  const openDocuments = async (page: Page) => {
    await page.getByRole('button', { name: 'Documents…' }).click();
    await documentsDialog(page).waitFor();
  };
  const titles = async (page: Page) => (await storedDocuments(page)).map((d) => d.title).sort();

  /** A blank model with one User, titled and autosaved. */
  const drawn = async (page: Page, name: string) => {
    await page.getByRole('button', { name: 'Blank model' }).click();
    await page.getByRole('button', { name: 'Add User' }).click();
    await title(page).fill(name);
    await expect.poll(() => titles(page)).toContain(name);
  };

  browserTest('opening a file never overwrites the current document', async ({ page }) => {
    await drawn(page, 'My first model');
    await openModel(page, apiModel(), 'chat.aitm.json');
    await expect.poll(() => title(page).inputValue()).toBe('Chat service');
    await expect.poll(() => titles(page)).toEqual(['Chat service', 'My first model']);
    const first = (await storedDocuments(page)).find((d) => d.title === 'My first model')!;
    expect(first.snapshots.map((s) => s.label)).toEqual(['before import of chat.aitm.json']);

    await openDocuments(page);
    const dialog = documentsDialog(page);
    expect(await dialog.getByRole('listitem', { name: 'Chat service' }).textContent()).toContain('Open here');
    await dialog.getByRole('button', { name: 'Open My first model' }).click();
    await expect.poll(() => title(page).inputValue()).toBe('My first model');
    await expect.poll(() => nodes(page).count()).toBe(1);
    expect(await nodes(page).first().textContent()).toContain('User');
  });

  browserTest('a snapshot taken by hand is restored as one undoable change', async ({ page }) => {
    await drawn(page, 'Snapshot me');
    await openDocuments(page);
    await documentsDialog(page).getByRole('button', { name: 'Take snapshot' }).click();
    await expect.poll(async () => (await storedDocuments(page))[0]?.snapshots.length).toBe(1);
    await documentsDialog(page).getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Add Inference API' }).click();
    await expect.poll(() => nodes(page).count()).toBe(2);
    await openDocuments(page);
    const dialog = documentsDialog(page);
    await dialog.getByRole('button', { name: 'Snapshots of Snapshot me' }).click();
    await dialog.getByRole('button', { name: /^Restore Snapshot/ }).click();
    await expect.poll(() => nodes(page).count()).toBe(1);
    await expect
      .poll(async () => (await storedDocuments(page))[0]?.snapshots.map((s) => s.label))
      .toEqual([
        expect.stringMatching(/^Snapshot \(/),
        expect.stringMatching(/^before restore of “Snapshot \(/),
      ]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => nodes(page).count()).toBe(2);
  });

  browserTest('delete asks first, and Undo brings the document back', async ({ page }) => {
    await drawn(page, 'Delete me');
    await page.getByRole('button', { name: 'New model' }).click();
    const list = page.getByRole('region', { name: 'Your documents' });
    await list.getByRole('button', { name: 'Delete Delete me' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Delete me”?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await titles(page)).toEqual(['Delete me']);

    await list.getByRole('button', { name: 'Delete Delete me' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => titles(page)).toEqual([]);
    await expect.poll(() => list.getByRole('button', { name: 'Open Delete me' }).count()).toBe(0);
    await page
      .getByRole('status', { name: 'Document deleted' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect.poll(() => titles(page)).toEqual(['Delete me']);
    await list.getByRole('button', { name: 'Open Delete me' }).click();
    await expect.poll(() => title(page).inputValue()).toBe('Delete me');
    await expect.poll(() => nodes(page).count()).toBe(1);
  });

  browserTest('the autosave of earlier builds becomes a document and opens', async ({ page }) => {
    const legacy = encodeAutosave(apiModel(), {
      owner: 'old-build',
      revision: 3,
      savedAt: 1_700_000_000_000,
    });
    await page.evaluate((text) => localStorage.setItem('aitm.autosave.v1', text), legacy);
    await page.reload();
    await expect.poll(() => title(page).inputValue()).toBe('Chat service');
    await viewportSettled(page);
    await expect.poll(() => nodes(page).count()).toBe(apiModel().components.length);
    await expect.poll(() => titles(page)).toEqual(['Chat service']);
    expect(await page.evaluate(() => localStorage.getItem('aitm.autosave.v1'))).toBeNull();
    // Migrated once: a reload opens the same document, not a second copy.
    await page.reload();
    await expect.poll(() => title(page).inputValue()).toBe('Chat service');
    expect(await titles(page)).toEqual(['Chat service']);
  });

  browserTest('a reload keeps every document, its snapshots and the one shown', async ({ page }) => {
    await drawn(page, 'Alpha');
    await page.getByRole('button', { name: 'New model' }).click();
    await drawn(page, 'Beta');
    await page.getByRole('button', { name: 'Add Inference API' }).click();
    await expect.poll(async () => (await storedDocuments(page))[0]?.text).toContain('inference-api');
    await page.reload();
    await expect.poll(() => title(page).inputValue()).toBe('Beta');
    await expect.poll(() => nodes(page).count()).toBe(2);
    await openDocuments(page);
    const dialog = documentsDialog(page);
    await dialog.getByRole('button', { name: 'Open Alpha' }).click();
    await expect.poll(() => title(page).inputValue()).toBe('Alpha');
    await expect.poll(() => nodes(page).count()).toBe(1);
    await page.reload();
    await expect.poll(() => title(page).inputValue()).toBe('Alpha');
    await page.getByRole('button', { name: 'New model' }).click();
    const list = page.getByRole('region', { name: 'Your documents' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
  });
});
