import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { serialiseDocument, type ThreatModelDocument } from '../../../src/core/index';

/** Small steps the browser tests share: downloads, the Export menu, opening and dropping files. */

export interface Downloaded {
  name: string;
  bytes: Buffer;
  text: string;
}

/** Runs `action` and returns the file the page downloaded because of it. */
export async function download(page: Page, action: () => Promise<unknown>): Promise<Downloaded> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  const bytes = readFileSync((await file.path())!);
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** Picks an entry of the toolbar's Export menu and returns the download. */
export async function exportFile(page: Page, item: string): Promise<Downloaded> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return download(page, () =>
    page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: item }).click(),
  );
}

/** Opens a file through the Open… button and the browser's file chooser. */
export async function openFile(page: Page, name: string, content: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open file…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

/**
 * Opens a model (built with tests/support/modelBuilders) the way a user opens a saved file: a
 * test starts from its own state without replaying another test's steps.
 */
export async function openModel(
  page: Page,
  doc: ThreatModelDocument,
  name = 'model.aitm.json',
): Promise<void> {
  await openFile(page, name, serialiseDocument(doc));
  await page.getByRole('textbox', { name: 'Model title' }).waitFor();
  if (doc.components.length > 0)
    await page
      .locator('.react-flow__node-component')
      .nth(doc.components.length - 1)
      .waitFor();
  await viewportSettled(page);
}

/**
 * Waits until the canvas stops moving: opening a model fits the view with an animation, and a
 * click during it lands beside its target.
 */
export async function viewportSettled(page: Page): Promise<void> {
  const transform = () =>
    page.evaluate(async () => {
      const read = () => document.querySelector('.react-flow__viewport')?.getAttribute('style') ?? '';
      const before = read();
      await new Promise((resolve) => setTimeout(resolve, 120));
      return before === read() ? before : null;
    });
  for (let i = 0; i < 50; i++) if ((await transform()) !== null) return;
  throw new Error('the canvas kept moving for 6 s');
}

/** Drops a file onto the window, as dragging it from the desktop does. */
export async function dropFile(page: Page, name: string, content: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type: 'application/json' }));
      return transfer;
    },
    { name, content },
  );
  await page.dispatchEvent('.app', 'dragover', { dataTransfer });
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A document record as the page's library keeps it (see src/ui/platform/documentLibrary.ts). */
export interface StoredRecord {
  id: string;
  title: string;
  updatedAt: number;
  text: string;
  snapshots: { label: string; text: string }[];
}

/** The documents in the page's IndexedDB library, newest change first. */
export function storedDocuments(page: Page): Promise<StoredRecord[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRecord[]>((resolve, reject) => {
        const request = indexedDB.open('aitm-documents');
        // Created as the app creates it, so reading first does not leave a database without its store.
        request.onupgradeneeded = () => request.result.createObjectStore('documents');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('documents').objectStore('documents').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve((all.result as StoredRecord[]).sort((a, b) => b.updatedAt - a.updatedAt));
          };
        };
      }),
  );
}
